package dev.pronto.examples;

import dev.pronto.Server;
import dev.pronto.ServerConfig;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs an example by name: {@code java -jar examples/target/pronto-examples.jar NAME [options]}. Every example takes
 * {@code --host}, {@code --port}, {@code --workers}, {@code --idle-timeout}, {@code --header-timeout}, {@code --grace}
 * (seconds) and {@code --max-body} (bytes).
 */
public final class Examples {
    private static final Map<String, Function<ServerConfig, Server>> EXAMPLES = Map.of(
            "hello", HelloExample::start,
            "echo", EchoExample::start);

    private Examples() {
    }

    /**
     * Starts the named example and serves until SIGTERM or SIGINT, then shuts down gracefully and exits 0.
     *
     * @param args the example's name, then options
     */
    public static void main(String[] args) {
        if (args.length == 0 || !EXAMPLES.containsKey(args[0])) {
            System.err.println("usage: pronto-examples.jar " + String.join("|", EXAMPLES.keySet().stream().sorted()
                    .toList()) + " " + Options.USAGE);
            System.exit(2);
        }
        ServerConfig config;
        try {
            config = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("options: " + Options.USAGE);
            System.exit(2);
            return;
        }
        Server server = EXAMPLES.get(args[0]).apply(config);
        server.closeOnSignals();
        System.out.println("Accepting connections on http://" + hostForUrl(config.host()) + ":" + server.port()
                + " (" + config.eventLoops() + " loops)");
        server.awaitShutdown();
        System.out.println("Stopped");
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
