package dev.pronto.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BenchIT {
    @Test
    void servesTheBenchmarkRoutes() {
        try (ExampleServer server = ExampleServer.start(BenchExample.app())) {
            assertThat(server.get("/").body()).isEqualTo("Hello world!");
            HttpResponse<String> json = server.get("/json");
            assertThat(json.body()).isEqualTo("{\"message\":\"Hello, World!\"}");
            assertThat(json.headers().firstValue("content-type")).hasValue("application/json");
            String body = "x".repeat(4096);
            HttpResponse<String> echo = server.send(server.request("/echo")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(echo.body()).isEqualTo(body);
            assertThat(server.get("/missing").statusCode()).isEqualTo(404);
        }
    }
}
