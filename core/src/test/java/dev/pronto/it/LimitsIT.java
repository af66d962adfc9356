package dev.pronto.it;

import dev.pronto.AsyncHandler;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.chunkedPost;
import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static dev.pronto.it.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every limit answers with its status and closes the connection after; the backpressure limits pause reading. */
@Timeout(30)
class LimitsIT {
    private static final int LINE_LIMIT = 1024;
    private static final int HEADER_BYTES_LIMIT = 2048;
    private static final int HEADER_COUNT_LIMIT = 20;
    private static final int BODY_LIMIT = 4096;
    private static final int CHUNK_LIMIT = 1024;
    private static final Handler ECHO = request -> Response.bytes(request.body());

    private static Server startLimitedServer() {
        return Server.start(localServer().maxRequestLineBytes(LINE_LIMIT).maxHeaderBytes(HEADER_BYTES_LIMIT)
                .maxHeaderCount(HEADER_COUNT_LIMIT).maxBodyBytes(BODY_LIMIT).maxChunkBytes(CHUNK_LIMIT).build(), ECHO);
    }

    @Test
    void acceptsRequestsWithinEveryLimit() throws Exception {
        StringBuilder twentyFields = new StringBuilder("GET /count HTTP/1.1\r\nHost: test\r\n");
        for (int i = 1; i < HEADER_COUNT_LIMIT; i++) {
            twentyFields.append("X-Field-").append(i).append(": ").append(i).append("\r\n");
        }
        String oneKibChunk = "400\r\n" + "c".repeat(CHUNK_LIMIT) + "\r\n";
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send(Requests.concat(
                    ascii(get("/" + "a".repeat(LINE_LIMIT - 24))),
                    ascii(get("/", "X-Pad: " + "p".repeat(HEADER_BYTES_LIMIT - 64))),
                    ascii(twentyFields.append("\r\n").toString()),
                    post("/body", new byte[BODY_LIMIT]),
                    ascii(chunkedPost("/chunks", oneKibChunk.repeat(BODY_LIMIT / CHUNK_LIMIT) + "0\r\n\r\n"))));

            List<RawResponse> responses = client.readResponses(5);

            assertThat(responses).extracting(RawResponse::status).containsOnly(200);
            assertThat(responses.get(3).body()).hasSize(BODY_LIMIT);
            assertThat(responses.get(4).bodyText()).isEqualTo("c".repeat(BODY_LIMIT));
        }
    }

    @Test
    void rejectsRequestLineOverTheLimitWith414() throws Exception {
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send(get("/" + "a".repeat(2 * LINE_LIMIT)));

            assertRejectedAndClosed(client, 414);
        }
    }

    @Test
    void rejectsHeaderSectionOverTheLimitWith431() throws Exception {
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send(get("/", "X-Pad: " + "p".repeat(HEADER_BYTES_LIMIT + 100)));

            assertRejectedAndClosed(client, 431);
        }
    }

    @Test
    void rejectsMoreHeaderFieldsThanTheLimitWith431() throws Exception {
        String[] fields = new String[HEADER_COUNT_LIMIT]; // plus Host: one over the limit
        for (int i = 0; i < fields.length; i++) {
            fields[i] = "X-Field-" + i + ": " + i;
        }
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send(get("/", fields));

            assertRejectedAndClosed(client, 431);
        }
    }

    @Test
    void rejectsContentLengthOverTheLimitWith413BeforeTheBodyIsSent() throws Exception {
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: " + (BODY_LIMIT + 1) + "\r\n\r\n");

            assertRejectedAndClosed(client, 413); // the body was never sent: the answer came from the head alone
        }
    }

    @Test
    void rejectsChunkedBodyGrowingOverTheLimitWith413() throws Exception {
        String chunk = Integer.toHexString(1000) + "\r\n" + "b".repeat(1000) + "\r\n";
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send(chunkedPost("/upload", chunk.repeat(5) + "0\r\n\r\n"));

            assertRejectedAndClosed(client, 413);
        }
    }

    @Test
    void rejectsChunkOverTheLimitWith413() throws Exception {
        int size = 2 * CHUNK_LIMIT; // within the body limit, over the chunk limit
        try (Server server = startLimitedServer(); RawClient client = RawClient.connect(server.port())) {
            client.send(chunkedPost("/upload",
                    Integer.toHexString(size) + "\r\n" + "b".repeat(size) + "\r\n0\r\n\r\n"));

            assertRejectedAndClosed(client, 413);
        }
    }

    @Test
    void pausesReadingAtMaxPipelinedRequestsAndAnswersAllInOrderOnceCompleted() throws Exception {
        int limit = 4;
        int n = 20;
        record Call(String path, CompletableFuture<Response> stage) {
        }
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicInteger invoked = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger mostOutstanding = new AtomicInteger();
        AsyncHandler handler = request -> {
            if (request.path().equals("/ping")) {
                return CompletableFuture.completedFuture(Response.text("pong"));
            }
            int outstanding = invoked.incrementAndGet() - completed.get();
            mostOutstanding.accumulateAndGet(outstanding, Math::max);
            CompletableFuture<Response> stage = new CompletableFuture<>();
            calls.add(new Call(request.path(), stage));
            return stage;
        };
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < n; i++) {
            pipeline.append(get("/" + i));
        }
        ServerConfig config = localServer().maxPipelinedRequests(limit).build();
        try (Server server = Server.startAsync(config, handler);
             RawClient client = RawClient.connect(server.port());
             RawClient other = RawClient.connect(server.port())) {
            client.send(pipeline.toString());
            List<Call> first = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                Call call = calls.poll(5, TimeUnit.SECONDS);
                assertThat(call).as("call %d reaches the handler", i).isNotNull();
                first.add(call);
            }
            // A round trip on the same (single) loop: whatever that read was going to dispatch has been dispatched.
            other.send(get("/ping"));
            assertThat(other.readResponse().bodyText()).isEqualTo("pong");

            assertThat(invoked).as("handler calls before any stage completes").hasValue(limit);
            assertThat(calls).isEmpty();

            List<Call> batch = first;
            int done = 0;
            while (true) {
                for (Call call : batch.reversed()) { // reverse order: the queue must restore request order
                    completed.incrementAndGet();
                    call.stage().complete(Response.text(call.path()));
                }
                done += batch.size();
                if (done == n) {
                    break;
                }
                batch = new ArrayList<>();
                Call next = calls.poll(5, TimeUnit.SECONDS);
                assertThat(next).as("reading resumes after %d completions", done).isNotNull();
                batch.add(next);
                calls.drainTo(batch);
            }
            List<RawResponse> responses = client.readResponses(n);

            for (int i = 0; i < n; i++) {
                assertThat(responses.get(i).bodyText()).isEqualTo("/" + i);
            }
            assertThat(invoked).hasValue(n);
            assertThat(mostOutstanding.get()).as("stages outstanding at once").isLessThanOrEqualTo(limit);
        }
    }

    // ---- maxQueuedWriteBytes and writeTimeout: a client that pipelines large responses and never reads ----

    private static final Response BIG = Response.bytes(new byte[64 * 1024]);
    private static final Response SMALL = Response.text("small");
    /** About 8 KB, so that one 64 KiB read holds only a handful of requests. */
    private static final byte[] BIG_REQUEST = ascii(get("/big", "X-Pad: " + "p".repeat(8000)));
    /** 32 MB of requests: far more than the kernel buffers between client and server can hold. */
    private static final int PIPELINED = 4000;
    private static final int QUEUED_WRITE_LIMIT = 256 * 1024;
    /**
     * Far below PIPELINED: the responses the kernel can hold for a client that does not read (the server's send
     * buffer, at most {@code tcp_wmem}'s maximum on Linux, plus the client's receive buffer), plus the queued-write
     * limit, plus two reads' worth of requests; never less than 200.
     */
    private static final int HANDLED_BOUND = Math.max(200, (int) ((kernelSendBufferMax() + 64 * 1024
            + QUEUED_WRITE_LIMIT) / BIG.bodyLength()) + 2 * (64 * 1024 / BIG_REQUEST.length) + 16);

    @Test
    void stopsReadingFromClientThatDoesNotReadWhileServingOthers() throws Exception {
        AtomicInteger bigHandled = new AtomicInteger();
        CountDownLatch firstBig = new CountDownLatch(1);
        Handler handler = backlogHandler(bigHandled, firstBig);
        ServerConfig config = localServer().maxQueuedWriteBytes(QUEUED_WRITE_LIMIT).build();
        try (Server server = Server.start(config, handler);
             RawClient stuck = RawClient.connect(server.port(), 8 * 1024);
             RawClient other = RawClient.connect(server.port())) {
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Integer> writer = pipelineWithoutReading(stuck, sent);
            assertThat(firstBig.await(5, TimeUnit.SECONDS)).as("the stuck client's requests are being served").isTrue();

            // Each round trip is at least one turn of the single event loop: were the stuck client still read,
            // every turn would hand its handler another 64 KiB of requests.
            for (int i = 0; i < 200; i++) {
                other.send(get("/small"));
                assertThat(other.readResponse().bodyText()).as("round trip %d", i).isEqualTo("small");
            }

            assertThat(bigHandled.get()).as("requests handled for the stuck client (%d written so far of %d)",
                    sent.get(), PIPELINED).isLessThan(HANDLED_BOUND);
            assertThat(writer.isDone() && !writer.isCompletedExceptionally())
                    .as("the server must not read all %d pipelined requests of a client that never reads", PIPELINED)
                    .isFalse();
        }
    }

    @Test
    void closesClientWhoseResponsesMakeNoProgressWithinTheWriteTimeout() throws Exception {
        AtomicInteger bigHandled = new AtomicInteger();
        CountDownLatch firstBig = new CountDownLatch(1);
        Handler handler = backlogHandler(bigHandled, firstBig);
        ServerConfig config = localServer().maxQueuedWriteBytes(QUEUED_WRITE_LIMIT)
                .writeTimeout(Duration.ofMillis(500)).build();
        try (Server server = Server.start(config, handler);
             RawClient stuck = RawClient.connect(server.port(), 8 * 1024);
             RawClient other = RawClient.connect(server.port())) {
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Integer> writer = pipelineWithoutReading(stuck, sent);
            assertThat(firstBig.await(5, TimeUnit.SECONDS)).isTrue();
            other.send(get("/small"));
            assertThat(other.readResponse().bodyText()).isEqualTo("small");

            // The writer is blocked on a full connection; the server closing it (with input unread) resets it.
            Throwable stopped = catchThrowable(() -> writer.get(10, TimeUnit.SECONDS));

            assertThat(stopped).as("the stuck client's writes end with the server closing the connection, but: %s",
                    stopped == null ? "the server read all " + sent.get() + " requests" : stopped)
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
            assertThat(bigHandled.get()).as("requests handled for the stuck client (%d written of %d)",
                    sent.get(), PIPELINED).isLessThan(HANDLED_BOUND);
            stuck.readUntilClosed(); // ends (reset or end of stream) instead of timing out: the server closed it
            other.send(get("/small"));
            assertThat(other.readResponse().bodyText()).as("the other client is still served").isEqualTo("small");
        }
    }

    private static Handler backlogHandler(AtomicInteger bigHandled, CountDownLatch firstBig) {
        return request -> {
            if (request.path().equals("/big")) {
                bigHandled.incrementAndGet();
                firstBig.countDown();
                return BIG;
            }
            return SMALL;
        };
    }

    /** Pipelines {@link #PIPELINED} large-response requests on another thread; ends when sent or on a failure. */
    private static CompletableFuture<Integer> pipelineWithoutReading(RawClient client, AtomicInteger sent) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        byte[] sixteen = new byte[16 * BIG_REQUEST.length];
        for (int i = 0; i < 16; i++) {
            System.arraycopy(BIG_REQUEST, 0, sixteen, i * BIG_REQUEST.length, BIG_REQUEST.length);
        }
        Thread.ofPlatform().daemon().name("stuck-client-writer").start(() -> {
            try {
                while (sent.get() < PIPELINED) {
                    client.send(sixteen);
                    sent.addAndGet(16);
                }
                done.complete(sent.get());
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** @return the most a TCP socket's send buffer may grow to (Linux: {@code tcp_wmem}); 4 MiB if unknown */
    private static long kernelSendBufferMax() {
        try {
            // readAllLines: on some kernels readString of a /proc file returns only its first bytes
            String[] wmem = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_wmem")).get(0)
                    .trim().split("\\s+");
            return Long.parseLong(wmem[wmem.length - 1]);
        } catch (IOException | RuntimeException e) {
            return 4L * 1024 * 1024;
        }
    }

    private static void assertRejectedAndClosed(RawClient client, int status) throws IOException {
        RawResponse response = client.readResponse();
        RawClient.Closure end = client.readUntilClosed();

        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.closes()).as("Connection: close on %s", response).isTrue();
        assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body()).as("a short message naming the problem").isNotEmpty().hasSizeLessThan(200);
        assertThat(end.bytes()).as("nothing after the rejection").isEmpty();
        assertThat(end.reset()).as("a clean close, not a reset that could destroy the response").isFalse();
    }
}
