package dev.pronto.it;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.chunkedPost;
import static dev.pronto.it.Requests.concat;
import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static dev.pronto.it.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies reach the handler byte for byte, however they are framed and however they arrive. */
@Timeout(30)
class BodyIT {
    private static final Handler ECHO = request -> Response.bytes(request.body());
    /** The engine reads into a 64 KiB buffer with the default limits. */
    private static final int READ_BUFFER = 64 * 1024;

    @Test
    void receivesSmallContentLengthBody() throws Exception {
        byte[] body = allByteValues(300);
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send(post("/", body));

            assertThat(client.readResponse().body()).isEqualTo(body);
        }
    }

    @Test
    void receivesEmptyContentLengthBody() throws Exception {
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send(post("/", new byte[0]));

            RawResponse response = client.readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void receivesBodiesEndingAroundTheReadBufferBoundary() throws Exception {
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            for (int total : new int[] {READ_BUFFER - 1, READ_BUFFER, READ_BUFFER + 1}) {
                byte[] request = requestOfTotalLength(total);
                byte[] body = bodyOf(request);
                // The boundary request and one pipelined behind it, whose head starts exactly past the boundary.
                client.send(concat(request, ascii(get("/after"))));

                List<RawResponse> responses = client.readResponses(2);

                assertThat(responses.get(0).body()).as("body of a %d-byte request", total).isEqualTo(body);
                assertThat(responses.get(1).status()).isEqualTo(200);
                assertThat(responses.get(1).body()).isEmpty();
            }
        }
    }

    @Test
    void receivesOneMebibyteBodySentInPieces() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(1L).nextBytes(body);
        byte[] request = post("/upload", body);
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.sendSplit(request, new Random(2L), 64);

            RawResponse response = client.readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
    }

    @Test
    void receivesChunkedBodyWithExtensionsAndTrailers() throws Exception {
        String chunks = "5;name=value\r\nhello\r\n"
                + "1;quoted=\"a b\";bare\r\n \r\n"
                + "A\r\n0123456789\r\n"
                + "0;last\r\nX-Checksum: 1234\r\nX-Other: more\r\n\r\n";
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send(chunkedPost("/", chunks) + get("/after"));

            List<RawResponse> responses = client.readResponses(2);

            assertThat(responses.get(0).bodyText()).isEqualTo("hello 0123456789");
            assertThat(responses.get(1).status()).as("the chunked body was framed exactly").isEqualTo(200);
        }
    }

    @Test
    void receivesChunkedBodySentByteByByte() throws Exception {
        String chunks = "3;ext=1\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Trailer: yes\r\n\r\n";
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.sendByteByByte(ascii(chunkedPost("/", chunks) + get("/after")));

            List<RawResponse> responses = client.readResponses(2);

            assertThat(responses.get(0).bodyText()).isEqualTo("abcdefg");
            assertThat(responses.get(1).status()).isEqualTo(200);
        }
    }

    @Test
    void receivesLargeChunkedBodySentInPieces() throws Exception {
        byte[] body = allByteValues(200_000);
        StringBuilder chunks = new StringBuilder();
        Random random = new Random(3L);
        for (int at = 0; at < body.length; ) {
            int size = Math.min(body.length - at, 1 + random.nextInt(30_000));
            chunks.append(Integer.toHexString(size)).append("\r\n")
                    .append(new String(body, at, size, StandardCharsets.ISO_8859_1)).append("\r\n");
            at += size;
        }
        byte[] request = ascii(chunkedPost("/", chunks + "0\r\n\r\n"));
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.sendSplit(request, new Random(4L), 40);

            assertThat(client.readResponse().body()).isEqualTo(body);
        }
    }

    private static byte[] allByteValues(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** A POST whose head and body together are exactly {@code total} bytes. */
    private static byte[] requestOfTotalLength(int total) {
        int bodyLength = total - post("/", new byte[0]).length;
        while (post("/", new byte[bodyLength]).length > total) {
            bodyLength--; // the Content-Length value itself grew by a digit
        }
        byte[] body = allByteValues(bodyLength);
        byte[] request = post("/", body);
        assertThat(request).hasSize(total);
        return request;
    }

    private static byte[] bodyOf(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        return Arrays.copyOfRange(request, start, request.length);
    }
}
