package dev.pronto.http1;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes the event loop allocates per request on the hello-world path in steady state (fasthttp's allocation test is
 * the model). It measures the loop thread only, after warm-up, over pipelined batches of 24 like the benchmark.
 */
@Timeout(120)
class AllocationIT {
    private static final Response HELLO = Response.text("Hello world!");
    private static final int DEPTH = 24;

    @Test
    void helloWorldPathAllocatesNothingPerRequestInSteadyState() throws Exception {
        AtomicLong loopThread = new AtomicLong();
        try (Server server = Server.start(config(), request -> {
            loopThread.compareAndSet(0, Thread.currentThread().threadId()); // plain handlers run on the loop thread
            return HELLO;
        })) {
            assertThat(bytesPerRequest("server handler", server, loopThread)).isLessThan(1.0);
        }
    }

    @Test
    void routedStaticPathThroughTheAppAllocatesNothingPerRequest() throws Exception {
        AtomicLong loopThread = new AtomicLong();
        App app = new App()
                .get("/", request -> {
                    loopThread.compareAndSet(0, Thread.currentThread().threadId());
                    return HELLO;
                })
                .get("/users/{id}", request -> HELLO)
                .get("/about", request -> HELLO);
        try (Server server = app.start(config())) {
            assertThat(bytesPerRequest("app, static route", server, loopThread)).isLessThan(1.0);
        }
    }

    @Test
    void anObservedAppAllocatesOnlyTheRequestTargetPerRequest() throws Exception {
        AtomicLong loopThread = new AtomicLong();
        AtomicLong statuses = new AtomicLong();
        App app = new App()
                .get("/", request -> {
                    loopThread.compareAndSet(0, Thread.currentThread().threadId());
                    return HELLO;
                })
                .observe(exchange -> statuses.addAndGet(exchange.status()));
        try (Server server = app.start(config())) {
            // The record is reused per connection; what is left is the target String it copies (and its bytes).
            assertThat(bytesPerRequest("app with an observer", server, loopThread)).isLessThan(128.0); // 72 B measured
        }
    }

    private static ServerConfig config() {
        return ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build();
    }

    private static double bytesPerRequest(String path, Server server, AtomicLong loopThread) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            byte[] batch = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(DEPTH).getBytes(StandardCharsets.US_ASCII);
            int responseLength = responseLength(socket);
            byte[] answers = new byte[responseLength * DEPTH];

            for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT compile the path
                exchange(socket, batch, answers);
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long loopId = loopThread.get();
            int batches = 5_000;
            long before = threads.getThreadAllocatedBytes(loopId);
            for (int i = 0; i < batches; i++) {
                exchange(socket, batch, answers);
            }
            long allocated = threads.getThreadAllocatedBytes(loopId) - before;
            double perRequest = (double) allocated / (batches * DEPTH);
            System.out.printf("%s: %d bytes allocated by the loop over %d requests = %.3f bytes/request%n",
                    path, allocated, batches * DEPTH, perRequest);
            assertThat(new String(answers, 0, responseLength, StandardCharsets.US_ASCII)).endsWith("Hello world!");
            return perRequest;
        }
    }

    private static int responseLength(Socket socket) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String h = head.toString();
        int at = h.indexOf("Content-Length: ") + 16;
        int length = Integer.parseInt(h.substring(at, h.indexOf('\r', at)));
        in.readNBytes(length);
        return h.length() + length;
    }

    private static void exchange(Socket socket, byte[] batch, byte[] answers) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(batch);
        int n = socket.getInputStream().readNBytes(answers, 0, answers.length);
        assertThat(n).isEqualTo(answers.length);
    }
}
