package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One write per read batch: pipelined requests that arrive together are answered with one system call, never one
 * per response. A transport wrapping NIO ({@link RecordingTransport}) counts the connection's reads and writes.
 */
@Timeout(30)
class WriteCountIT {
    private static final Response HELLO = Response.text("Hello world!");
    private static final int PIPELINED = 24;

    @Test
    void answersPipelinedRequestsArrivingInOneReadWithOneWrite() throws Exception {
        RecordingTransport transport = new RecordingTransport();
        ServerConfig config = Requests.localServer().build();
        HttpEngine engine = HttpEngine.start(config, e -> e.respond(HELLO), transport);
        List<String> rounds = new ArrayList<>();
        boolean sawOneRead = false;
        try {
            String pipeline = Requests.get("/plaintext").repeat(PIPELINED);
            for (int round = 0; round < 5; round++) {
                try (RawClient client = RawClient.connect(engine.address().getPort())) {
                    RecordingTransport.RecordingChannel channel = transport.accepted.poll(5, TimeUnit.SECONDS);
                    assertThat(channel).as("the server accepted the connection").isNotNull();

                    client.send(pipeline); // one write, TCP_NODELAY: one segment of about 1 KB
                    List<RawResponse> responses = client.readResponses(PIPELINED);

                    assertThat(responses).extracting(RawResponse::bodyText).containsOnly("Hello world!");
                    // Every response has been received, so every write that carried them has been counted.
                    int reads = channel.dataReads.get();
                    int writes = channel.writes.get();
                    rounds.add(reads + " read(s), " + writes + " write(s)");
                    assertThat(writes).as("writes for %d pipelined requests that came in %d read(s)", PIPELINED,
                            reads).isEqualTo(reads);
                    sawOneRead |= reads == 1;
                }
            }
            // The kernel may split a segment between two reads now and then, but not in every one of five rounds.
            assertThat(sawOneRead).as("at least one round with the common case of one read, one write: %s", rounds)
                    .isTrue();
        } finally {
            engine.shutdown();
        }
    }
}
