package dev.pronto.hostile;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client pipelines 1,000 requests for 64 KiB responses and never reads: the server stops taking its requests
 * once the connection's queued output passes {@link ServerConfig#maxQueuedWriteBytes()} (the default, 4 MiB), so
 * its heap stays bounded; another client on the same event loop is answered within 2 s all along; and once the
 * client reads, every response arrives, in order. {@code it/LimitsIT} pushes 4,000 large requests through a small
 * limit; this is the default limit, with many small requests behind one another in the server's read buffer, and
 * the memory they would cost if the server did not stop.
 */
@Timeout(60)
class UnreadPipelineIT {
    private static final int PIPELINED = 1000;
    private static final int BODY = 64 * 1024;
    /** Requests of 128 bytes: 128 KB in all, more than one read of the server's 64 KiB buffer. */
    private static final int REQUEST_BYTES = 128;
    /** The deadline the issue sets for another client's request while one client is stuck. */
    private static final Duration PROMPT = Duration.ofSeconds(2);
    /** A batch is written once it holds 256 KiB (WriteBatch.FLUSH_THRESHOLD): one batch, plus one more body. */
    private static final long ONE_BATCH = 256 * 1024 + BODY;
    private static final long QUEUE_LIMIT = ServerConfig.defaults().maxQueuedWriteBytes();
    /**
     * What the server may hold for the stuck client: its queued output up to the limit, plus the batch that crossed
     * it, plus the requests read but not yet handled (at most one read buffer). Twice that is the bound allowed for
     * the heap's growth, the slack being for the measurement (other threads' allocations, the JIT). Were the server
     * to take every request, each 64 KiB body beyond what the kernel buffers would be held: about 1,000 × 64 KiB
     * minus 4 MiB, 58 MiB.
     */
    private static final long HEAP_BOUND = 2 * (QUEUE_LIMIT + ONE_BATCH + 64 * 1024);
    /**
     * Responses the server can have produced for the stuck client: what its socket's send buffer (at most
     * {@code tcp_wmem}'s maximum on Linux) and the client's 8 KiB receive buffer (doubled by the kernel, with
     * generous room for its bookkeeping: 256 KiB) take, plus what it may queue; each response is a body and a head.
     */
    private static final int HANDLED_BOUND = (int) ((kernelSendBufferMax() + 256 * 1024 + QUEUE_LIMIT + ONE_BATCH)
            / BODY) + 1;

    @Test
    void stopsTakingRequestsOfAClientThatNeverReadsWithBoundedMemoryAndServesOthersWithin2Seconds()
            throws Exception {
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch firstHandled = new CountDownLatch(1);
        Handler handler = request -> {
            if (!request.path().startsWith("/big/")) {
                return Response.text("small");
            }
            handled.incrementAndGet();
            firstHandled.countDown();
            byte[] body = new byte[BODY]; // a body of its own for each response: held output costs heap
            ByteBuffer.wrap(body).putInt(Integer.parseInt(request.path().substring("/big/".length())));
            return Response.bytes(body);
        };
        byte[] pipeline = pipeline();
        try (Server server = Server.start(Requests.localServer().build(), handler);
             RawClient stuck = RawClient.connect(server.port(), 8 * 1024);
             RawClient other = RawClient.connect(server.port()).timeout(PROMPT)) {
            roundTrip(other, "warm-up");
            long heapBefore = usedHeapAfterGc();

            CompletableFuture<Void> writer = sendWithoutReading(stuck, pipeline);
            assertThat(firstHandled.await(5, TimeUnit.SECONDS)).as("the stuck client's requests are being served")
                    .isTrue();
            // Each round trip is at least one turn of the single event loop. Were the stuck client still being
            // served, every turn would handle more of its requests; go on until a hundred turns handled none.
            int stableTurns = 0;
            int seen = handled.get();
            for (int turn = 0; stableTurns < 100; turn++) {
                roundTrip(other, "while stuck, turn " + turn);
                int now = handled.get();
                stableTurns = now == seen ? stableTurns + 1 : 0;
                seen = now;
                assertThat(now).as("responses produced for the stuck client by turn %d", turn)
                        .isLessThanOrEqualTo(HANDLED_BOUND);
                assertThat(turn).as("turns before the stuck client's requests stop being handled").isLessThan(5000);
            }
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            roundTrip(other, "after the measurement");
            System.out.printf(Locale.ROOT, "unread pipeline: %d of %d requests handled (bound %d), heap %+.1f MiB"
                            + " (bound %.1f MiB)%n", handled.get(), PIPELINED, HANDLED_BOUND, heapGrowth / 1048576.0,
                    HEAP_BOUND / 1048576.0);

            assertThat(handled.get()).as("requests handled while the client does not read").isLessThan(PIPELINED);
            assertThat(heapGrowth).as("heap held for a client that does not read").isLessThanOrEqualTo(HEAP_BOUND);

            // The client reads at last: reading resumes and every request is answered, in order.
            for (int i = 0; i < PIPELINED; i++) {
                RawResponse r = stuck.readResponse();
                assertThat(r.status()).as("response %d", i).isEqualTo(200);
                assertThat(r.body()).as("response %d", i).hasSize(BODY);
                assertThat(ByteBuffer.wrap(r.body()).getInt()).as("response %d answers request", i).isEqualTo(i);
            }
            writer.get(5, TimeUnit.SECONDS);
            assertThat(handled).hasValue(PIPELINED);
        }
    }

    /** @return {@value #PIPELINED} GET requests of {@value #REQUEST_BYTES} bytes each, one after another */
    private static byte[] pipeline() {
        ByteBuffer all = ByteBuffer.allocate(PIPELINED * REQUEST_BYTES);
        for (int i = 0; i < PIPELINED; i++) {
            String start = "GET /big/" + i + " HTTP/1.1\r\nHost: test\r\nX-Pad: ";
            String request = start + "p".repeat(REQUEST_BYTES - start.length() - 4) + "\r\n\r\n";
            all.put(Requests.ascii(request));
        }
        return all.array();
    }

    /** Writes on another thread: the write blocks once the server stops reading. */
    private static CompletableFuture<Void> sendWithoutReading(RawClient client, byte[] bytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("unread-pipeline-writer").start(() -> {
            try {
                client.send(bytes);
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static void roundTrip(RawClient other, String when) throws IOException {
        long start = System.nanoTime();
        RawResponse r = other.send(Requests.get("/small")).readResponse(); // each read is bounded by PROMPT
        long nanos = System.nanoTime() - start;
        assertThat(r.bodyText()).as(when).isEqualTo("small");
        assertThat(Duration.ofNanos(nanos)).as("another client's round trip, %s", when).isLessThanOrEqualTo(PROMPT);
    }

    /** @return the heap in use after a full collection (System.gc() is one with the JDK's collectors by default) */
    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** @return the most a TCP socket's send buffer may grow to (Linux: {@code tcp_wmem}); 4 MiB if unknown */
    private static long kernelSendBufferMax() {
        try {
            // Lines, not Files.readString: on some kernels a procfs file read whole by its size (0) comes back cut.
            String[] wmem = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_wmem")).getFirst().trim().split("\\s+");
            return Long.parseLong(wmem[wmem.length - 1]);
        } catch (IOException | RuntimeException e) {
            return 4L * 1024 * 1024;
        }
    }
}
