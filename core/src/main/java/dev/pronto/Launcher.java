package dev.pronto;

import dev.pronto.launcher.Command;

import java.util.List;
import java.util.Optional;

/**
 * Runs an {@link Application} from the command line: in this JVM, or with {@code --processes N} as a master that
 * launches N processes (JVMs) sharing the port, restarts any that dies, drains them all on SIGTERM or SIGINT (exit 0)
 * and replaces them one at a time on SIGHUP; with {@code --reload} (needs {@code pronto-dev}) it replaces its one
 * process when the application's classes or sources change. It prints
 * {@code Accepting connections on http://HOST:PORT (N processes × M loops)} once every process accepts.
 *
 * <pre>{@code
 * java -cp app.jar:pronto-core.jar dev.pronto.Launcher --app com.example.Todos --port 8080 --processes 4
 * }</pre>
 * Flags: {@code --app CLASS --host --port --event-loops N} (per process) {@code --processes N --transport ID --reload
 * --src DIR --classes DIR}, the times {@code --grace --idle-timeout --header-timeout --handler-timeout
 * --write-timeout --stall-warning} ({@code 250ms}, {@code 30s}, {@code 2m}) and the limits {@code --max-body
 * --max-chunk --max-request-line --max-header-bytes --max-headers --max-pipelined --max-queued-write
 * --max-connections --min-body-rate} ({@code 512}, {@code 64KiB}, {@code 10MiB}); each is also a system property
 * and a {@code PRONTO_*} environment variable ({@link Settings}); {@code --help} lists them. A bad command line
 * exits 2.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * Runs the command line, then exits the JVM with its status.
     *
     * @param args {@code --app CLASS} and the other flags
     */
    public static void main(String[] args) {
        System.exit(Command.run(List.of(args), Optional.empty()));
    }

    /**
     * Runs a given application with the launcher's flags (all but {@code --app}); for an application's own main.
     * Returns once the server, or every process the launcher started, has shut down.
     *
     * @param args        the flags
     * @param application the application: a public class with a public no-argument constructor, since every
     *                    process creates its own instance
     * @return the exit status to end with: 0 after a graceful shutdown, 1 on a failure, 2 on a bad command line
     */
    public static int run(String[] args, Class<? extends Application> application) {
        return Command.run(List.of(args), Optional.of(application));
    }
}
