package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The in-memory transport and a real socket answer the same bytes, byte for byte, to a table of requests, well-formed
 * and not, with the same fixed clock for {@code Date}.
 */
@Timeout(60)
class TransportAgreementTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String CLOSE = "Host: test\r\nConnection: close\r\n\r\n";

    private static TestServer socket;
    private static TestServer memory;
    private static Path file;

    private static App app() {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Response bigResponse = Response.bytes(big);
        return new App()
                .get("/", request -> Response.text("Hello world!"))
                .get("/json", request -> Response.json(Map.of("message", "Hello, World!")))
                .post("/echo", request -> Response.bytes(request.body())
                        .withContentType(request.header("content-type").orElse("application/octet-stream")))
                .get("/users/{id}", request -> Response.text("User " + request.pathParam("id")))
                .get("/fail", request -> {
                    throw new IllegalStateException("on purpose");
                })
                .get("/big", request -> bigResponse)
                .get("/file", request -> Response.file(file));
    }

    @BeforeAll
    static void start() throws IOException {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7 + (i >>> 9));
        }
        file = Files.write(Files.createTempFile("pronto-agreement", ".bin"), content);
        socket = ProntoTest.start(app(), ProntoTest.config(), CLOCK);
        memory = ProntoTest.inMemory(app(), ProntoTest.config(), CLOCK);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            socket.close();
        } finally {
            memory.close();
            Files.deleteIfExists(file);
        }
    }

    /** Each request, read until the server closes, and the status of the first response (0: none expected). */
    static Stream<Arguments> requests() {
        return Stream.of(
                arguments("GET /", "GET / HTTP/1.1\r\n" + CLOSE, 200),
                arguments("HEAD /", "HEAD / HTTP/1.1\r\n" + CLOSE, 200),
                arguments("JSON", "GET /json HTTP/1.1\r\n" + CLOSE, 200),
                arguments("path parameter", "GET /users/caf%C3%A9 HTTP/1.1\r\n" + CLOSE, 200),
                arguments("404", "GET /nowhere HTTP/1.1\r\n" + CLOSE, 404),
                arguments("405", "DELETE / HTTP/1.1\r\n" + CLOSE, 405),
                arguments("500", "GET /fail HTTP/1.1\r\n" + CLOSE, 500),
                arguments("large body", "GET /big HTTP/1.1\r\n" + CLOSE, 200),
                // The socket sends a file with sendfile, the in-memory channel through a buffer: the same bytes.
                arguments("file", "GET /file HTTP/1.1\r\n" + CLOSE, 200),
                arguments("file range", "GET /file HTTP/1.1\r\nRange: bytes=1000-150999\r\n" + CLOSE, 206),
                arguments("file, HEAD", "HEAD /file HTTP/1.1\r\n" + CLOSE, 200),
                arguments("body by length", "POST /echo HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                        + CLOSE + "hello", 200),
                arguments("chunked body", "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n" + CLOSE
                        + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 200),
                // Refused before any body is read: a 100 Continue would depend on how the bytes were cut in transit.
                arguments("expect 100-continue, too large", "POST /echo HTTP/1.1\r\nExpect: 100-continue\r\n"
                        + "Content-Length: 20000000\r\n" + CLOSE, 413),
                arguments("pipeline", "GET / HTTP/1.1\r\nHost: test\r\n\r\n"
                        + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nabc"
                        + "GET /users/7 HTTP/1.1\r\n" + CLOSE, 200),
                arguments("HTTP/1.0", "GET / HTTP/1.0\r\n\r\n", 200),
                arguments("duplicate Content-Length", "POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
                        + CLOSE + "ab", 400),
                arguments("Content-Length and chunked", "POST /echo HTTP/1.1\r\nContent-Length: 3\r\n"
                        + "Transfer-Encoding: chunked\r\n" + CLOSE + "0\r\n\r\n", 400),
                arguments("space before colon", "GET / HTTP/1.1\r\nHost : test\r\n\r\n", 400),
                arguments("obs-fold", "GET / HTTP/1.1\r\nHost: test\r\nX-A: 1\r\n folded\r\n\r\n", 400),
                arguments("bare LF", "GET / HTTP/1.1\nHost: test\n\n", 400),
                arguments("control byte", "GET / HTTP/1.1\r\nHost: te\u0001st\r\n\r\n", 400),
                arguments("no Host", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
                arguments("garbage", "\u0000\u0001\u0002 not http\r\n\r\n", 400),
                arguments("request line too long", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n" + CLOSE, 414),
                arguments("header too large", "GET / HTTP/1.1\r\nX-Big: " + "b".repeat(17_000) + "\r\n" + CLOSE, 431),
                arguments("HTTP/2.0", "GET / HTTP/2.0\r\n" + CLOSE, 505),
                arguments("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\n" + CLOSE, 501));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answersTheSameBytesInMemoryAsOnASocket(String name, String request, int firstStatus) {
        RawReply onSocket = socket.client().raw(request);
        RawReply inMemory = memory.client().raw(request);
        assertThat(onSocket.text()).startsWith("HTTP/1.1 " + firstStatus + " ");
        assertThat(inMemory.closed()).isTrue();
        assertThat(inMemory.text()).isEqualTo(onSocket.text());
        assertThat(inMemory.bytes()).isEqualTo(onSocket.bytes());
    }

    @Test
    void datesTheResponsesByTheGivenClock() {
        for (TestServer server : new TestServer[] {socket, memory}) {
            TestResponse r = server.client().get("/").send();
            assertThat(r.header("Date")).hasValue("Fri, 02 Jan 2026 03:04:05 GMT");
            assertThat(r.text()).isEqualTo("Hello world!");
        }
    }

    @Test
    void sendsEveryKindOfRequestInMemory() {
        TestClient client = memory.client();
        assertThat(client.port()).isZero();
        assertThat(client.post("/echo").json(Map.of("a", 1)).send().text()).isEqualTo("{\"a\":1}");
        assertThat(client.post("/echo").form("k", "v w").send().text()).isEqualTo("k=v%20w");
        assertThat(client.head("/big").send().bytes()).isEmpty();
        assertThat(client.get("/big").send().bytes()).hasSize(300_000);
        assertThat(client.get("/users/1").sendAsync().join().text()).isEqualTo("User 1");
        RawReply pipelined = client.raw("GET /users/1 HTTP/1.1\r\nHost: a\r\n\r\nGET /users/2 HTTP/1.1\r\nHost: a\r\n\r\n",
                2);
        assertThat(pipelined.closed()).isFalse();
        assertThat(pipelined.responses()).extracting(TestResponse::text).containsExactly("User 1", "User 2");
        assertThat(new String(pipelined.bytes(), StandardCharsets.ISO_8859_1)).contains("User 1");
    }
}
