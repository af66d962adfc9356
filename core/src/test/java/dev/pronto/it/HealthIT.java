package dev.pronto.it;

import dev.pronto.App;
import dev.pronto.Health;
import dev.pronto.HealthCheck;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code App.health} over a socket: the probes' paths, statuses, document, {@code HEAD}, and that none hangs. */
@Timeout(30)
class HealthIT {
    @Test
    void answersBothProbesAtTheKubernetesPathsByDefault() throws Exception {
        try (Server server = new App().health().start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            for (String path : new String[] {"/health/live", "/health/ready"}) {
                RawResponse r = client.send(get(path)).readResponse();
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(r.header("Content-Type")).hasValue("application/json");
                assertThat(r.header("Cache-Control")).hasValue("no-store");
                assertThat(r.bodyText()).isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
            }
        }
    }

    @Test
    void answersHeadWithTheStatusAndNoBody() throws Exception {
        Health health = Health.builder().check("db", () -> HealthCheck.Result.down("no answer")).build();
        try (Server server = new App().health(health).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            RawResponse head = client.send("HEAD /health/ready HTTP/1.1\r\nHost: test\r\n\r\n").readHeadResponse();
            // The next response on the connection parses only if HEAD sent no body bytes (RFC 9110 §9.3.2).
            RawResponse live = client.send(get("/health/live")).readResponse();

            assertThat(head.status()).isEqualTo(503);
            assertThat(head.header("Content-Type")).hasValue("application/json");
            assertThat(live.status()).isEqualTo(200);
        }
    }

    @Test
    void servesTheProbesAtCustomPathsOnly() throws Exception {
        Health health = Health.builder().livePath("/livez").readyPath("/ops/readyz").build();
        try (Server server = new App().health(health).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            assertThat(client.send(get("/livez")).readResponse().status()).isEqualTo(200);
            assertThat(client.send(get("/ops/readyz")).readResponse().status()).isEqualTo(200);
            assertThat(client.send(get("/health/live")).readResponse().status()).isEqualTo(404);
            assertThat(client.send(get("/health/ready")).readResponse().status()).isEqualTo(404);
        }
    }

    @Test
    void keepsLivenessAndReadinessChecksApart() throws Exception {
        Health health = Health.builder()
                .check("db", () -> HealthCheck.Result.down(Map.of("host", "db.local", "tries", 3)))
                .liveCheck("heap", () -> HealthCheck.Result.up(Map.of("free", "plenty")))
                .build();
        try (Server server = new App().health(health).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            RawResponse ready = client.send(get("/health/ready")).readResponse();
            RawResponse live = client.send(get("/health/live")).readResponse();

            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.bodyText()).startsWith("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"db\","
                    + "\"status\":\"DOWN\",\"data\":{").contains("\"host\":\"db.local\"", "\"tries\":3");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.bodyText()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"heap\","
                    + "\"status\":\"UP\",\"data\":{\"free\":\"plenty\"}}]}");
        }
    }

    @Test
    void aHungCheckNeitherHangsTheProbeNorStopsTheLoop() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Health health = Health.builder().check("stuck", () -> {
            never.await();
            return HealthCheck.Result.up();
        }).timeout(Duration.ofMillis(100)).build();
        App app = new App().health(health).get("/", request -> dev.pronto.Response.text("ok"));
        try (Server server = app.start(localServer().build());
             RawClient probe = RawClient.connect(server.port());
             RawClient other = RawClient.connect(server.port())) {
            probe.send(get("/health/ready"));
            // One event loop: this answer comes while the probe's check is still blocked.
            assertThat(other.send(get("/")).readResponse().bodyText()).isEqualTo("ok");

            RawResponse r = probe.readResponse();
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.bodyText()).contains("\"message\":\"no answer within 100ms\"");
        } finally {
            never.countDown();
        }
    }
}
