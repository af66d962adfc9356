package dev.pronto.it;

import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.chunkedPost;
import static dev.pronto.it.Requests.concat;
import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static dev.pronto.it.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests get a short 4xx/5xx after the earlier pipelined responses, then the connection closes. */
@Timeout(30)
class MalformedIT {
    /** Answers with what it understood, so that a response proves how the request was framed. */
    private static final Handler DESCRIBE = request -> request.method() == Method.HEAD ? Response.text("")
            : Response.text(request.method() + " " + request.target() + " " + new String(request.body(),
                    StandardCharsets.ISO_8859_1));

    @Test
    void answersEarlierRequestsThen400AndClosesOnMalformedRequestInPipeline() throws Exception {
        AtomicInteger third = new AtomicInteger();
        Handler handler = request -> {
            if (request.path().equals("/third")) {
                third.incrementAndGet();
            }
            return DESCRIBE.handle(request);
        };
        try (Server server = Server.start(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/first") + "GET /second HTTP/1.1\r\nHost: test\r\nX-Bad : 1\r\n\r\n" + get("/third"));

            RawResponse first = client.readResponse();
            RawResponse rejection = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.bodyText()).isEqualTo("GET /first ");
            assertThat(rejection.status()).isEqualTo(400);
            assertThat(rejection.closes()).isTrue();
            assertThat(rejection.header("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(rejection.bodyText()).as("a short message naming the problem").hasSizeLessThan(200)
                    .containsAnyOf("colon", "Colon", "whitespace", "Whitespace");
            assertThat(end.bytes()).as("the request after the malformed one is never answered").isEmpty();
            assertThat(end.reset()).isFalse();
            assertThat(third).hasValue(0);
        }
    }

    @Test
    void rejectsUnknownTransferCodingWith501() throws Exception {
        assertRejected("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: x-custom, chunked\r\n\r\n0\r\n\r\n", 501);
    }

    @Test
    void rejectsHttp2RequestLineWith505() throws Exception {
        assertRejected("GET / HTTP/2.0\r\nHost: test\r\n\r\n", 505);
    }

    @Test
    void rejectsHttp11RequestWithoutHostWith400() throws Exception {
        assertRejected("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400);
    }

    @Test
    void rejectsContentLengthWithTransferEncodingWith400() throws Exception {
        assertRejected("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n", 400);
    }

    @Test
    void rejectsDuplicateContentLengthWith400() throws Exception {
        assertRejected("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400);
    }

    @Test
    void rejectsObsFoldWith400() throws Exception {
        assertRejected("GET / HTTP/1.1\r\nHost: test\r\nX-Folded: a\r\n b\r\n\r\n", 400);
    }

    @Test
    void answersTheSameWhateverOffsetsThePipelineIsSplitAt() throws Exception {
        byte[] pipeline = concat(
                ascii(get("/a?x=1")),
                post("/b", ascii("body of b")),
                ascii(chunkedPost("/c", "4;ext=1\r\nbody\r\n5\r\n of c\r\n0\r\nX-Trailer: t\r\n\r\n")),
                ascii("HEAD /d HTTP/1.1\r\nHost: test\r\n\r\n"),
                ascii(get("/e")));
        Random random = new Random(20250101L);
        try (Server server = Server.start(localServer().build(), DESCRIBE)) {
            List<String> whole = exchange(server, pipeline, new int[0]);
            assertThat(whole).containsExactly("200 GET /a?x=1 ", "200 POST /b body of b", "200 POST /c body of c",
                    "200 ", "200 GET /e ");

            for (int split = 0; split < 30; split++) {
                int[] cuts = RawClient.randomCuts(pipeline.length, random, 2 + random.nextInt(40));
                assertThat(exchange(server, pipeline, cuts)).as("split at %s", Arrays.toString(cuts))
                        .isEqualTo(whole);
            }
        }
    }

    @Test
    void rejectsTheSameWhateverOffsetsAMalformedPipelineIsSplitAt() throws Exception {
        byte[] pipeline = ascii(get("/first") + "GET /second HTTP/1.1\r\nHost: test\r\nX-Bad : 1\r\n\r\n"
                + get("/third"));
        Random random = new Random(7L);
        try (Server server = Server.start(localServer().build(), DESCRIBE)) {
            for (int split = 0; split < 10; split++) {
                int[] cuts = RawClient.randomCuts(pipeline.length, random, 2 + random.nextInt(20));
                try (RawClient client = RawClient.connect(server.port())) {
                    client.sendInPieces(pipeline, cuts);

                    List<RawResponse> responses = client.readResponses(2);

                    assertThat(responses).extracting(RawResponse::status).as("split at %s",
                            Arrays.toString(cuts)).containsExactly(200, 400);
                    assertThat(client.readUntilClosed().bytes()).isEmpty();
                }
            }
        }
    }

    /** Sends the pipeline in pieces on a new connection; returns "status body" of the five responses. */
    private static List<String> exchange(Server server, byte[] pipeline, int[] cuts) throws IOException {
        try (RawClient client = RawClient.connect(server.port())) {
            client.sendInPieces(pipeline, cuts);
            List<RawResponse> responses = new ArrayList<>(client.readResponses(3));
            responses.add(client.readHeadResponse());
            responses.add(client.readResponse());
            return responses.stream().map(r -> r.status() + " " + r.bodyText()).toList();
        }
    }

    private static void assertRejected(String request, int status) throws IOException {
        try (Server server = Server.start(localServer().build(), DESCRIBE);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/before") + request);

            RawResponse before = client.readResponse();
            RawResponse rejection = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();

            assertThat(before.status()).isEqualTo(200);
            assertThat(rejection.status()).as("status of %s", rejection).isEqualTo(status);
            assertThat(rejection.closes()).as("Connection: close on %s", rejection).isTrue();
            assertThat(rejection.body()).as("a short message naming the problem").isNotEmpty().hasSizeLessThan(200);
            assertThat(end.bytes()).isEmpty();
            assertThat(end.reset()).isFalse();
        }
    }
}
