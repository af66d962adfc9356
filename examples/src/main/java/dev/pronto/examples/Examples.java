package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Application;
import dev.pronto.Launcher;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs an example by name: {@code java -jar examples/target/pronto-examples.jar NAME [options]}. Every example takes
 * every server setting of {@link dev.pronto.Settings} as a flag, a system property or a {@code PRONTO_*}
 * environment variable ({@code PRONTO_PORT=9000 … todo}); {@code todo} also takes {@code --db PATH}, and the others
 * the launcher's settings ({@code --processes N}, {@code --help}).
 */
public final class Examples {
    /**
     * One runnable example: its name, what it shows, and the {@link Application} the launcher runs (in process, or in
     * each of the processes {@code --processes N} starts); {@code null} for {@code todo}, which has its own flag.
     */
    private record Example(String name, String summary, Class<? extends Application> app) {
    }

    private static final List<Example> EXAMPLES = List.of(
            new Example("hello", "GET / answers Hello world!", HelloApp.class),
            new Example("async", "inline, asynchronous and blocking handlers side by side", AsyncApp.class),
            new Example("router", "placeholders, methods, 404 and 405", RouterApp.class),
            new Example("request", "everything a request tells", RequestApp.class),
            new Example("response", "text, JSON, HTML, bytes, cookies, redirects, headers, any status",
                    ResponseApp.class),
            new Example("exceptions", "error handlers by type, a catch-all, HttpException", ExceptionsApp.class),
            new Example("extend", "a request extension, before/after filters, completion callbacks", ExtendApp.class),
            new Example("template", "HTML from FreeMarker templates", TemplateApp.class),
            new Example("todo", "a JSON todo API on SQLite [--db PATH] (one process)", null),
            new Example("orders", "route groups with auth, typed parameters, problem details", OrdersApp.class),
            new Example("dump", "the request as JSON, for tests", DumpApp.class),
            new Example("echo", "POST and PUT get their body back; other methods get OK", EchoApp.class),
            new Example("bench", "the benchmark's routes: GET /, GET /json, POST /echo", BenchApp.class),
            new Example("bench-observed", "the bench routes with Micrometer metrics (/metrics) and a JSON access log",
                    ObservedBenchApp.class),
            new Example("bigbody", "GET /big?mib=N answers N MiB from memory; GET / a small constant",
                    BigBodyApp.class));

    /** The browser origins {@code todo} allows, comma-separated: the example's own variable, no server setting. */
    static final String CORS_ORIGINS = "PRONTO_CORS_ORIGINS";

    private Examples() {
    }

    /** An example as an {@link Application}: each process creates it from its class name. */
    abstract static class Launched implements Application {
        private final Supplier<App> app;

        Launched(Supplier<App> app) {
            this.app = app;
        }

        @Override
        public Server start(ServerConfig config) {
            return app.get().start(config);
        }
    }

    /** {@code hello} for the launcher's processes. */
    public static final class HelloApp extends Launched {
        /** Creates it. */
        public HelloApp() {
            super(HelloExample::app);
        }
    }

    /** {@code orders} for the launcher's processes. */
    public static final class OrdersApp extends Launched {
        /** Creates it. */
        public OrdersApp() {
            super(OrdersExample::app);
        }
    }

    /** {@code async} for the launcher's processes. */
    public static final class AsyncApp extends Launched {
        /** Creates it. */
        public AsyncApp() {
            super(AsyncExample::app);
        }
    }

    /** {@code router} for the launcher's processes. */
    public static final class RouterApp extends Launched {
        /** Creates it. */
        public RouterApp() {
            super(RouterExample::app);
        }
    }

    /** {@code request} for the launcher's processes. */
    public static final class RequestApp extends Launched {
        /** Creates it. */
        public RequestApp() {
            super(RequestExample::app);
        }
    }

    /** {@code response} for the launcher's processes. */
    public static final class ResponseApp extends Launched {
        /** Creates it. */
        public ResponseApp() {
            super(ResponseExample::app);
        }
    }

    /** {@code exceptions} for the launcher's processes. */
    public static final class ExceptionsApp extends Launched {
        /** Creates it. */
        public ExceptionsApp() {
            super(ExceptionsExample::app);
        }
    }

    /** {@code extend} for the launcher's processes. */
    public static final class ExtendApp extends Launched {
        /** Creates it. */
        public ExtendApp() {
            super(ExtendExample::app);
        }
    }

    /** {@code template} for the launcher's processes. */
    public static final class TemplateApp extends Launched {
        /** Creates it. */
        public TemplateApp() {
            super(TemplateExample::app);
        }
    }

    /** {@code dump} for the launcher's processes. */
    public static final class DumpApp extends Launched {
        /** Creates it. */
        public DumpApp() {
            super(DumpExample::app);
        }
    }

    /** {@code bench} for the launcher's processes. */
    public static final class BenchApp extends Launched {
        /** Creates it. */
        public BenchApp() {
            super(BenchExample::app);
        }
    }

    /** {@code bench-observed} for the launcher's processes. */
    public static final class ObservedBenchApp extends Launched {
        /** Creates it. */
        public ObservedBenchApp() {
            super(BenchExample::observed);
        }
    }

    /** {@code bigbody} for the launcher's processes. */
    public static final class BigBodyApp extends Launched {
        /** Creates it. */
        public BigBodyApp() {
            super(BigBodyExample::app);
        }
    }

    /** {@code echo} for the launcher's processes. */
    public static final class EchoApp implements Application {
        @Override
        public Server start(ServerConfig config) {
            return EchoExample.start(config);
        }
    }

    /**
     * Starts the named example and serves until SIGTERM or SIGINT, then shuts down gracefully and exits 0. Without a
     * known name it lists the examples and exits 2.
     *
     * @param args the example's name, then options
     */
    public static void main(String[] args) {
        Optional<Example> example = args.length == 0 ? Optional.empty()
                : EXAMPLES.stream().filter(e -> e.name().equals(args[0])).findFirst();
        if (example.isEmpty()) {
            System.err.println("usage: java -jar pronto-examples.jar NAME " + Options.USAGE + "\n\nexamples:");
            EXAMPLES.forEach(e -> System.err.printf("  %-11s %s%n", e.name(), e.summary()));
            System.exit(2);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (example.get().app() != null) {
            System.exit(Launcher.run(rest, example.get().app()));
        }
        Options options;
        try {
            options = Options.parse(Set.of("--db"), Set.of(CORS_ORIGINS), rest);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("options: " + Options.USAGE);
            System.exit(2);
            return;
        }
        Server server = startTodo(options);
        server.closeOnSignals();
        System.out.println(Server.acceptingLine(options.config().host(), server.port(), 1,
                options.config().eventLoops()));
        server.awaitShutdown();
        System.out.println("Stopped");
    }

    /**
     * The todo service on {@code --db PATH}, or on a temporary database deleted when the server stops, with CORS for
     * the comma-separated origins of {@code PRONTO_CORS_ORIGINS} (none when unset).
     */
    private static Server startTodo(Options options) {
        List<String> origins = Arrays.stream(System.getenv().getOrDefault(CORS_ORIGINS, "").split(","))
                .map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        Optional<String> db = options.extra("--db");
        if (db.isPresent()) {
            return TodoExample.service(Path.of(db.get()), origins).start(options.config());
        }
        try {
            Path dir = Files.createTempDirectory("pronto-todo-");
            System.out.println("Database: " + dir.resolve("todos.db") + " (deleted on exit; keep one with --db PATH)");
            return TodoExample.service(dir.resolve("todos.db"), origins).onStop(() -> deleteTree(dir))
                    .start(options.config());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
