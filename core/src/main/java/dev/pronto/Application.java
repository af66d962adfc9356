package dev.pronto;

/**
 * An application that {@link Launcher} can run, in this process or in worker processes that each build their own
 * instance: the class must be public with a public no-argument constructor.
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
