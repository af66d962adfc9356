package dev.pronto.launcher;

import dev.pronto.Application;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

import java.io.IOException;
import java.io.InputStream;

/**
 * A worker JVM's side: serve, say so on standard output, drain on SIGTERM. It obeys its master only: SIGINT and
 * SIGHUP (a terminal's Ctrl-C or hang-up reaches the whole process group) are ignored, the master turns them into
 * a SIGTERM or a rolling restart. End of standard input means the master died: drain too.
 */
final class Worker {
    private Worker() {
    }

    /**
     * Serves until told to stop.
     *
     * @param config the configuration
     * @param app    the application class
     * @return the exit status
     */
    @SuppressWarnings("restriction")
    static int run(ServerConfig config, Class<? extends Application> app) {
        Server server = Command.start(app, config);
        server.closeOnSignals();
        for (String name : new String[] {"INT", "HUP"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
        }
        System.out.println(WorkerProcess.READY + server.port());
        System.out.flush();
        Thread.ofPlatform().daemon().name("pronto-master-watch").start(() -> {
            awaitEndOfInput(System.in);
            System.err.println("the master has gone: draining");
            server.close();
        });
        server.awaitShutdown();
        return 0;
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] discard = new byte[256];
        try {
            while (in.read(discard) >= 0) {
                // the master writes nothing: only the end matters
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
    }
}
