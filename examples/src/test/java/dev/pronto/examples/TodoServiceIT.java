package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pronto.AccessLog;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The todo API as a service: metrics, health, access log, request ids, security headers and CORS, all on. */
@Timeout(30)
class TodoServiceIT {
    private static final String ORIGIN = "http://localhost:5173";

    @TempDir
    Path dir;

    @Test
    void servesMetricsHealthRequestIdsSecurityHeadersAndCors() throws Exception {
        ProntoTest.test(TodoExample.service(dir.resolve("todos.db"), List.of(ORIGIN)), client -> {
            TestResponse created = client.post("/todos").header("Origin", ORIGIN).json(Map.of("title", "ship it"))
                    .send();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("X-Request-Id")).isPresent();
            assertThat(created.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(created.header("Access-Control-Allow-Origin")).hasValue(ORIGIN);

            TestResponse preflight = client.request("OPTIONS", "/todos").header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "DELETE").send();
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(ORIGIN);
            assertThat(client.get("/todos").header("Origin", "https://elsewhere.example").send()
                    .header("Access-Control-Allow-Origin")).isEmpty();

            TestResponse ready = client.get("/health/ready").send();
            assertThat(ready.status()).isEqualTo(200);
            JsonNode checks = ready.json(JsonNode.class).get("checks");
            assertThat(checks.get(0).get("name").asText()).isEqualTo("database");
            assertThat(checks.get(0).get("status").asText()).isEqualTo("UP");

            String metrics = client.get("/metrics").send().text();
            assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\""
                    + "[^}]*uri=\"/todos\"[^}]*} 1");
        });
    }

    @Test
    void logsOneAccessLineForEachExchange() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(AccessLog.LOGGER);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        AtomicReference<String> requestId = new AtomicReference<>();
        try {
            // An exchange is logged when its response is encoded, before it is written: each line is in before the
            // client has read its response.
            ProntoTest.test(TodoExample.service(dir.resolve("todos.db"), List.of()), client -> {
                requestId.set(client.get("/todos").send().header("X-Request-Id").orElseThrow());
                assertThat(client.get("/nowhere").send().status()).isEqualTo(404);
            });
        } finally {
            logger.removeHandler(capture);
        }
        String id = requestId.get();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"GET /todos HTTP/1.1\" 200").contains(id));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"GET /nowhere HTTP/1.1\" 404"));
    }
}
