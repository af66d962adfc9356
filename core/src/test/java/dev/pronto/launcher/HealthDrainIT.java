package dev.pronto.launcher;

import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import static dev.pronto.it.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain a load balancer sees, in a real JVM stopped by SIGTERM with a slow request in flight: readiness turns 503
 * at once while the server still accepts and serves for the readiness delay, liveness stays 200, then the listener
 * closes, the slow request completes with 200, and the process exits 0. Every step waits on something the child
 * does (a line it prints, the 503 itself, the refused connection), each wait bounded.
 */
@Timeout(90)
class HealthDrainIT {
    /**
     * Long enough for the few requests the test makes after seeing the 503 on a loaded machine: a shorter delay would
     * make the test fail (a refused connection), never pass wrongly.
     */
    private static final long READINESS_DELAY_MILLIS = 5_000;

    @Test
    void readinessIs503WhileTheDrainStillServesThenTheSlowRequestCompletesAndTheProcessExitsZero() throws Exception {
        try (ChildJvm child = ChildJvm.launchMain(HealthDrainApp.class, Long.toString(READINESS_DELAY_MILLIS))) {
            int port = child.awaitAccepting(Duration.ofSeconds(30));
            try (RawClient slow = RawClient.connect(port).timeout(Duration.ofSeconds(60));
                 RawClient keptAlive = RawClient.connect(port)) {
                assertThat(probe(port, "/health/ready").status()).as("ready before the drain").isEqualTo(200);
                assertThat(keptAlive.send(get("/health/live")).readResponse().status()).isEqualTo(200);
                slow.send(get("/slow"));
                child.awaitLine(Pattern.compile("^slow arrived$"), 0, Duration.ofSeconds(20));

                child.terminate(); // SIGTERM

                RawResponse notReady = awaitReadiness503(port, Duration.ofSeconds(20), child);
                assertThat(notReady.header("Content-Type")).hasValue("application/json");
                assertThat(notReady.bodyText()).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"drain\","
                        + "\"status\":\"DOWN\",\"data\":{\"message\":\"the server is shutting down\"}}]}");
                // Within the readiness delay: a new connection is accepted and served, liveness is still up, and a
                // connection kept alive from before the signal is still served too.
                assertThat(probe(port, "/health/live").status()).as("liveness during the drain").isEqualTo(200);
                assertThat(keptAlive.send(get("/health/ready")).readResponse().status()).isEqualTo(503);
                assertThat(child.process().isAlive()).isTrue();

                assertThat(refusedWithin(port, Duration.ofSeconds(30)))
                        .as("the listener closes once the delay is over; output:\n%s", child.output()).isTrue();
                assertThat(child.process().isAlive()).as("the slow request holds the drain").isTrue();
                OutputStream stdin = child.process().getOutputStream();
                stdin.write("release\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();

                RawResponse done = slow.readResponse();
                assertThat(done.status()).isEqualTo(200);
                assertThat(done.bodyText()).isEqualTo("slow done");
                // The last answer on its connection, which then closes. (It says "Connection: close" when its loop
                // has taken the drain by the time it is encoded; the listener may close a moment before that.)
                assertThat(slow.readUntilClosed().bytes()).isEmpty();
            }
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as("output:\n%s", child.output()).isZero();
        }
    }

    /** @return the answer to {@code GET path} on a connection of its own */
    private static RawResponse probe(int port, String path) throws IOException {
        try (RawClient client = RawClient.connect(port)) {
            return client.send(get(path)).readResponse();
        }
    }

    /** Probes readiness on new connections until it answers 503: the moment the child has taken the signal. */
    private static RawResponse awaitReadiness503(int port, Duration within, ChildJvm child) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            RawResponse r = probe(port, "/health/ready");
            if (r.status() == 503) {
                return r;
            }
            assertThat(r.status()).isEqualTo(200);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the signal is on its way: ask again
        }
        throw new AssertionError("readiness never answered 503 after SIGTERM; output:\n" + child.output());
    }

    /** Connects until refused: the listener closes when the readiness delay is over. */
    private static boolean refusedWithin(int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                RawClient.connect(port).close();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // accepted: still in the delay
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                // e.g. reset while closing: try again
            }
        }
        return false;
    }
}
