package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A JUnit 5 extension that starts an app once per test class, before its first test, and stops it after the last
 * (whether the tests passed or not); test methods, {@code @BeforeEach} and {@code @AfterEach} methods take its
 * {@link TestClient} (or its {@link TestServer}) as a parameter. The app comes from the class's {@link ProntoApp}
 * member, or from the supplier given to a {@code @RegisterExtension} field ({@link #inMemory} serves it with no
 * socket). {@code @Nested} classes share the server of the class around them unless they have a {@code @ProntoApp} of
 * their own.
 *
 * <pre>{@code
 * class TodoTest {
 *     @RegisterExtension
 *     static final ProntoExtension pronto = new ProntoExtension(() -> TodoExample.app(db));
 *
 *     @Test
 *     void listsNoTodosAtFirst(TestClient client) {
 *         assertEquals("[]", client.get("/todos").send().text());
 *     }
 * }
 * }</pre>
 */
public final class ProntoExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProntoExtension.class);
    private static final String SERVER = "server";

    private final Supplier<App> app; // null: the test class's @ProntoApp member
    private final ServerConfig config;
    private final boolean inMemory;

    /** Creates the extension for {@code @ExtendWith(ProntoExtension.class)}: the app is the {@link ProntoApp}. */
    public ProntoExtension() {
        this.app = null;
        this.config = ProntoTest.config();
        this.inMemory = false;
    }

    private ProntoExtension(Supplier<App> app, ServerConfig config, boolean inMemory) {
        this.app = Objects.requireNonNull(app, "app");
        this.config = Objects.requireNonNull(config, "config");
        this.inMemory = inMemory;
    }

    /**
     * Creates the extension for a static {@code @RegisterExtension} field, serving the app with no socket, as
     * {@link ProntoTest#inMemory(App)} does.
     *
     * @param app makes the app, once per test class
     * @return the extension
     */
    public static ProntoExtension inMemory(Supplier<App> app) {
        return new ProntoExtension(app, ProntoTest.config(), true);
    }

    /**
     * Creates the extension for a static {@code @RegisterExtension} field, with {@link ProntoTest#config()}.
     *
     * @param app makes the app, once per test class
     */
    public ProntoExtension(Supplier<App> app) {
        this(app, ProntoTest.config());
    }

    /**
     * Creates the extension for a static {@code @RegisterExtension} field.
     *
     * @param app    makes the app, once per test class
     * @param config the configuration; port 0 picks a free port
     */
    public ProntoExtension(Supplier<App> app, ServerConfig config) {
        this(app, config, false);
    }

    /**
     * Starts the class's app, unless it is a nested class without one of its own.
     *
     * @param context the test class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<App> own = declaredApp(context);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (own.isEmpty() && store.get(SERVER) != null) {
            return; // a @Nested class: the enclosing class's server (a store sees its parents' values)
        }
        App started = own.or(() -> Optional.ofNullable(app).map(Supplier::get)).orElseThrow(() ->
                new ExtensionConfigurationException("ProntoExtension found no app for "
                        + context.getRequiredTestClass().getName() + ": annotate a static field or method returning"
                        + " an App with @ProntoApp, or register new ProntoExtension(() -> app) on a static field"));
        store.put(SERVER, inMemory ? ProntoTest.inMemory(started, config, Clock.systemUTC())
                : ProntoTest.start(started, config));
    }

    /**
     * Stops the server this class started.
     *
     * @param context the test class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        // remove() sees this class's own store only, so a @Nested class never stops the enclosing class's server.
        TestServer server = context.getStore(NAMESPACE).remove(SERVER, TestServer.class);
        if (server != null) {
            server.close();
        }
    }

    /**
     * Tells whether a parameter is the client or the server.
     *
     * @param parameter the parameter
     * @param context   the context
     * @return whether its type is {@link TestClient} or {@link TestServer}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestClient.class || type == TestServer.class;
    }

    /**
     * Gives the running server's client, or the server.
     *
     * @param parameter the parameter
     * @param context   the context
     * @return the client or the server
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestServer server = context.getStore(NAMESPACE).get(SERVER, TestServer.class);
        if (server == null) {
            throw new ParameterResolutionException("No Pronto server is running for "
                    + parameter.getDeclaringExecutable() + ": register ProntoExtension on a static field (an instance"
                    + " field registers it after the class's servers start), and take the client in a test method,"
                    + " not a constructor of a PER_CLASS test instance");
        }
        return parameter.getParameter().getType() == TestServer.class ? server : server.client();
    }

    /** @return the app of the class's own {@code @ProntoApp} member, if it has one */
    private static Optional<App> declaredApp(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        List<Member> members = new ArrayList<>();
        members.addAll(AnnotationSupport.findAnnotatedFields(type, ProntoApp.class));
        members.addAll(AnnotationSupport.findAnnotatedMethods(type, ProntoApp.class,
                HierarchyTraversalMode.TOP_DOWN));
        if (members.isEmpty()) {
            return Optional.empty();
        }
        if (members.size() > 1) {
            throw new ExtensionConfigurationException(type.getName() + " has " + members.size()
                    + " @ProntoApp members; one app per test class: " + members);
        }
        Member member = members.get(0);
        Object target = null;
        if (!ModifierSupport.isStatic(member)) {
            target = context.getTestInstance().orElseThrow(() -> new ExtensionConfigurationException("@ProntoApp "
                    + member + " is not static: make it static, or use @TestInstance(PER_CLASS)"));
        }
        Object value;
        if (member instanceof Method method) {
            if (method.getParameterCount() != 0) {
                throw new ExtensionConfigurationException("@ProntoApp method " + method + " takes parameters");
            }
            value = ReflectionSupport.invokeMethod(method, target);
        } else {
            Field field = (Field) member;
            Object instance = target;
            value = ReflectionSupport.tryToReadFieldValue(field, instance).getOrThrow(e ->
                    new ExtensionConfigurationException("Cannot read @ProntoApp field " + field, e));
        }
        if (!(value instanceof App found)) {
            throw new ExtensionConfigurationException("@ProntoApp " + member + " gave " + value + ", not an App");
        }
        return Optional.of(found);
    }
}
