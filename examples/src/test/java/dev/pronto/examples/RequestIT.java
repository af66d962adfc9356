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
    void ordersConvertTypedParametersAndAnswer400NamingABadOne(TestClient client) {
        assertThat(client.get("/orders").send().text()).isEqualTo("page 1, any status\n");
        assertThat(client.get("/orders?page=2&status=shipped").send().text()).isEqualTo("page 2, SHIPPED\n");
        TestResponse bad = client.get("/orders?page=abc").send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).isEqualTo("Query parameter 'page' must be an integer, got \"abc\"\n");
        assertThat(client.get("/orders/123e4567-e89b-12d3-a456-426614174000").send().text())
                .isEqualTo("order 123e4567-e89b-12d3-a456-426614174000\n");
        assertThat(client.get("/orders/x").send().text()).isEqualTo("Path parameter 'id' must be a UUID, got \"x\"\n");
        TestResponse form = client.post("/subscribe").form("news", "maybe").send();
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.text())
                .isEqualTo("Form field 'news' must be true or false (or on/off, yes/no, 1/0), got \"maybe\"\n");
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
