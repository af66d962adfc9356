package dev.pronto.test;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pronto.App;
import dev.pronto.FilePart;
import dev.pronto.Method;
import dev.pronto.Request;
import dev.pronto.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a small app that answers with what it received. */
@Timeout(30)
class TestClientTest {
    record Todo(String title, boolean done) {
    }

    private static TestServer server;
    private static TestClient client;

    /** The request as the handler saw it, as JSON. */
    private static Response echo(Request request) {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", request.method().name());
        seen.put("target", request.target());
        seen.put("query", request.queryParams().asMap());
        seen.put("contentType", request.header("content-type").orElse(""));
        seen.put("accept", request.headers("accept"));
        seen.put("host", request.header("host").orElse(""));
        seen.put("body", request.text());
        seen.put("form", request.form().asMap());
        seen.put("files", request.files().stream().map(FilePart::toString).toList());
        return Response.json(seen).withHeader("X-Method", request.method().name());
    }

    @BeforeAll
    static void start() {
        App app = new App();
        app.route(Set.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.PATCH, Method.DELETE,
                Method.OPTIONS), "/echo", TestClientTest::echo);
        app.post("/todos", request -> Response.json(request.json(Todo.class)).withStatus(201));
        app.get("/todos", request -> Response.json(List.of(new Todo("a", false), new Todo("b", true))));
        app.get("/bytes", request -> Response.bytes(new byte[] {0, 1, 2, (byte) 255}));
        server = ProntoTest.start(app);
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> seen(TestResponse r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json(new TypeReference<Map<String, Object>>() { }.getType());
    }

    @Test
    void sendsEveryVerb() {
        assertThat(seen(client.get("/echo").send())).containsEntry("method", "GET");
        assertThat(seen(client.post("/echo").send())).containsEntry("method", "POST");
        assertThat(seen(client.put("/echo").send())).containsEntry("method", "PUT");
        assertThat(seen(client.patch("/echo").send())).containsEntry("method", "PATCH");
        assertThat(seen(client.delete("/echo").send())).containsEntry("method", "DELETE");
        assertThat(seen(client.request("OPTIONS", "/echo").send())).containsEntry("method", "OPTIONS");
        TestResponse head = client.head("/echo").send();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("x-method")).hasValue("HEAD");
        assertThat(head.bytes()).isEmpty();
    }

    @Test
    void sendsTextAndBytesWithTheirContentTypes() {
        Map<String, Object> text = seen(client.post("/echo").text("héllo").send());
        assertThat(text).containsEntry("body", "héllo").containsEntry("contentType", "text/plain; charset=utf-8");
        Map<String, Object> bytes = seen(client.put("/echo").bytes("raw".getBytes(StandardCharsets.US_ASCII))
                .send());
        assertThat(bytes).containsEntry("body", "raw").containsEntry("contentType", "application/octet-stream");
        Map<String, Object> typed = seen(client.post("/echo").header("Content-Type", "text/csv").text("a,b").send());
        assertThat(typed).containsEntry("contentType", "text/csv");
    }

    @Test
    void sendsFormFieldsUrlEncoded() {
        Map<String, Object> form = seen(client.post("/echo").form("name", "Ada Lovelace").form("note", "1+1=2 & é")
                .send());
        assertThat(form).containsEntry("contentType", "application/x-www-form-urlencoded")
                .containsEntry("body", "name=Ada%20Lovelace&note=1%2B1%3D2%20%26%20%C3%A9")
                .containsEntry("form", Map.of("name", List.of("Ada Lovelace"), "note", List.of("1+1=2 & é")));
    }

    @Test
    void sendsMultipartFieldsAndFiles() {
        Map<String, Object> multipart = seen(client.post("/echo").part("title", "Notes")
                .file("upload", "notes.txt", "text/plain", "line 1\r\nline 2".getBytes(StandardCharsets.UTF_8))
                .send());
        assertThat((String) multipart.get("contentType")).startsWith("multipart/form-data; boundary=");
        assertThat(multipart).containsEntry("form", Map.of("title", List.of("Notes")));
        assertThat(multipart.get("files")).isEqualTo(List.of(new FilePart("upload", "notes.txt", "text/plain",
                "line 1\r\nline 2".getBytes(StandardCharsets.UTF_8)).toString()));
    }

    @Test
    void refusesASecondBody() {
        assertThatThrownBy(() -> client.post("/echo").text("a").form("b", "c"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has a body already");
    }

    @Test
    void sendsRepeatedHeadersAndPercentEncodesTheQuery() {
        Map<String, Object> seen = seen(client.get("/echo?fixed=1").query("q", "a b&c=d/é").query("empty", "")
                .header("Accept", "text/plain").header("Accept", "application/json").send());
        assertThat(seen).containsEntry("target", "/echo?fixed=1&q=a%20b%26c%3Dd%2F%C3%A9&empty=")
                .containsEntry("query", Map.of("fixed", List.of("1"), "q", List.of("a b&c=d/é"),
                        "empty", List.of("")))
                .containsEntry("accept", List.of("text/plain", "application/json"));
    }

    @Test
    void sendsHeadersTheJdkClientRefusesOnASocketOfItsOwn() {
        TestResponse r = client.post("/echo").header("Host", "example.com:8443").header("Connection", "close")
                .text("over a socket").send();
        assertThat(seen(r)).containsEntry("host", "example.com:8443").containsEntry("body", "over a socket");
        assertThat(r.header("Connection")).hasValue("close");
        TestResponse head = client.head("/echo").header("Host", "example.com").send();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
    }

    @Test
    void readsResponseHeadersWithoutRegardToCase() {
        TestResponse r = client.get("/echo").send();
        assertThat(r.header("X-METHOD")).hasValue("GET");
        assertThat(r.headers()).containsKey("content-type").containsKey("Content-Type");
        assertThat(r.headers("content-type")).containsExactly("application/json");
        assertThat(r.header("x-absent")).isEmpty();
    }

    @Test
    void readsBinaryBodies() {
        assertThat(client.get("/bytes").send().bytes()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void roundTripsJsonThroughTheCodec() {
        TestResponse created = client.post("/todos").json(new Todo("Write tests", false)).send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json(Todo.class)).isEqualTo(new Todo("Write tests", false));
        List<Todo> all = client.get("/todos").send().json(new TypeReference<List<Todo>>() { }.getType());
        assertThat(all).containsExactly(new Todo("a", false), new Todo("b", true));
    }

    @Test
    void sendsRequestsConcurrently() {
        List<CompletableFuture<TestResponse>> inFlight = List.of(client.get("/echo").sendAsync(),
                client.post("/echo").text("two").sendAsync(), client.get("/echo").header("Host", "h").sendAsync());
        assertThat(inFlight).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
    }

    @Test
    void rawAnswersPipelinedRequestsInOrder() {
        RawReply reply = client.raw("GET /echo?n=1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /echo?n=2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc", 2);
        assertThat(reply.closed()).isFalse();
        assertThat(reply.responses()).hasSize(2);
        assertThat(seen(reply.responses().get(0))).containsEntry("target", "/echo?n=1");
        assertThat(seen(reply.responses().get(1))).containsEntry("target", "/echo?n=2").containsEntry("body", "abc");
        assertThat(reply.text()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n\r\n{\"method\":\"POST\"");
    }

    @Test
    void rawReadsAMalformedRequestsRejectionUntilTheClose() {
        RawReply reply = client.raw("GET /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
        assertThat(reply.closed()).isTrue();
        assertThat(reply.response().status()).isEqualTo(400);
        assertThat(reply.response().header("connection")).hasValue("close");
        RawReply bytes = client.raw("GET / HTTP/1.1\r\nHo\0st: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bytes.response().status()).isEqualTo(400);
    }

    @Test
    void rawGivesUpAtTheTimeoutShowingWhatArrived() {
        TestClient impatient = client.timeout(Duration.ofMillis(300));
        // The second request's head never ends, so the second response never comes.
        assertThatThrownBy(() -> impatient.raw("GET /bytes HTTP/1.1\r\nHost: a\r\n\r\nGET /bytes HTTP/1.1\r\n", 2))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("No 2 complete response(s) within PT0.3S").hasMessageContaining("HTTP/1.1 200");
    }

    @Test
    void refusesAPathWithoutLeadingSlash() {
        assertThatThrownBy(() -> client.get("echo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw()");
    }
}
