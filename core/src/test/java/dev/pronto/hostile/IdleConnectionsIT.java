package dev.pronto.hostile;

import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ten thousand keep-alive connections held open at once, each having had one request answered: every one is
 * served, the memory each idle connection costs the server is reported, the connection cap (set to exactly ten
 * thousand) answers the next one 503 while they are held, and the server's file descriptors come back to their
 * baseline once they close.
 *
 * <p>The server runs in a child JVM ({@link IdleConnectionsServer}): its memory is then measured apart from the
 * test's, and each process needs about ten thousand file descriptors instead of one needing twenty thousand (the
 * hard limit here is often 20,000). The clients are non-blocking {@link SocketChannel}s on one selector.
 */
@Timeout(90)
class IdleConnectionsIT {
    private static final int CONNECTIONS = 10_000;
    /** File descriptors each process needs beyond its connections: the JVM's own (jars, epoll, pipes…). */
    private static final int FD_HEADROOM = 1_000;
    /** Connections being opened or waiting for their answer at once: well inside the server's accept backlog. */
    private static final int WINDOW = 256;
    private static final byte[] REQUEST = Requests.ascii(Requests.get("/"));
    private static final Pattern MEASURED = Pattern.compile(
            "measured heap=(\\d+) direct=(\\d+) rss=(-?\\d+) fds=(\\d+)");
    /**
     * What an idle connection may cost the server in heap and direct memory: its state objects (connection, request
     * head table, request, NIO channel and selection key: a few KiB). The loop shares one 64 KiB read buffer and one
     * 64 KiB write batch among its connections; a buffer of 16 KiB or more per connection would exceed this.
     */
    private static final long BOUND_PER_CONNECTION = 16 * 1024;

    @Test
    void holdsTenThousandIdleKeepAliveConnectionsAndRefusesTheNextPolitely() throws Exception {
        long[] ours = IdleConnectionsServer.openFilesLimits();
        assumeTrue(ours[0] >= CONNECTIONS + FD_HEADROOM, () -> "the test JVM may open " + ours[0]
                + " files (hard limit " + ours[1] + "): the clients need " + (CONNECTIONS + FD_HEADROOM));
        try (Child server = Child.start(CONNECTIONS);
             Clients clients = new Clients(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port))) {
            assumeTrue(server.fdLimit >= CONNECTIONS + FD_HEADROOM, () -> "the server's JVM may open "
                    + server.fdLimit + " files even with its soft limit raised to the hard one: "
                    + (CONNECTIONS + FD_HEADROOM) + " are needed");
            clients.openAndAsk(200, 10);   // warm-up: classes loaded, code compiled, buffers allocated
            clients.closeAll();
            Measure baseline = server.awaitFdsAtMost(Long.MAX_VALUE);

            long start = System.nanoTime();
            clients.openAndAsk(CONNECTIONS, 40);
            long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Measure held = server.measure();

            double heapEach = (held.heap - baseline.heap) / (double) CONNECTIONS;
            double directEach = (held.direct - baseline.direct) / (double) CONNECTIONS;
            double rssEach = (held.rssKb - baseline.rssKb) * 1024.0 / CONNECTIONS;
            System.out.printf(Locale.ROOT, "%d idle keep-alive connections opened and answered in %d ms; server "
                            + "heap %.1f -> %.1f MiB, direct %.1f -> %.1f MiB, RSS %.1f -> %.1f MiB, fds %d -> %d; "
                            + "per idle connection: %.0f bytes heap + %.0f bytes direct (RSS %.0f bytes)%n",
                    CONNECTIONS, openMillis, mib(baseline.heap), mib(held.heap), mib(baseline.direct),
                    mib(held.direct), baseline.rssKb / 1024.0, held.rssKb / 1024.0, baseline.fds, held.fds,
                    heapEach, directEach, rssEach);
            assertThat(held.fds - baseline.fds).as("server file descriptors for the held connections")
                    .isGreaterThanOrEqualTo(CONNECTIONS);
            assertThat(heapEach + directEach).as("heap and direct bytes per idle connection")
                    .isLessThan(BOUND_PER_CONNECTION);

            try (RawClient extra = RawClient.connect(server.port)) {
                RawResponse busy = extra.readResponse();
                assertThat(busy.status()).as("connection %d, past the cap", CONNECTIONS + 1).isEqualTo(503);
                assertThat(busy.header("Retry-After")).hasValue("1");
                assertThat(busy.closes()).isTrue();
                assertThat(extra.readUntilClosed().bytes()).isEmpty();
            }
            clients.askAgain(100, 10); // every hundredth held connection, after the refusal: still served

            clients.closeAll();
            Measure after = server.awaitFdsAtMost(baseline.fds);
            assertThat(after.fds).as("server file descriptors once the clients closed")
                    .isLessThanOrEqualTo(baseline.fds);
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private record Measure(long heap, long direct, long rssKb, long fds) {
    }

    /** The child JVM running {@link IdleConnectionsServer}, its soft file limit raised to the hard one. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private final OutputStream stdin;
        private int port;
        private long fdLimit;

        private Child(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread.ofPlatform().daemon().name("idle-server-output").start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.add(line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    output.add("(output ended: " + e + ")");
                }
            });
        }

        static Child start(int cap) throws Exception {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The soft limit up to the hard one, which any process may do (the JVM would also do it by itself).
            Process p = new ProcessBuilder("bash", "-c", "ulimit -n \"$(ulimit -Hn)\" && exec \"$@\"", "bash",
                    java, "-Xmx512m", "-cp", childClassPath(), IdleConnectionsServer.class.getName(),
                    String.valueOf(cap))
                    .redirectErrorStream(true).start();
            Child child = new Child(p);
            try {
                Matcher m = Pattern.compile("port (\\d+) fdlimit (\\d+)").matcher(child.awaitLine("port "));
                assertThat(m.matches()).isTrue();
                child.port = Integer.parseInt(m.group(1));
                child.fdLimit = Long.parseLong(m.group(2));
                return child;
            } catch (Throwable t) {
                child.close();
                throw t;
            }
        }

        Measure measure() throws Exception {
            stdin.write("measure\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Matcher m = MEASURED.matcher(awaitLine("measured "));
            assertThat(m.matches()).isTrue();
            return new Measure(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)));
        }

        /** Measures until the server holds at most {@code fds} descriptors (closes reach it soon), or 20 s pass. */
        Measure awaitFdsAtMost(long fds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Measure m = measure();
            while (m.fds > fds && System.nanoTime() - deadline < 0) {
                m = measure(); // each measurement is two full collections: no busy spin
            }
            return m;
        }

        private String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("the server never printed \"" + prefix + "…\"; output: " + output);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        @Override
        public void close() throws Exception {
            try {
                stdin.close(); // the server shuts down at the end of its input
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }

        /** The test's class path, plus where the test and main classes are (surefire may pass a manifest-only jar). */
        private static String childClassPath() throws URISyntaxException {
            return String.join(File.pathSeparator, System.getProperty("java.class.path"),
                    Path.of(IdleConnectionsServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString(),
                    Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
    }

    /** Client connections on one selector, each with its response being read in its own small buffer. */
    private static final class Clients implements AutoCloseable {
        private final InetSocketAddress server;
        private final Selector selector;
        private final List<SelectionKey> held = new ArrayList<>();

        Clients(InetSocketAddress server) throws IOException {
            this.server = server;
            this.selector = Selector.open();
        }

        /**
         * Opens {@code n} connections, at most {@link #WINDOW} at a time not yet answered, each sending one GET and
         * reading its 200; returns once all are answered, or fails on anything else or past the deadline.
         */
        void openAndAsk(int n, int deadlineSeconds) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
            int started = 0;
            int answered = 0;
            while (answered < n) {
                while (started - answered < WINDOW && started < n) {
                    SocketChannel ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT, ByteBuffer.allocate(512));
                    held.add(key);
                    if (ch.connect(server)) {
                        send(key);
                    }
                    started++;
                }
                answered += await(deadline, "opening " + n + " connections, " + answered + " answered");
            }
        }

        /** Sends a second request on every {@code step}-th held connection and reads each answer. */
        void askAgain(int step, int deadlineSeconds) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
            int asked = 0;
            for (int i = 0; i < held.size(); i += step) {
                send(held.get(i));
                asked++;
            }
            for (int answered = 0; answered < asked; ) {
                answered += await(deadline, "second requests, " + answered + " of " + asked + " answered");
            }
        }

        private static void send(SelectionKey key) throws IOException {
            ByteBuffer request = ByteBuffer.wrap(REQUEST);
            ((SocketChannel) key.channel()).write(request);
            assertThat(request.hasRemaining()).as("a %d-byte request fits a new socket's buffer", REQUEST.length)
                    .isFalse();
            key.interestOps(SelectionKey.OP_READ);
        }

        /** Waits for events up to 100 ms; returns how many responses completed. */
        private int await(long deadline, String what) throws IOException {
            assertThat(System.nanoTime() - deadline).as("deadline passed while %s", what).isNegative();
            int[] completed = {0};
            selector.select(key -> {
                SocketChannel ch = (SocketChannel) key.channel();
                try {
                    if (key.isConnectable()) {
                        ch.finishConnect();
                        send(key);
                    } else if (key.isReadable() && readAnswer(key)) {
                        key.interestOps(0); // answered: held idle from now on
                        completed[0]++;
                    }
                } catch (IOException e) {
                    throw new AssertionError(what + ": " + e, e);
                }
            }, 100);
            return completed[0];
        }

        /** @return whether a whole 200 response has arrived; fails on any other status or an early end */
        private static boolean readAnswer(SelectionKey key) throws IOException {
            ByteBuffer in = (ByteBuffer) key.attachment();
            int n = ((SocketChannel) key.channel()).read(in);
            String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            assertThat(n).as("the server ended a held connection; it had sent: %s", text).isNotNegative();
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                assertThat(in.hasRemaining()).as("response head too long: %s", text).isTrue();
                return false;
            }
            Matcher length = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n").matcher(text);
            assertThat(length.find()).as("Content-Length in %s", text).isTrue();
            if (in.position() < headEnd + 4 + Integer.parseInt(length.group(1))) {
                return false;
            }
            assertThat(text).as("answer on a held connection").startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok");
            in.clear();
            return true;
        }

        void closeAll() throws IOException {
            for (SelectionKey key : held) {
                key.channel().close();
            }
            held.clear();
            selector.selectNow(); // flushes the cancelled keys, so that their sockets are released now
        }

        @Override
        public void close() throws IOException {
            closeAll();
            selector.close();
        }
    }
}
