package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large {@code byte[]} bodies go out in bounded slices through the loop's own direct buffer, a bounded amount per
 * connection and loop turn, so that they neither copy the whole rest of the body on every write (the JDK copies a
 * heap buffer handed to a socket into a temporary direct buffer as large, and keeps it) nor hold back the other
 * connections of their loop. One event loop throughout, so that the connections share it.
 */
@Timeout(60)
class LargeBodyIT {
    private static final Response HELLO = Response.text("Hello world!");
    private static final int LARGE = 64 << 20;
    private static final byte[] BODY = pattern(LARGE);
    private static final Response BIG = Response.bytes(BODY);

    @Test
    void aLargeBodyArrivesIntactWhileAnotherConnectionOnItsLoopIsAnswered() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        HttpEngine engine = HttpEngine.start(Requests.localServer().build(),
                e -> e.respond(e.request().path().equals("/big") ? BIG : HELLO), transport);
        try (RawClient slow = RawClient.connect(engine.address().getPort(), 64 * 1024)) {
            RecordingTransport.RecordingChannel big = transport.accepted.poll(5, TimeUnit.SECONDS);
            assertThat(big).isNotNull();
            slow.send(Requests.get("/big")); // and reads nothing yet
            assertThat(big.awaitWriteInterest(10)).as("the server holds output the slow client has not taken")
                    .isTrue();

            try (RawClient other = RawClient.connect(engine.address().getPort())) {
                assertThat(other.send(Requests.get("/")).readResponse().bodyText()).isEqualTo("Hello world!");
            }
            assertThat(big.written.get()).as("bytes of the large response sent when the small one was complete")
                    .isLessThan(LARGE);

            RawResponse response = slow.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(LARGE);
            assertThat(Arrays.mismatch(response.body(), BODY)).as("first differing byte").isEqualTo(-1);
            assertThat(slow.send(Requests.get("/")).readResponse().bodyText()).as("the connection goes on")
                    .isEqualTo("Hello world!");

            assertThat(big.heapWrites.get()).as("writes handed a heap buffer").isZero();
            assertThat(big.maxOffered.get()).as("the most bytes offered to one write")
                    .isLessThanOrEqualTo(WriteBatch.CAPACITY);
            assertThat(big.maxWrittenInOneTurn.get()).as("the most bytes written to the connection in one loop turn")
                    .isLessThanOrEqualTo(WriteBatch.TURN_BUDGET);
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void aLargeBodyArrivesIntactThroughASocketThatTakesPartOfEveryWrite() throws Exception {
        byte[] body = pattern(8 << 20);
        Response large = Response.bytes(body);
        RecordingTransport transport = new RecordingTransport();
        transport.takeAtMost(100_000); // less than a slice, and no divisor of it: every slice is re-staged
        HttpEngine engine = HttpEngine.start(Requests.localServer().build(), e -> e.respond(large), transport);
        try (RawClient client = RawClient.connect(engine.address().getPort())) {
            RecordingTransport.RecordingChannel channel = transport.accepted.poll(5, TimeUnit.SECONDS);
            assertThat(channel).isNotNull();
            RawResponse response = client.send(Requests.get("/large")).readResponse();
            assertThat(response.body()).hasSize(body.length);
            assertThat(Arrays.mismatch(response.body(), body)).as("first differing byte").isEqualTo(-1);
            assertThat(channel.shortWrites.get()).as("writes the socket took only part of").isPositive();
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void pipelinedResponsesWithBodiesThatFitTheBatchLeaveInOneWrite() throws Exception {
        int count = 4;
        byte[] body = pattern(12 * 1024); // larger than a page or two, as a JSON list or a small image

        Response medium = Response.bytes(body);
        assertThat(count * body.length).as("what the test sends fits the batch").isLessThan(WriteBatch.CAPACITY - 4096);
        RecordingTransport transport = new RecordingTransport();
        HttpEngine engine = HttpEngine.start(Requests.localServer().build(), e -> e.respond(medium), transport);
        try (RawClient client = RawClient.connect(engine.address().getPort())) {
            RecordingTransport.RecordingChannel channel = transport.accepted.poll(5, TimeUnit.SECONDS);
            assertThat(channel).isNotNull();
            client.send(Requests.get("/medium").repeat(count));
            List<RawResponse> responses = client.readResponses(count);
            assertThat(responses).allSatisfy(r -> assertThat(r.body()).isEqualTo(body));
            assertThat(channel.writes.get()).as("writes for %d responses read in %d read(s)", count,
                    channel.dataReads.get()).isEqualTo(channel.dataReads.get());
            assertThat(channel.heapWrites.get()).as("writes handed a heap buffer").isZero();
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
