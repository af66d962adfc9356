package dev.pronto;

/**
 * The public class the {@link Launcher} instantiates once per process, with its public no-argument constructor, to
 * start that process's server with the configuration from the command line (usually by building an {@link App}).
 *
 * <pre>{@code
 * public final class Todos implements Application {
 *     public Server start(ServerConfig config) {
 *         App app = new App();
 *         app.get("/todos", request -> Response.text("[]"));
 *         return app.start(config);
 *     }
 * }
 * }</pre>
 * Run it with {@code bin/pronto --app Todos --processes 4}, or {@code Launcher.run(args, Todos.class)} from a main.
 */
@FunctionalInterface
public interface Application {
    /**
     * Starts serving.
     *
     * @param config the configuration the launcher built from its flags
     * @return the running server, e.g. from {@link App#start(ServerConfig)} or {@link Server#start}
     */
    Server start(ServerConfig config);
}
