package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** The extension: the app started once per class from its {@code @ProntoApp}, the client a parameter. */
@Timeout(30)
@ExtendWith(ProntoExtension.class)
class ProntoExtensionTest {
    /** The tag of the classes that only these tests run. */
    static final String SPEC = "launched-by-a-test";

    private static final AtomicInteger APPS_MADE = new AtomicInteger();

    @ProntoApp
    static App app() {
        APPS_MADE.incrementAndGet();
        return new App().get("/", request -> Response.text("Hello world!"));
    }

    private int portSeenBeforeEach;

    @BeforeEach
    void rememberPort(TestServer server) {
        portSeenBeforeEach = server.port();
    }

    @Test
    void givesTheClientToATestMethod(TestClient client) {
        assertThat(client.get("/").send().text()).isEqualTo("Hello world!");
        assertThat(client.port()).isEqualTo(portSeenBeforeEach);
    }

    @Test
    void startsTheAppOncePerClass(TestClient client) {
        assertThat(client.get("/").send().status()).isEqualTo(200);
        assertThat(APPS_MADE).hasValue(1);
    }

    @Nested
    class Inner {
        @Test
        void sharesTheServerOfTheEnclosingClass(TestClient client) {
            assertThat(client.get("/").send().text()).isEqualTo("Hello world!");
            assertThat(APPS_MADE).hasValue(1);
        }
    }

    /** The same through {@code @RegisterExtension} and a supplier, with a static field for the app. */
    @Nested
    class Registered {
        @Test
        void runsTheRegisteredExtensionsApp() {
            SummaryGeneratingListener listener = run(RegisteredSpec.class);
            assertThat(listener.getSummary().getTestsSucceededCount()).as(failures(listener)).isEqualTo(1);
            assertThat(RegisteredSpec.STOPPED).isTrue();
        }
    }

    /** The registered extension, in memory. */
    @Nested
    class InMemory {
        @Test
        void runsTheAppInMemory() {
            SummaryGeneratingListener listener = run(InMemorySpec.class);
            assertThat(listener.getSummary().getTestsSucceededCount()).as(failures(listener)).isEqualTo(1);
        }
    }

    @Test
    void stopsTheServerAfterAFailingClass() {
        FailingSpec.STOPPED.set(false);
        SummaryGeneratingListener listener = run(FailingSpec.class);
        assertThat(listener.getSummary().getTestsFailedCount()).isEqualTo(1);
        assertThat(listener.getSummary().getFailures().get(0).getException()).hasMessage("the test failed");
        assertThat(FailingSpec.STOPPED).as("the app's stop hook ran").isTrue();
    }

    @Test
    void explainsAMissingApp() {
        SummaryGeneratingListener listener = run(NoAppSpec.class);
        assertThat(listener.getSummary().getFailures()).hasSize(1);
        assertThat(listener.getSummary().getFailures().get(0).getException())
                .hasMessageContaining("ProntoExtension found no app for").hasMessageContaining("@ProntoApp");
    }

    private static SummaryGeneratingListener run(Class<?> spec) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request().selectors(selectClass(spec)).build(), listener);
        return listener;
    }

    private static String failures(SummaryGeneratingListener listener) {
        StringBuilder b = new StringBuilder();
        for (TestExecutionSummary.Failure f : listener.getSummary().getFailures()) {
            b.append(f.getTestIdentifier().getDisplayName()).append(": ").append(f.getException()).append('\n');
        }
        return b.toString();
    }

    @Test
    void readsTheAppFromAStaticField() {
        SummaryGeneratingListener listener = run(FieldSpec.class);
        assertThat(listener.getSummary().getTestsSucceededCount()).as(failures(listener)).isEqualTo(1);
    }

    // The classes below run only through the launcher in the tests above: surefire excludes the tag (pom.xml).

    @Tag(SPEC)
    @ExtendWith(ProntoExtension.class)
    static class FailingSpec {
        static final AtomicBoolean STOPPED = new AtomicBoolean();

        @ProntoApp
        static App app() {
            return new App().get("/", request -> Response.text("up")).onStop(() -> STOPPED.set(true));
        }

        @Test
        void fails(TestClient client) {
            assertThat(client.get("/").send().text()).isEqualTo("up");
            throw new AssertionError("the test failed");
        }
    }

    @Tag(SPEC)
    @ExtendWith(ProntoExtension.class)
    static class FieldSpec {
        @ProntoApp
        static final App APP = new App().get("/", request -> Response.text("from a field"));

        @Test
        void answers(TestClient client) {
            assertThat(client.get("/").send().text()).isEqualTo("from a field");
        }
    }

    @Tag(SPEC)
    static class RegisteredSpec {
        static final AtomicBoolean STOPPED = new AtomicBoolean();

        @RegisterExtension
        static final ProntoExtension PRONTO = new ProntoExtension(() -> new App()
                .get("/", request -> Response.text("registered")).onStop(() -> STOPPED.set(true)));

        @Test
        void answers(TestClient client) {
            assertThat(client.get("/").send().text()).isEqualTo("registered");
        }
    }

    @Tag(SPEC)
    static class InMemorySpec {
        @RegisterExtension
        static final ProntoExtension PRONTO = ProntoExtension.inMemory(() -> new App()
                .get("/", request -> Response.text("in memory")));

        @Test
        void answers(TestClient client) {
            assertThat(client.port()).isZero();
            assertThat(client.get("/").send().text()).isEqualTo("in memory");
        }
    }

    @Tag(SPEC)
    @ExtendWith(ProntoExtension.class)
    static class NoAppSpec {
        @Test
        void neverRuns(TestClient client) {
            throw new AssertionError("unreachable");
        }
    }
}
