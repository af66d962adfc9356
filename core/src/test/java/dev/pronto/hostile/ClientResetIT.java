package dev.pronto.hostile;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that reset (close with {@code SO_LINGER} 0) in the middle of an 8 MiB response, at several points of it:
 * the server closes each such connection, its event loop goes on serving the others (a bystander downloads the
 * whole 8 MiB afterwards), nothing escapes to the loop, and the open-connection count comes back to its baseline.
 * The count is probed through the connection cap: once every reset connection is released, {@value #CAP}
 * connections at once are all served; a leaked one would leave the last of them a 503.
 */
@Timeout(60)
class ClientResetIT {
    private static final int CAP = 4;
    private static final int MIB = 1024 * 1024;
    private static final byte[] BIG_BODY = pattern(8 * MIB);
    private static final Response BIG = Response.bytes(BIG_BODY);
    private static final Handler HANDLER = request -> request.path().equals("/big") ? BIG : Response.text("pong");

    /** A reset scenario: how many big responses are pipelined, and how many response bytes are read first. */
    private record Reset(int pipelined, int bytesRead) {
        @Override
        public String toString() {
            return "reset after " + bytesRead + " bytes of " + pipelined + " pipelined 8 MiB responses";
        }
    }

    private static final List<Reset> RESETS = List.of(
            new Reset(1, 0),          // before anything is read: the server's writes fill the socket buffers
            new Reset(1, 1),          // inside the head
            new Reset(1, 64 * 1024),  // early in the body
            new Reset(1, 4 * MIB),    // half-way
            new Reset(1, 8 * MIB),    // all but the last bytes
            new Reset(3, 10 * MIB));  // inside the second of three pipelined responses

    @Test
    void resetsInTheMiddleOfLargeResponsesAreClosedAndTheLoopKeepsServingOthers() throws Exception {
        try (ServerLog log = ServerLog.record();
             Server server = Server.start(Requests.localServer().maxConnections(CAP).build(), HANDLER)) {
            try (RawClient bystander = RawClient.connect(server.port())) {
                ping(bystander);
                for (Reset reset : RESETS) {
                    resetMidResponse(server.port(), reset);
                    ping(bystander); // one event loop serves both: it is not stuck on the reset connection
                }
                RawResponse whole = bystander.send(Requests.get("/big")).readResponse();
                assertThat(whole.status()).isEqualTo(200);
                assertThat(Arrays.equals(whole.body(), BIG_BODY)).as("the bystander's 8 MiB arrive intact").isTrue();
            }

            assertConnectionCountBackToZero(server.port());
            assertThat(log.records()).as("what the server logged: %s", log.describe()).isEmpty();
        }
    }

    /** Reads {@code reset.bytesRead()} bytes of the answer, then resets, while the server is still writing. */
    private static void resetMidResponse(int port, Reset reset) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024); // before connecting: the window follows it, the response cannot all fit
        s.setSoTimeout(5000);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        try {
            s.getOutputStream().write(Requests.ascii(Requests.get("/big").repeat(reset.pipelined())));
            InputStream in = s.getInputStream();
            byte[] chunk = new byte[64 * 1024];
            int read = 0;
            while (read < reset.bytesRead()) {
                int n = in.read(chunk, 0, Math.min(chunk.length, reset.bytesRead() - read));
                assertThat(n).as("%s: the response ended after %d bytes", reset, read).isPositive();
                read += n;
            }
        } finally {
            s.setSoLinger(true, 0);
            s.close(); // a reset (RST), not a FIN
        }
    }

    /**
     * Opens {@value #CAP} connections at once and expects every one served; retries until a deadline, since the
     * server sees each reset (and each probe's close) a moment after it is sent.
     */
    private static void assertConnectionCountBackToZero(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Integer> statuses;
        do {
            statuses = new ArrayList<>();
            List<RawClient> probes = new ArrayList<>();
            try {
                for (int i = 0; i < CAP; i++) {
                    probes.add(RawClient.connect(port));
                }
                for (RawClient probe : probes) {
                    statuses.add(probe.send(Requests.get("/ping")).readResponse().status());
                }
            } finally {
                for (RawClient probe : probes) {
                    probe.close();
                }
            }
        } while (statuses.contains(503) && System.nanoTime() - deadline < 0);
        assertThat(statuses).as("%d connections at once, with a cap of %d, once the resets are done", CAP, CAP)
                .containsOnly(200);
    }

    private static void ping(RawClient c) throws IOException {
        assertThat(c.send(Requests.get("/ping")).readResponse().bodyText()).isEqualTo("pong");
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 16));
        }
        return b;
    }
}
