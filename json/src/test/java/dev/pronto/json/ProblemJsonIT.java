package dev.pronto.json;

import dev.pronto.App;
import dev.pronto.ProblemException;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem details with the JSON module present: the 400 for a bad JSON body is a problem in a problem-details app,
 * and a problem's member that is no plain JSON value is written by Jackson.
 */
class ProblemJsonIT {
    record Todo(String title, boolean done) {
    }

    record Limit(int max, LocalDate resets) {
    }

    private static Server server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = new App().problemDetails(true)
                .post("/echo", r -> Response.json(r.json(Todo.class)))
                .post("/limited", r -> {
                    throw new ProblemException(429, "Too many todos today")
                            .with("limit", new Limit(3, LocalDate.of(2026, 1, 2)))
                            .with("todos", List.of(new Todo("a", true)));
                })
                .start(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, "application/json", json);
    }

    private static HttpResponse<String> post(String path, String contentType, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anInvalidJsonBodyIsA400Problem() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"title\":\"x\",\"colour\":\"red\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"Invalid JSON body: unknown field at $.colour\",\"instance\":\"/echo\"}");
    }

    @Test
    void membersThatAreNoPlainJsonValueAreWrittenByJackson() throws Exception {
        HttpResponse<String> response = post("/limited", "{}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\","
                + "\"status\":429,\"detail\":\"Too many todos today\",\"instance\":\"/limited\","
                + "\"limit\":{\"max\":3,\"resets\":\"2026-01-02\"},\"todos\":[{\"title\":\"a\",\"done\":true}]}");
    }

    @Test
    void aBodyThatIsNotJsonIsA415ProblemThatKeepsItsAcceptHeader() throws Exception {
        HttpResponse<String> response = post("/echo", "text/plain", "{\"title\":\"x\",\"done\":true}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Accept")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\","
                + "\"status\":415,"
                + "\"detail\":\"Content-Type must be application/json or a +json type, got text/plain\","
                + "\"instance\":\"/echo\"}");
    }
}
