package dev.pronto.examples;

import dev.pronto.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs an example by name: {@code java -jar examples/target/pronto-examples.jar NAME [options]}. Every example takes
 * {@code --host}, {@code --port}, {@code --workers}, {@code --idle-timeout}, {@code --header-timeout}, {@code --grace}
 * (seconds) and {@code --max-body} (bytes); {@code todo} also takes {@code --db PATH}.
 */
public final class Examples {
    /** One runnable example: its name, what it shows, its own flags, and how to start it. */
    private record Example(String name, String summary, Set<String> flags, Function<Options, Server> start) {
        Example(String name, String summary, Function<Options, Server> start) {
            this(name, summary, Set.of(), start);
        }
    }

    private static final List<Example> EXAMPLES = List.of(
            new Example("hello", "GET / answers Hello world!", o -> HelloExample.app().start(o.config())),
            new Example("async", "inline, asynchronous and blocking handlers side by side",
                    o -> AsyncExample.app().start(o.config())),
            new Example("router", "placeholders, methods, 404 and 405", o -> RouterExample.app().start(o.config())),
            new Example("request", "everything a request tells", o -> RequestExample.app().start(o.config())),
            new Example("response", "text, JSON, HTML, bytes, cookies, redirects, headers, any status",
                    o -> ResponseExample.app().start(o.config())),
            new Example("exceptions", "error handlers by type, a catch-all, HttpException",
                    o -> ExceptionsExample.app().start(o.config())),
            new Example("extend", "a request extension, before/after filters, completion callbacks",
                    o -> ExtendExample.app().start(o.config())),
            new Example("template", "HTML from FreeMarker templates", o -> TemplateExample.app().start(o.config())),
            new Example("todo", "a JSON todo API on SQLite [--db PATH]", Set.of("--db"), Examples::startTodo),
            new Example("dump", "the request as JSON, for tests", o -> DumpExample.app().start(o.config())),
            new Example("echo", "POST and PUT get their body back; other methods get OK",
                    o -> EchoExample.start(o.config())),
            new Example("bench", "the benchmark's routes: GET /, GET /json, POST /echo",
                    o -> BenchExample.app().start(o.config())));

    private Examples() {
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
        Options options;
        try {
            options = Options.parse(example.get().flags(), Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("options: " + Options.USAGE);
            System.exit(2);
            return;
        }
        Server server = example.get().start().apply(options);
        server.closeOnSignals();
        System.out.println("Accepting connections on http://" + hostForUrl(options.config().host()) + ":"
                + server.port() + " (" + options.config().eventLoops() + " loops)");
        server.awaitShutdown();
        System.out.println("Stopped");
    }

    /** The todo API on {@code --db PATH}, or on a temporary database deleted when the server stops. */
    private static Server startTodo(Options options) {
        Optional<String> db = options.extra("--db");
        if (db.isPresent()) {
            return TodoExample.app(Path.of(db.get())).start(options.config());
        }
        try {
            Path dir = Files.createTempDirectory("pronto-todo-");
            System.out.println("Database: " + dir.resolve("todos.db") + " (deleted on exit; keep one with --db PATH)");
            return TodoExample.app(dir.resolve("todos.db")).onStop(() -> deleteTree(dir)).start(options.config());
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

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
