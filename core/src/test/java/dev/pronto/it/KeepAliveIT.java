package dev.pronto.it;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static dev.pronto.it.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Connection persistence (RFC 9112 §9.3) and the fields every response carries. */
@Timeout(30)
class KeepAliveIT {
    private static final Response BIG = Response.text("x".repeat(256 * 1024));
    private static final Handler HANDLER = request -> switch (request.path()) {
        case "/big" -> BIG;
        case "/empty" -> Response.status(200);
        case "/missing" -> Response.status(404);
        case "/no-content" -> Response.status(204);
        case "/echo" -> Response.bytes(request.body());
        default -> Response.text("hello " + request.path());
    };

    @Test
    void keepsHttp11ConnectionOpenByDefault() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            for (int i = 0; i < 3; i++) {
                client.send(get("/" + i));
                RawResponse response = client.readResponse();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).isEqualTo("hello /" + i);
                assertThat(response.closes()).isFalse();
            }
        }
    }

    @Test
    void closesAfterAnsweringConnectionClose() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/bye", "Connection: close"));

            RawResponse response = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).hasValue("close");
            assertThat(end.reset()).as("closed with a clean end of stream, not a reset").isFalse();
            assertThat(end.bytes()).isEmpty();
        }
    }

    @Test
    void closesHttp10ConnectionByDefault() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            client.send("GET /old HTTP/1.0\r\n\r\n");

            RawResponse response = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("hello /old");
            assertThat(response.header("Connection").orElse("close")).as("no keep-alive announced")
                    .isEqualToIgnoringCase("close");
            assertThat(end.reset()).isFalse();
            assertThat(end.bytes()).isEmpty();
        }
    }

    @Test
    void keepsHttp10ConnectionThatAsksForKeepAlive() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            for (int i = 0; i < 2; i++) {
                client.send("GET /old" + i + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawResponse response = client.readResponse();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).isEqualTo("hello /old" + i);
                assertThat(response.header("Connection")).hasValue("keep-alive");
            }
        }
    }

    @Test
    void deliversWholeResponseToConnectionCloseAndIgnoresRequestPipelinedBehindIt() throws Exception {
        AtomicInteger second = new AtomicInteger();
        Handler handler = request -> {
            if (request.path().equals("/second")) {
                second.incrementAndGet();
            }
            return HANDLER.handle(request);
        };
        try (Server server = Server.start(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/big", "Connection: close") + get("/second"));

            RawResponse first = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).hasSize(256 * 1024);
            assertThat(first.closes()).isTrue();
            assertThat(end.bytes()).as("nothing after the response to Connection: close").isEmpty();
            assertThat(end.reset()).as("the unread request must not turn the close into a reset").isFalse();
            assertThat(second).as("the handler never sees the request after Connection: close").hasValue(0);
        }
    }

    @Test
    void answersThenClosesWhenClientHalfCloses() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/a") + get("/b")).shutdownOutput();

            List<RawResponse> responses = client.readResponses(2);
            RawClient.Closure end = client.readUntilClosed();

            assertThat(responses).extracting(RawResponse::bodyText).containsExactly("hello /a", "hello /b");
            assertThat(end.bytes()).isEmpty();
            assertThat(end.reset()).isFalse();
        }
    }

    @Test
    void sendsDateAndContentLengthWithEveryResponse() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            client.send(Requests.concat(ascii(get("/text") + get("/empty") + get("/missing")),
                    post("/echo", ascii("twelve bytes"))));

            List<RawResponse> responses = client.readResponses(4);

            assertThat(responses).extracting(RawResponse::status).containsExactly(200, 200, 404, 200);
            for (RawResponse r : responses) {
                assertThat(r.headers("Date")).as("Date of %s", r).hasSize(1);
                assertThat(ZonedDateTime.parse(r.header("Date").orElseThrow(),
                        DateTimeFormatter.RFC_1123_DATE_TIME)).isNotNull();
                assertThat(r.headers("Content-Length")).as("Content-Length of %s", r)
                        .containsExactly(String.valueOf(r.body().length));
                assertThat(r.headers("Transfer-Encoding")).isEmpty();
            }
            assertThat(responses.get(3).bodyText()).isEqualTo("twelve bytes");
        }
    }

    @Test
    void sendsNoContentLengthWith204() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/no-content") + get("/after"));

            List<RawResponse> responses = client.readResponses(2);

            assertThat(responses.get(0).status()).isEqualTo(204);
            // RFC 9110 §8.6: a server MUST NOT send Content-Length in a 204.
            assertThat(responses.get(0).header("Content-Length")).isEmpty();
            assertThat(responses.get(0).header("Date")).isPresent();
            assertThat(responses.get(1).bodyText()).isEqualTo("hello /after");
        }
    }

    @Test
    void answersHeadWithTheHeadersOfGetAndNoBody() throws Exception {
        try (Server server = Server.start(localServer().build(), HANDLER);
             RawClient client = RawClient.connect(server.port())) {
            // Pipelined: any body bytes after the HEAD response would corrupt the GET response that follows.
            client.send("HEAD /page HTTP/1.1\r\nHost: test\r\n\r\n" + get("/page"));

            RawResponse head = client.readHeadResponse();
            RawResponse getResponse = client.readResponse();

            assertThat(head.status()).isEqualTo(200);
            assertThat(getResponse.bodyText()).isEqualTo("hello /page");
            assertThat(head.header("Content-Length")).hasValue(String.valueOf(getResponse.body().length));
            assertThat(head.header("Content-Type")).isEqualTo(getResponse.header("Content-Type"));
            assertThat(head.header("Date")).isPresent();
            client.send(get("/still-open"));
            assertThat(client.readResponse().bodyText()).isEqualTo("hello /still-open");
        }
    }
}
