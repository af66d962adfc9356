package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pronto.App;
import dev.pronto.test.ProntoApp;
import dev.pronto.test.ProntoExtension;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@ExtendWith(ProntoExtension.class)
class ResponseIT {
    @ProntoApp
    static App app() {
        return ResponseExample.app();
    }

    @Test
    void text(TestClient client) {
        TestResponse r = client.get("/text").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("Hello world!");
        assertThat(r.header("content-type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void textInAnotherCharset(TestClient client) {
        TestResponse r = client.get("/encoding/ISO-8859-1").send();
        assertThat(r.header("content-type")).hasValue("text/plain; charset=iso-8859-1");
        assertThat(r.bytes()).isEqualTo("Já pronto!".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(client.get("/encoding/klingon").send().status()).isEqualTo(400);
    }

    @Test
    void json(TestClient client) {
        TestResponse r = client.get("/json").send();
        assertThat(r.header("content-type")).hasValue("application/json");
        JsonNode json = r.json(JsonNode.class);
        assertThat(json.get("hello").asText()).isEqualTo("world");
        assertThat(json.get("primes").toString()).isEqualTo("[2,3,5,7]");
    }

    @Test
    void html(TestClient client) {
        TestResponse r = client.get("/html").send();
        assertThat(r.header("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.text()).contains("<h1>Já pronto!</h1>");
    }

    @Test
    void bytesAndCustomMimeTypes(TestClient client) {
        TestResponse r = client.get("/bytes").send();
        assertThat(r.header("content-type")).hasValue("application/octet-stream");
        assertThat(r.bytes()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(client.get("/mime").send().header("content-type")).hasValue("text/csv");
        assertThat(client.get("/mime?type=text/markdown").send().header("content-type"))
                .hasValue("text/markdown");
    }

    @Test
    void anyFinalStatusCode(TestClient client) {
        TestResponse teapot = client.get("/code/418").send();
        assertThat(teapot.status()).isEqualTo(418);
        assertThat(teapot.text()).isEqualTo("418 I'm a teapot\n");
        assertThat(client.get("/code/429").send().status()).isEqualTo(429);
        assertThat(client.get("/code/599").send().text()).isEqualTo("599 Server Error\n");
        TestResponse noContent = client.get("/code/204").send();
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.text()).isEmpty();
        assertThat(client.get("/code/600").send().status()).isEqualTo(400);
        assertThat(client.get("/code/101").send().status()).isEqualTo(400);
        assertThat(client.get("/code/abc").send().status()).isEqualTo(400);
    }

    @Test
    void customHeaders(TestClient client) {
        TestResponse r = client.get("/headers").send();
        assertThat(r.header("x-header")).hasValue("Value");
        assertThat(r.header("cache-control")).hasValue("no-store");
        assertThat(r.header("refresh")).hasValue("5; url=/text");
    }

    @Test
    void cookiesWithAttributes(TestClient client) {
        assertThat(client.get("/cookies").send().headers("set-cookie")).containsExactly(
                "hello=world; Path=/; Max-Age=3600",
                "session=s3cr3t; Path=/; Secure; HttpOnly; SameSite=Strict",
                "old=; Max-Age=0");
    }

    @Test
    void redirects(TestClient client) {
        TestResponse found = client.get("/redirect").send();
        assertThat(found.status()).isEqualTo(302);
        assertThat(found.header("location")).hasValue("/text");
        TestResponse moved = client.get("/moved").send();
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.header("location")).hasValue("/text");
    }
}
