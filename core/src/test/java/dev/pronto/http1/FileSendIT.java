package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.it.OpenFiles;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file response leaves through the transport's {@code transferFrom} (sendfile), never through a heap or staging
 * buffer, a bounded amount per connection and loop turn; its descriptor is closed once it is sent or the connection is
 * gone. One event loop throughout, so that connections share it.
 */
@Timeout(60)
class FileSendIT {
    private static final int LARGE = 8 << 20; // eight times the turn budget
    private static final Response HELLO = Response.text("Hello world!");
    private static byte[] content;
    private static Path file;

    @BeforeAll
    static void writeFile() throws Exception {
        content = pattern(LARGE);
        file = Files.createTempFile("pronto-file-send", ".bin");
        Files.write(file, content);
    }

    @AfterAll
    static void deleteFile() throws Exception {
        Files.deleteIfExists(file);
    }

    private static HttpEngine start(RecordingTransport transport) throws Exception {
        return HttpEngine.start(Requests.localServer().build(),
                e -> e.respond(e.request().path().equals("/file") ? Response.file(file) : HELLO), transport);
    }

    @Test
    void sendsTheFileFromTheFileInTurnSizedSlicesWhileAnotherConnectionIsAnswered() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        HttpEngine engine = start(transport);
        try (RawClient slow = RawClient.connect(engine.address().getPort(), 64 * 1024)) {
            RecordingTransport.RecordingChannel channel = transport.accepted.poll(5, TimeUnit.SECONDS);
            assertThat(channel).isNotNull();
            slow.send(Requests.get("/file")); // and reads nothing yet
            assertThat(channel.awaitWriteInterest(10)).as("the server holds the file the client has not taken")
                    .isTrue();
            try (RawClient other = RawClient.connect(engine.address().getPort())) {
                assertThat(other.send(Requests.get("/")).readResponse().bodyText()).isEqualTo("Hello world!");
            }
            assertThat(channel.transferred.get()).as("file bytes sent when the other connection was answered")
                    .isLessThan(LARGE);

            RawResponse response = slow.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).hasValue(Integer.toString(LARGE));
            assertThat(response.body()).hasSize(LARGE);
            assertThat(Arrays.mismatch(response.body(), content)).as("first differing byte").isEqualTo(-1);

            assertThat(channel.transferred.get()).as("bytes sent from the file by transferFrom").isEqualTo(LARGE);
            assertThat(channel.written.get() - channel.transferred.get()).as("bytes written from buffers: the head")
                    .isLessThan(1024);
            assertThat(channel.heapWrites.get()).as("writes handed a heap buffer").isZero();
            assertThat(channel.maxWrittenInOneTurn.get()).as("the most bytes written to the connection in one turn")
                    .isLessThanOrEqualTo(WriteBatch.TURN_BUDGET);
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void answersAPipelinedRequestBehindAFileInOrderThroughShortWrites() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        transport.takeAtMost(100_000); // no divisor of the budget: each transfer leaves a rest for the next
        HttpEngine engine = start(transport);
        try (RawClient client = RawClient.connect(engine.address().getPort())) {
            client.send(Requests.get("/file") + Requests.get("/") + Requests.get("/file") + Requests.get("/"));
            List<RawResponse> responses = client.readResponses(4);
            assertThat(Arrays.mismatch(responses.get(0).body(), content)).as("first file").isEqualTo(-1);
            assertThat(responses.get(1).bodyText()).isEqualTo("Hello world!");
            assertThat(Arrays.mismatch(responses.get(2).body(), content)).as("second file").isEqualTo(-1);
            assertThat(responses.get(3).bodyText()).isEqualTo("Hello world!");
            assertThat(OpenFiles.count(file)).as("descriptors left open on the file once it is sent").isZero();
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void closesTheFileWhenTheClientGoesAwayInTheMiddle() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        HttpEngine engine = start(transport);
        try {
            RawClient client = RawClient.connect(engine.address().getPort(), 64 * 1024);
            RecordingTransport.RecordingChannel channel = transport.accepted.poll(5, TimeUnit.SECONDS);
            assertThat(channel).isNotNull();
            client.send(Requests.get("/file"));
            InputStream in = client.socket().getInputStream();
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
            assertThat(channel.awaitWriteInterest(10)).as("the file is still being sent").isTrue();
            assertThat(OpenFiles.count(file)).as("descriptors open on the file while it is sent").isEqualTo(1);
            client.socket().setSoLinger(true, 0); // a reset, as a client that gives up does with unread input
            client.close();

            assertThat(OpenFiles.awaitNone(file, Duration.ofSeconds(10)))
                    .as("descriptors left open on the file after the client went away").isZero();
        } finally {
            engine.shutdown();
        }
    }

    /** Bytes that differ from their neighbours at every scale, so that a slice out of place shows. */
    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i ^ (i >>> 8) ^ (i >>> 16) ^ (i >>> 24));
        }
        return b;
    }
}
