package dev.pronto.health;

import dev.pronto.HealthCheck;
import dev.pronto.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What one probe answers for its checks: the status, the document, and that it always answers. */
@Timeout(60)
class HealthProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Short, for the checks that never answer: the assertions are on their status, never on elapsed time. */
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void answersUpWith200WhenEveryCheckIsUp() throws Exception {
        Response r = probe(checks("db", HealthCheck.Result::up, "cache", () -> HealthCheck.Result.up(
                Map.of("entries", 12))), TIMEOUT);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).hasValue("application/json");
        assertThat(r.headers()).contains(Map.entry("Cache-Control", "no-store"));
        assertThat(body(r)).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},"
                + "{\"name\":\"cache\",\"status\":\"UP\",\"data\":{\"entries\":12}}]}");
    }

    @Test
    void answersUpWithNoChecks() throws Exception {
        Response r = probe(Map.of(), TIMEOUT);

        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
    }

    @Test
    void answersDownWith503WhenOneCheckIsDown() throws Exception {
        Response r = probe(checks("db", HealthCheck.Result::up, "queue", () -> HealthCheck.Result.down("full")),
                TIMEOUT);

        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},"
                + "{\"name\":\"queue\",\"status\":\"DOWN\",\"data\":{\"message\":\"full\"}}]}");
    }

    @Test
    void aCheckThatThrowsIsDownWithItsMessage() throws Exception {
        Response r = probe(checks("db", () -> {
            throw new java.io.IOException("Connection refused");
        }, "plain", () -> {
            throw new IllegalStateException();
        }), TIMEOUT);

        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).isEqualTo("{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"db\",\"status\":\"DOWN\",\"data\":{\"message\":\"Connection refused\"}},"
                + "{\"name\":\"plain\",\"status\":\"DOWN\",\"data\":{\"message\":\"java.lang.IllegalStateException\"}}"
                + "]}");
    }

    @Test
    void aCheckThatReturnsNullIsDown() throws Exception {
        Response r = probe(checks("db", () -> null), TIMEOUT);

        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).contains("\"message\":\"the check returned no result\"");
    }

    @Test
    void aCheckThatNeverAnswersIsDownOnceTheTimeoutPasses() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Response r = probe(checks("up", HealthCheck.Result::up, "stuck", () -> {
            never.await();
            return HealthCheck.Result.up();
        }), SHORT);

        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"up\",\"status\":\"UP\"},"
                + "{\"name\":\"stuck\",\"status\":\"DOWN\",\"data\":{\"message\":\"no answer within 50ms\"}}]}");
    }

    @Test
    void runsTheChecksInParallel() throws Exception {
        // Each check answers only once the other has started: run one after the other, both would time out.
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch bStarted = new CountDownLatch(1);
        Response r = probe(checks("a", () -> {
            aStarted.countDown();
            return bStarted.await(10, TimeUnit.SECONDS) ? HealthCheck.Result.up() : HealthCheck.Result.down("b");
        }, "b", () -> {
            bStarted.countDown();
            return aStarted.await(10, TimeUnit.SECONDS) ? HealthCheck.Result.up() : HealthCheck.Result.down("a");
        }), Duration.ofSeconds(20));

        assertThat(r.status()).as(body(r)).isEqualTo(200);
    }

    @Test
    void runsEachCheckOffTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicBoolean elsewhere = new AtomicBoolean();
        probe(checks("where", () -> {
            elsewhere.set(Thread.currentThread() != caller && Thread.currentThread().isVirtual());
            return HealthCheck.Result.up();
        }), TIMEOUT);

        assertThat(elsewhere).isTrue();
    }

    @Test
    void doesNotStartACheckAgainWhileItsEarlierRunIsStillGoing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        HealthProbe probe = new HealthProbe(checks("slow", () -> {
            runs.incrementAndGet();
            release.await();
            return HealthCheck.Result.up();
        }), SHORT, () -> false);

        try {
            assertThat(answer(probe).status()).isEqualTo(503);
            assertThat(answer(probe).status()).as("the second probe waits for the same run").isEqualTo(503);
            assertThat(runs).hasValue(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void startsTheCheckAfreshForEachProbeOnceItsLastRunHasEnded() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        HealthProbe probe = new HealthProbe(checks("quick", () -> HealthCheck.Result.up(
                Map.of("run", runs.incrementAndGet()))), TIMEOUT, () -> false);

        assertThat(body(answer(probe))).contains("\"run\":1");
        assertThat(body(answer(probe))).contains("\"run\":2");
    }

    @Test
    void answersDownWithoutRunningTheChecksWhileDraining() throws Exception {
        AtomicBoolean draining = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        HealthProbe probe = new HealthProbe(checks("db", () -> {
            runs.incrementAndGet();
            return HealthCheck.Result.up();
        }), TIMEOUT, draining::get);
        assertThat(answer(probe).status()).isEqualTo(200);

        draining.set(true);
        Response r = answer(probe);

        assertThat(r.status()).isEqualTo(503);
        assertThat(body(r)).isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"drain\",\"status\":\"DOWN\","
                + "\"data\":{\"message\":\"the server is shutting down\"}}]}");
        assertThat(runs).hasValue(1);
    }

    @Test
    void escapesNamesAndDataAsJson() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", "C:\\data \"main\"");
        data.put("none", null);
        data.put("sizes", List.of(1, 2.5, true));
        Response r = probe(checks("disk\n", () -> HealthCheck.Result.up(data)), TIMEOUT);

        assertThat(body(r)).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"disk\\n\",\"status\":\"UP\","
                + "\"data\":{\"path\":\"C:\\\\data \\\"main\\\"\",\"none\":null,\"sizes\":[1,2.5,true]}}]}");
    }

    private static Map<String, HealthCheck> checks(String name, HealthCheck check) {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put(name, check);
        return checks;
    }

    private static Map<String, HealthCheck> checks(String a, HealthCheck first, String b, HealthCheck second) {
        Map<String, HealthCheck> checks = checks(a, first);
        checks.put(b, second);
        return checks;
    }

    private static Response probe(Map<String, HealthCheck> checks, Duration timeout) throws Exception {
        return answer(new HealthProbe(checks, timeout, () -> false));
    }

    /** @return the probe's answer, within a bound far past its own timeout: a probe that hangs fails the test */
    private static Response answer(HealthProbe probe) throws Exception {
        return probe.handle(null).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String body(Response r) {
        return new String(((Response.Body.Bytes) r.body()).bytes(), StandardCharsets.UTF_8);
    }
}
