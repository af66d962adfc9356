package dev.pronto.launcher;

import dev.pronto.App;
import dev.pronto.Application;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The application the launcher tests run in worker JVMs. {@code /pid} answers the worker's process id;
 * {@code /slow/MS} prints {@code slow} and answers after MS milliseconds; {@code /hang} prints {@code hang} and never
 * answers (the shutdown's 503 does). If the file named by the environment variable {@code TEST_APP_CRASH_FILE}
 * exists, starting fails, so a test can make a worker crash at start-up on demand.
 */
public final class TestApplication implements Application {
    static final String CRASH_FILE = "TEST_APP_CRASH_FILE"; // not PRONTO_*: that prefix is for settings

    /** Creates the application; a worker JVM does so through this constructor. */
    public TestApplication() {
    }

    @Override
    public Server start(ServerConfig config) {
        String crash = System.getenv(CRASH_FILE);
        if (crash != null && Files.exists(Path.of(crash))) {
            throw new IllegalStateException("crash file " + crash + " exists: failing on purpose");
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        App app = new App();
        Response pidResponse = Response.text(pid);
        app.get("/pid", request -> pidResponse);
        app.get("/slow/{ms}", Handler.blocking(request -> {
            System.out.println("slow " + pid);
            System.out.flush();
            Thread.sleep(Long.parseLong(request.pathParam("ms")));
            return Response.text("done " + pid);
        }));
        app.get("/hang", Handler.async(request -> {
            System.out.println("hang " + pid);
            System.out.flush();
            return new CompletableFuture<>();
        }));
        return app.start(config);
    }
}
