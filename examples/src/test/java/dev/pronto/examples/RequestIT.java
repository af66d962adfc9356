package dev.pronto.examples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class RequestIT {
    private static ExampleServer server;

    @BeforeAll
    static void start() {
        server = ExampleServer.start(RequestExample.app());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void basicShowsTheRequestLineQueryAndHeaders() {
        HttpResponse<String> r = server.send(server.request("/basic?a=1&a=2&b=x%20y").header("X-Test", "yes"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(
                "  Method: GET\n",
                "  Target: /basic?a=1&a=2&b=x%20y\n",
                "  Path: /basic\n",
                "  HTTP version: HTTP/1.1\n",
                "  Query string: a=1&a=2&b=x%20y\n",
                "  Query: {a=[1, 2], b=[x y]}\n",
                "  X-Test: yes\n");
    }

    @Test
    void ordersConvertTypedParametersAndAnswer400NamingABadOne() {
        assertThat(server.get("/orders").body()).isEqualTo("page 1, any status\n");
        assertThat(server.get("/orders?page=2&status=shipped").body()).isEqualTo("page 2, SHIPPED\n");
        HttpResponse<String> bad = server.get("/orders?page=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("Query parameter 'page' must be an integer, got \"abc\"\n");
        assertThat(server.get("/orders/123e4567-e89b-12d3-a456-426614174000").body())
                .isEqualTo("order 123e4567-e89b-12d3-a456-426614174000\n");
        assertThat(server.get("/orders/x").body()).isEqualTo("Path parameter 'id' must be a UUID, got \"x\"\n");
        HttpResponse<String> form = server.send(server.request("/subscribe")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("news=maybe")));
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body())
                .isEqualTo("Form field 'news' must be true or false (or on/off, yes/no, 1/0), got \"maybe\"\n");
    }

    @Test
    void basicWithoutQuery() {
        assertThat(server.get("/basic").body()).contains("  Query string: (none)\n", "  Query: {}\n");
    }

    @Test
    void bodyShowsTextInItsCharset() {
        HttpResponse<String> r = server.send(server.request("/body")
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("héllo")));
        assertThat(r.body()).contains("  Mime type: text/plain\n", "  Charset: UTF-8\n", "  Length: 6\n",
                "  Text: héllo\n", "  Form: {}\n");
    }

    @Test
    void bodyShowsUrlEncodedFormFields() {
        HttpResponse<String> r = server.send(server.request("/body")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada+Lovelace&lang=Java")));
        assertThat(r.body()).contains("  Mime type: application/x-www-form-urlencoded\n",
                "  Form: {name=[Ada Lovelace], lang=[Java]}\n");
    }

    @Test
    void bodyShowsMultipartFieldsAndFiles() {
        String body = """
                --XyZ\r
                Content-Disposition: form-data; name="title"\r
                \r
                Notes\r
                --XyZ\r
                Content-Disposition: form-data; name="upload"; filename="notes.txt"\r
                Content-Type: text/plain\r
                \r
                hello\r
                --XyZ--\r
                """;
        HttpResponse<String> r = server.send(server.request("/body")
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("  Mime type: multipart/form-data\n", "  Form: {title=[Notes]}\n",
                "  File: upload = notes.txt (text/plain, 5 bytes)\n").doesNotContain("Text:");
    }

    @Test
    void miscShowsRouteParamsHostClientAndCookies() throws Exception {
        try (RawClient raw = server.raw()) {
            RawClient.RawResponse r = raw.exchange("GET /misc/jane HTTP/1.1\r\nHost: example.com:8080\r\n"
                    + "Cookie: a=1; b=two\r\nConnection: close\r\n\r\n");
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
    }

    @Test
    void miscWithoutPortOrCookies() throws Exception {
        try (RawClient raw = server.raw()) {
            RawClient.RawResponse r = raw.exchange("GET /misc/bob HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertThat(r.text()).contains("  Host name: example.com\n", "  Host port: (none)\n",
                    "  Keep-alive: true\n", "  Cookies: {}\n");
        }
    }
}
