package dev.pronto.launcher;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.ServerConfig;

/** A program that serves with {@code App.run}, as a user's own {@code main} does; {@code GET /} answers its pid. */
public final class RunningApp {
    private RunningApp() {
    }

    /**
     * Serves on 127.0.0.1 until SIGTERM or SIGINT.
     *
     * @param args the port, then the number of event loops
     */
    public static void main(String[] args) {
        App app = new App();
        Response pid = Response.text(Long.toString(ProcessHandle.current().pid()));
        app.get("/pid", request -> pid);
        app.run(ServerConfig.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
                .eventLoops(Integer.parseInt(args[1])).build());
    }
}
