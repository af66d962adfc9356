package dev.pronto.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class HelloIT {
    @Test
    void answersHelloWorldOnSlash() {
        try (ExampleServer server = ExampleServer.start(HelloExample.app())) {
            HttpResponse<String> r = server.get("/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("Hello world!");
            assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.headers().firstValue("date")).isPresent();
        }
    }

    @Test
    void answersHeadWithoutBodyAndOtherPathsWith404() {
        try (ExampleServer server = ExampleServer.start(HelloExample.app())) {
            HttpResponse<String> head = server.send(server.request("/").method("HEAD",
                    HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(server.get("/other").statusCode()).isEqualTo(404);
            assertThat(server.send(server.request("/").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                    .isEqualTo(405);
        }
    }
}
