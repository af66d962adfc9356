package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ResponseIT {
    private static ExampleServer server;

    @BeforeAll
    static void start() {
        server = ExampleServer.start(ResponseExample.app());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return server.sendForBytes(server.request(path));
    }

    @Test
    void text() {
        HttpResponse<String> r = server.get("/text");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Hello world!");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void textInAnotherCharset() throws Exception {
        HttpResponse<byte[]> r = bytes("/encoding/ISO-8859-1");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=iso-8859-1");
        assertThat(r.body()).isEqualTo("Já pronto!".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(server.get("/encoding/klingon").statusCode()).isEqualTo(400);
    }

    @Test
    void json() {
        HttpResponse<String> r = server.get("/json");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode json = ExampleServer.json(r.body());
        assertThat(json.get("hello").asText()).isEqualTo("world");
        assertThat(json.get("primes").toString()).isEqualTo("[2,3,5,7]");
    }

    @Test
    void html() {
        HttpResponse<String> r = server.get("/html");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<h1>Já pronto!</h1>");
    }

    @Test
    void bytesAndCustomMimeTypes() throws Exception {
        HttpResponse<byte[]> r = bytes("/bytes");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(r.body()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(server.get("/mime").headers().firstValue("content-type")).hasValue("text/csv");
        assertThat(server.get("/mime?type=text/markdown").headers().firstValue("content-type"))
                .hasValue("text/markdown");
    }

    @Test
    void anyFinalStatusCode() {
        HttpResponse<String> teapot = server.get("/code/418");
        assertThat(teapot.statusCode()).isEqualTo(418);
        assertThat(teapot.body()).isEqualTo("418 I'm a teapot\n");
        assertThat(server.get("/code/429").statusCode()).isEqualTo(429);
        assertThat(server.get("/code/599").body()).isEqualTo("599 Server Error\n");
        HttpResponse<String> noContent = server.get("/code/204");
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.body()).isEmpty();
        assertThat(server.get("/code/600").statusCode()).isEqualTo(400);
        assertThat(server.get("/code/101").statusCode()).isEqualTo(400);
        assertThat(server.get("/code/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void customHeaders() {
        HttpResponse<String> r = server.get("/headers");
        assertThat(r.headers().firstValue("x-header")).hasValue("Value");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(r.headers().firstValue("refresh")).hasValue("5; url=/text");
    }

    @Test
    void cookiesWithAttributes() {
        assertThat(server.get("/cookies").headers().allValues("set-cookie")).containsExactly(
                "hello=world; Path=/; Max-Age=3600",
                "session=s3cr3t; Path=/; Secure; HttpOnly; SameSite=Strict",
                "old=; Max-Age=0");
    }

    @Test
    void redirects() {
        HttpResponse<String> found = server.get("/redirect");
        assertThat(found.statusCode()).isEqualTo(302);
        assertThat(found.headers().firstValue("location")).hasValue("/text");
        HttpResponse<String> moved = server.get("/moved");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("location")).hasValue("/text");
    }
}
