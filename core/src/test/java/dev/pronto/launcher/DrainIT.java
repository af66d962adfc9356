package dev.pronto.launcher;

import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import static dev.pronto.it.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to the master: every worker drains. Requests in flight that finish within the grace get their answer,
 * one still running after it gets 503, the port refuses new connections, and the master exits 0 once all workers
 * have.
 */
@Timeout(60)
class DrainIT {
    private static final Pattern ACCEPTING = Pattern.compile("\\[master] process (\\d+) accepting connections");

    @Test
    void drainsEveryWorkerOnSigtermAndExitsZero() throws Exception {
        try (ChildJvm master = ChildJvm.launch("--app", TestApplication.class.getName(), "--host", "127.0.0.1",
                "--port", "0", "--event-loops", "1", "--processes", "2", "--grace", "3")) {
            int port = master.awaitAccepting(Duration.ofSeconds(20));
            List<Long> workers = master.linesMatching(ACCEPTING, 0).stream()
                    .map(m -> Long.parseLong(m.group(1))).toList();
            try (RawClient idle = RawClient.connect(port);
                 RawClient finishing = RawClient.connect(port).timeout(Duration.ofSeconds(15));
                 RawClient hanging = RawClient.connect(port).timeout(Duration.ofSeconds(15))) {
                assertThat(idle.send(get("/pid")).readResponse().status()).isEqualTo(200);
                finishing.send(get("/slow/1000")); // done 1 s after it starts: within the 3 s grace
                hanging.send(get("/hang"));        // never done: the grace runs out
                master.awaitLine(Pattern.compile("\\[process \\d+] slow "), 0, Duration.ofSeconds(10));
                master.awaitLine(Pattern.compile("\\[process \\d+] hang "), 0, Duration.ofSeconds(10));

                master.terminate(); // SIGTERM

                assertThat(idle.timeout(Duration.ofSeconds(5)).readUntilClosed().bytes())
                        .as("the idle connection is closed at once").isEmpty();
                assertThat(refusedWithin(port, Duration.ofSeconds(5)))
                        .as("new connections are refused once the workers drain; output:\n%s", master.output())
                        .isTrue();
                RawResponse done = finishing.readResponse();
                assertThat(done.status()).isEqualTo(200);
                assertThat(done.bodyText()).startsWith("done ");
                assertThat(done.header("Connection")).hasValue("close");
                RawResponse cut = hanging.readResponse();
                assertThat(cut.status()).as("still running when the grace ran out").isEqualTo(503);
            }
            assertThat(master.awaitExit(Duration.ofSeconds(15))).as("output:\n%s", master.output()).isZero();
            for (long pid : workers) {
                master.awaitLine(Pattern.compile("\\[master] process " + pid + " stopped: exited with code 0"), 0,
                        Duration.ofSeconds(1));
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            }
            assertThat(master.output()).contains("[master] SIGTERM: draining 2 processes");
        }
    }

    /** Connects until refused: the listeners close while the master's SIGTERM reaches the workers. */
    private static boolean refusedWithin(int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                RawClient.connect(port).close();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // accepted: a worker still listens
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                // e.g. reset while closing: try again
            }
        }
        return false;
    }
}
