package dev.pronto.examples;

import dev.pronto.test.ProntoExtension;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class RequestIT {
    @RegisterExtension
    static final ProntoExtension PRONTO = new ProntoExtension(RequestExample::app);

    @Test
    void basicShowsTheRequestLineQueryAndHeaders(TestClient client) {
        TestResponse r = client.get("/basic?a=1").query("a", "2").query("b", "x y").header("X-Test", "yes").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains(
                "  Method: GET\n",
                "  Target: /basic?a=1&a=2&b=x%20y\n",
                "  Path: /basic\n",
                "  HTTP version: HTTP/1.1\n",
                "  Query string: a=1&a=2&b=x%20y\n",
                "  Query: {a=[1, 2], b=[x y]}\n",
                "  X-Test: yes\n");
    }

    @Test
    void basicWithoutQuery(TestClient client) {
        assertThat(client.get("/basic").send().text()).contains("  Query string: (none)\n", "  Query: {}\n");
    }

    @Test
    void bodyShowsTextInItsCharset(TestClient client) {
        TestResponse r = client.post("/body").text("héllo").send();
        assertThat(r.text()).contains("  Mime type: text/plain\n", "  Charset: UTF-8\n", "  Length: 6\n",
                "  Text: héllo\n", "  Form: {}\n");
    }

    @Test
    void bodyShowsUrlEncodedFormFields(TestClient client) {
        TestResponse r = client.post("/body").form("name", "Ada Lovelace").form("lang", "Java").send();
        assertThat(r.text()).contains("  Mime type: application/x-www-form-urlencoded\n",
                "  Form: {name=[Ada Lovelace], lang=[Java]}\n");
    }

    @Test
    void bodyShowsMultipartFieldsAndFiles(TestClient client) {
        TestResponse r = client.post("/body").part("title", "Notes")
                .file("upload", "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("  Mime type: multipart/form-data\n", "  Form: {title=[Notes]}\n",
                "  File: upload = notes.txt (text/plain, 5 bytes)\n").doesNotContain("Text:");
    }

    @Test
    void miscShowsRouteParamsHostClientAndCookies(TestClient client) {
        // Host and Connection of our own: the client sends such a request on a socket of its own.
        TestResponse r = client.get("/misc/jane").header("Host", "example.com:8080").header("Cookie", "a=1; b=two")
                .header("Connection", "close").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains(
                "  Matched route: /misc/{name}\n",
                "  Path parameters: {name=jane}\n",
                "  Name: jane\n",
                "  Host name: example.com\n",
                "  Host port: 8080\n",
                "  Remote address: 127.0.0.1\n",
                "  Keep-alive: false\n",
                "  Cookies: {a=1, b=two}\n");
    }

    @Test
    void miscWithoutPortOrCookies(TestClient client) {
        TestResponse r = client.get("/misc/bob").header("Host", "example.com").send();
        assertThat(r.text()).contains("  Host name: example.com\n", "  Host port: (none)\n",
                "  Keep-alive: true\n", "  Cookies: {}\n");
    }
}
