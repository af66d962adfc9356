package dev.pronto.micrometer;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** http.server.requests and the server's meters after a table of requests; the Prometheus scrape parses. */
@Timeout(60)
class MicrometerMetricsTest {
    private static App app() {
        return new App()
                .get("/users/{id}", request -> Response.text("user " + request.pathParam("id")))
                .get("/go", request -> Response.redirect("/users/1"))
                .get("/boom", request -> {
                    throw new IllegalStateException("boom");
                });
    }

    private static Timer timer(SimpleMeterRegistry registry, String method, String uri, String status,
                               String outcome, String exception) {
        Timer t = registry.find("http.server.requests").tags("method", method, "uri", uri, "status", status,
                "outcome", outcome, "exception", exception).timer();
        assertThat(t).as("timer " + method + " " + uri + " " + status + " " + outcome + " " + exception + " in "
                + registry.getMetersAsString()).isNotNull();
        return t;
    }

    @Test
    void countsAndTagsATableOfRequests() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        App app = app();
        MicrometerMetrics.install(app, registry);
        ProntoTest.test(app, client -> {
            for (int i = 1; i <= 3; i++) {
                assertThat(client.get("/users/" + i).send().status()).isEqualTo(200);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/nowhere/" + i).send().status()).isEqualTo(404);
            }
            assertThat(client.get("/go").send().status()).isEqualTo(302);
            assertThat(client.get("/boom").send().status()).isEqualTo(500);
            assertThat(client.post("/users/1").send().status()).isEqualTo(405);
            assertThat(client.raw("GET / HTTP/1.1\r\nHost : x\r\n\r\n").response().status()).isEqualTo(400);
            assertThat(client.raw("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").response()
                    .status()).isEqualTo(414);
        });
        assertThat(timer(registry, "GET", "/users/{id}", "200", "SUCCESS", "none").count()).isEqualTo(3);
        assertThat(timer(registry, "GET", "NOT_FOUND", "404", "CLIENT_ERROR", "none").count()).isEqualTo(5);
        assertThat(timer(registry, "GET", "/go", "302", "REDIRECTION", "none").count()).isEqualTo(1);
        assertThat(timer(registry, "GET", "/boom", "500", "SERVER_ERROR", "IllegalStateException").count())
                .isEqualTo(1);
        assertThat(timer(registry, "POST", "/users/{id}", "405", "CLIENT_ERROR", "none").count()).isEqualTo(1);
        assertThat(timer(registry, "UNKNOWN", "UNKNOWN", "400", "CLIENT_ERROR", "none").count()).isEqualTo(1);
        assertThat(registry.get("pronto.server.rejections").tag("status", "400").counter().count()).isEqualTo(1);
        assertThat(registry.get("pronto.server.rejections").tag("status", "414").counter().count()).isEqualTo(1);
        assertThat(registry.get("pronto.server.connections").gauge()).isNotNull();
        assertThat(registry.get("pronto.server.loop.busy").functionCounter().count()).isPositive();

        Set<String> uris = registry.find("http.server.requests").timers().stream()
                .map(t -> t.getId().getTag("uri")).collect(Collectors.toSet());
        assertThat(uris).as("route patterns and the conventions' constants only, never a raw path")
                .containsExactlyInAnyOrder("/users/{id}", "NOT_FOUND", "/go", "/boom", "UNKNOWN");
    }

    @Test
    void countsHandlerTimeouts() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch never = new CountDownLatch(1);
        App app = new App().get("/hang", Handler.blocking(request -> {
            never.await();
            return Response.text("late");
        }));
        MicrometerMetrics.install(app, registry);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .handlerTimeout(Duration.ofMillis(200)).shutdownGrace(Duration.ofMillis(200)).build();
        try {
            ProntoTest.test(app, config, client -> assertThat(client.get("/hang").send().status()).isEqualTo(503));
        } finally {
            never.countDown();
        }
        assertThat(registry.get("pronto.server.timeouts").tag("phase", "handler").counter().count()).isEqualTo(1);
        assertThat(timer(registry, "GET", "/hang", "503", "SERVER_ERROR", "none").count()).isEqualTo(1);
    }

    /** A sample line of the text format 0.0.4: {@code name{label="value",…} value [timestamp]}. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*})?"
                    + " (?:[-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?");
    private static final Pattern COMMENT = Pattern.compile(
            "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))"
                    + "|#.*");

    @Test
    void servesAPrometheusScrapeThatParsesAsTextFormat004() throws Exception {
        App app = app();
        PrometheusMeterRegistry registry = MicrometerMetrics.prometheus(app, "/metrics");
        ProntoTest.test(app, client -> {
            client.get("/users/5").send();
            client.get("/nowhere").send();
            TestResponse scrape = client.get("/metrics").send();
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("Content-Type")).contains(MicrometerMetrics.PROMETHEUS_TEXT);
            String text = scrape.text();
            assertThat(text).endsWith("\n");
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                Matcher m = line.startsWith("#") ? COMMENT.matcher(line) : SAMPLE.matcher(line);
                assertThat(m.matches()).as("a 0.0.4 line: " + line).isTrue();
            }
            assertThat(text).contains("# TYPE http_server_requests_seconds summary")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/users/\\{id}\"[^}]*} 1")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"NOT_FOUND\"[^}]*} 1")
                    .contains("pronto_server_connections ")
                    .contains("pronto_server_loop_busy_seconds_total{loop=\"0\"}");
        });
        assertThat(registry.getMeters()).extracting(Meter::getId).isNotEmpty();
    }
}
