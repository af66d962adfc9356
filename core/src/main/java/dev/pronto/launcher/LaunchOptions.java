package dev.pronto.launcher;

import dev.pronto.ServerConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The launcher's command line: the engine's configuration plus how to run it (which application, how many
 * processes, reload). Flags take their value as the next argument or after {@code =}; times are in seconds.
 *
 * @param config    the server configuration
 * @param app       the application class name, if {@code --app} was given
 * @param processes how many processes (worker JVMs); 1 runs in this JVM (unless reloading)
 * @param reload    whether to replace the worker process on changes to classes or sources
 * @param sources   with reload: source folders to compile on change
 * @param classes   with reload: class folders to watch (empty: the class path's folders)
 * @param worker    whether this JVM is a worker started by a master (internal)
 * @param help      whether {@code --help} was asked for
 */
record LaunchOptions(ServerConfig config, Optional<String> app, int processes, boolean reload,
        List<Path> sources, List<Path> classes, boolean worker, boolean help) {

    /** The flag that sets each {@link ServerConfig} component, to name it in errors. */
    private static final Map<String, String> FLAG_OF_FIELD = Map.ofEntries(
            Map.entry("host", "--host"), Map.entry("port", "--port"), Map.entry("eventLoops", "--event-loops"),
            Map.entry("transport", "--transport"),
            Map.entry("shutdownGrace", "--grace"), Map.entry("idleTimeout", "--idle-timeout"),
            Map.entry("headerTimeout", "--header-timeout"), Map.entry("handlerTimeout", "--handler-timeout"),
            Map.entry("writeTimeout", "--write-timeout"), Map.entry("maxBodyBytes", "--max-body"),
            Map.entry("maxChunkBytes", "--max-chunk"), Map.entry("maxRequestLineBytes", "--max-request-line"),
            Map.entry("maxHeaderBytes", "--max-header-bytes"), Map.entry("maxHeaderCount", "--max-headers"),
            Map.entry("maxPipelinedRequests", "--max-pipelined"),
            Map.entry("maxQueuedWriteBytes", "--max-queued-write"));

    /** The flags, one per line, for usage messages. */
    static final String FLAGS = """
              --app CLASS             the application: a public class implementing dev.pronto.Application
              --host HOST             address to bind (default 0.0.0.0)
              --port PORT             TCP port, 0 for any free one (default 8080)
              --event-loops N         event loops (threads) per process (default: one per core)
              --processes N           processes (JVMs) sharing the port; 1 serves in this JVM (default 1)
              --transport ID          what the event loops run on: auto, nio, or a transport module's id
                                      (default auto: io_uring, then epoll, then nio, the first one present)
              --reload                development: run one process and replace it when the code changes
              --src DIR               with --reload: Java sources to compile on change (repeatable)
              --classes DIR           with --reload: class folders to watch (repeatable; default: those on the class path)
              --grace S               seconds in-flight requests may run after shutdown begins (default 5)
              --idle-timeout S        close a keep-alive connection idle this long (default 60)
              --header-timeout S      408 for a request head still arriving after this long (default 10)
              --handler-timeout S     503 for a blocking or async handler still running after this long (default 30)
              --write-timeout S       close a connection whose output makes no progress this long (default 30)
              --max-body BYTES        413 for larger request bodies (default 10485760)
              --max-chunk BYTES       413 for a larger chunk of a chunked body (default 10485760)
              --max-request-line BYTES  414 for longer request lines (default 8192)
              --max-header-bytes BYTES  431 for larger header sections (default 16384)
              --max-headers N         431 for more header fields (default 100)
              --max-pipelined N       requests read ahead of their responses per connection (default 1024)
              --max-queued-write BYTES  response bytes queued per connection before reading pauses (default 4194304)
              --help                  print this help
            """;

    /**
     * Parses a command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException naming the faulty flag or value
     */
    static LaunchOptions parse(List<String> args) {
        ServerConfig.Builder b = ServerConfig.builder();
        String app = null;
        int processes = 1;
        boolean reload = false;
        boolean worker = false;
        boolean help = false;
        List<Path> sources = new ArrayList<>();
        List<Path> classes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--reload" -> reload = noValue(name, inline);
                case "--worker" -> worker = noValue(name, inline);
                case "--help", "-h" -> help = true;
                default -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(
                                    known(name) ? "missing value for " + name : "unknown option " + name);
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--app" -> app = value;
                        case "--processes" -> processes = count(name, value);
                        case "--src" -> sources.add(Path.of(value));
                        case "--classes" -> classes.add(Path.of(value));
                        default -> set(b, name, value);
                    }
                }
            }
        }
        ServerConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            // ServerConfig names its component ("idleTimeout must be positive"); say which flag that is.
            String message = String.valueOf(e.getMessage());
            String field = message.split(" ", 2)[0];
            String flag = FLAG_OF_FIELD.get(field);
            throw new IllegalArgumentException(flag == null ? message
                    : flag + message.substring(field.length()).replace(" was PT", " was ")
                            .replaceAll("(\\d)S$", "$1 s"), e);
        }
        if (processes < 1) {
            throw new IllegalArgumentException("--processes must be at least 1, was " + processes);
        }
        if (reload && processes > 1) {
            throw new IllegalArgumentException("--reload runs exactly one process: drop --processes");
        }
        if (!reload && !(sources.isEmpty() && classes.isEmpty())) {
            throw new IllegalArgumentException("--src and --classes need --reload");
        }
        return new LaunchOptions(config, Optional.ofNullable(app), processes, reload, List.copyOf(sources),
                List.copyOf(classes), worker, help);
    }

    /**
     * The arguments that make a worker JVM build the same server.
     *
     * @param config the configuration, with the port the master chose
     * @param app    the application class name
     * @return the worker's arguments, after the main class
     */
    static List<String> workerArgs(ServerConfig config, String app) {
        return List.of("--worker", "--app", app,
                "--host", config.host(),
                "--port", Integer.toString(config.port()),
                "--event-loops", Integer.toString(config.eventLoops()),
                "--transport", config.transport(),
                "--max-request-line", Integer.toString(config.maxRequestLineBytes()),
                "--max-header-bytes", Integer.toString(config.maxHeaderBytes()),
                "--max-headers", Integer.toString(config.maxHeaderCount()),
                "--max-body", Long.toString(config.maxBodyBytes()),
                "--max-chunk", Long.toString(config.maxChunkBytes()),
                "--max-pipelined", Integer.toString(config.maxPipelinedRequests()),
                "--max-queued-write", Integer.toString(config.maxQueuedWriteBytes()),
                "--write-timeout", seconds(config.writeTimeout()),
                "--idle-timeout", seconds(config.idleTimeout()),
                "--header-timeout", seconds(config.headerTimeout()),
                "--handler-timeout", seconds(config.handlerTimeout()),
                "--grace", seconds(config.shutdownGrace()));
    }

    private static boolean known(String name) {
        return FLAG_OF_FIELD.containsValue(name) || List.of("--app", "--processes", "--src", "--classes").contains(name);
    }

    private static void set(ServerConfig.Builder b, String name, String value) {
        switch (name) {
            case "--host" -> b.host(value);
            case "--port" -> b.port(count(name, value));
            case "--event-loops" -> b.eventLoops(count(name, value));
            case "--transport" -> b.transport(value);
            case "--grace" -> b.shutdownGrace(duration(name, value));
            case "--idle-timeout" -> b.idleTimeout(duration(name, value));
            case "--header-timeout" -> b.headerTimeout(duration(name, value));
            case "--handler-timeout" -> b.handlerTimeout(duration(name, value));
            case "--write-timeout" -> b.writeTimeout(duration(name, value));
            case "--max-body" -> b.maxBodyBytes(bytes(name, value));
            case "--max-chunk" -> b.maxChunkBytes(bytes(name, value));
            case "--max-request-line" -> intValue(b::maxRequestLineBytes, name, value);
            case "--max-header-bytes" -> intValue(b::maxHeaderBytes, name, value);
            case "--max-headers" -> intValue(b::maxHeaderCount, name, value);
            case "--max-pipelined" -> intValue(b::maxPipelinedRequests, name, value);
            case "--max-queued-write" -> intValue(b::maxQueuedWriteBytes, name, value);
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private static void intValue(java.util.function.IntFunction<ServerConfig.Builder> setter, String name,
            String value) {
        setter.apply(count(name, value));
    }

    private static boolean noValue(String name, String inline) {
        if (inline != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
        return true;
    }

    private static int count(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number for " + name + ": " + value);
        }
    }

    private static long bytes(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of bytes for " + name + ": " + value);
        }
    }

    private static Duration duration(String name, String value) {
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Duration.ofMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a number of seconds for " + name + ": " + value);
        }
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
