package dev.pronto.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every transport must do, whatever it runs on: accept on every loop, read, write (gathering), half-close,
 * close, hand a live channel to another handler, run tasks from other threads on the loop, call tick, and refuse
 * connections once it stops accepting.
 * A native transport extends this class too.
 */
@Timeout(30)
public abstract class TransportContract {
    private Binding binding;

    protected abstract Transport transport();

    /** Echoes each read back, upper-cased, with a gathering write of two buffers. */
    private final class Echo implements ChannelHandler {
        final Channel ch;
        final ByteBuffer in = ByteBuffer.allocateDirect(4096);

        Echo(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void onReadable() {
            in.clear();
            try {
                int n = ch.read(in);
                if (n < 0) {
                    ch.close();
                    return;
                }
                in.flip();
                String s = StandardCharsets.US_ASCII.decode(in).toString();
                if (s.contains("BOOM")) {
                    throw new IllegalStateException("a handler bug, on purpose");
                }
                if (s.contains("SWITCH")) {
                    ch.write(ByteBuffer.wrap("switched".getBytes(StandardCharsets.US_ASCII)));
                    ch.handOver(new Successor(ch));
                    return;
                }
                if (s.contains("BYE")) {
                    ch.write(ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII)));
                    ch.shutdownOutput();
                    return;
                }
                ByteBuffer[] out = {ByteBuffer.wrap("<".getBytes()), ByteBuffer.wrap(s.toUpperCase().getBytes())};
                ch.write(out, 0, 2);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onWritable() {
        }

        @Override
        public void onClosed() {
            closedHandlers.countDown();
        }
    }

    /** What an upgrade hands the channel to: answers each read reversed, and counts its own close. */
    private final class Successor implements ChannelHandler {
        final Channel ch;
        final ByteBuffer in = ByteBuffer.allocateDirect(4096);

        Successor(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void onReadable() {
            in.clear();
            try {
                if (ch.read(in) < 0) {
                    ch.close();
                    return;
                }
                in.flip();
                String s = new StringBuilder(StandardCharsets.US_ASCII.decode(in)).reverse().toString();
                ch.write(ByteBuffer.wrap(("|" + s).getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onWritable() {
        }

        @Override
        public void onClosed() {
            closedSuccessors.countDown();
        }
    }

    private final CountDownLatch closedHandlers = new CountDownLatch(1);
    private final CountDownLatch closedSuccessors = new CountDownLatch(1);
    private final Set<Integer> acceptingLoops = ConcurrentHashMap.newKeySet();
    private final CountDownLatch ticked = new CountDownLatch(2);

    private Binding start(int loops) throws IOException {
        return start(loops, PortSharing.EXCLUSIVE);
    }

    private Binding start(int loops, PortSharing sharing) throws IOException {
        binding = transport().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), loops, sharing,
                loop -> new LoopHandler() {
                    @Override
                    public ChannelHandler accepted(Channel channel) {
                        assertThat(loop.inLoop()).isTrue();
                        acceptingLoops.add(loop.index());
                        return new Echo(channel);
                    }

                    @Override
                    public long tick(long nanoTime, long epochMillis) {
                        ticked.countDown();
                        return TimeUnit.MILLISECONDS.toNanos(10);
                    }
                });
        return binding;
    }

    @AfterEach
    void stop() {
        if (binding != null) {
            binding.close();
        }
    }

    private static String exchange(Socket s, String send, int expectLength) throws IOException {
        s.getOutputStream().write(send.getBytes(StandardCharsets.US_ASCII));
        byte[] got = s.getInputStream().readNBytes(expectLength);
        return new String(got, StandardCharsets.US_ASCII);
    }

    @Test
    void readsAndWritesOnAcceptedChannels() throws IOException {
        Binding b = start(1);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
            s.setSoTimeout(5000);
            assertThat(exchange(s, "hello", 6)).isEqualTo("<HELLO");
            assertThat(exchange(s, "again", 6)).isEqualTo("<AGAIN");
        }
    }

    @Test
    void aHandlerThatThrowsLosesItsConnectionIsToldSoAndTheLoopGoesOn() throws Exception {
        Binding b = start(1);
        try (Socket bad = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort());
             Socket good = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
            bad.setSoTimeout(5000);
            good.setSoTimeout(5000);
            bad.getOutputStream().write("BOOM".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.getInputStream().read()).isEqualTo(-1);
            assertThat(closedHandlers.await(5, TimeUnit.SECONDS)).as("onClosed after the failure").isTrue();
            assertThat(exchange(good, "still", 6)).isEqualTo("<STILL");
        }
    }

    @Test
    void bytesAfterAHandOverReachTheNewHandlerAndSoDoesItsClose() throws Exception {
        Binding b = start(1);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
            s.setSoTimeout(5000);
            assertThat(exchange(s, "before", 7)).isEqualTo("<BEFORE");
            assertThat(exchange(s, "SWITCH", 8)).isEqualTo("switched");
            assertThat(exchange(s, "after", 6)).as("read by the new handler").isEqualTo("|retfa");
            assertThat(exchange(s, "again", 6)).isEqualTo("|niaga");
            b.close();
            binding = null;
            assertThat(closedSuccessors.await(5, TimeUnit.SECONDS)).as("onClosed reaches the new handler").isTrue();
            assertThat(closedHandlers.getCount()).as("the old handler is told nothing more").isEqualTo(1);
        }
    }

    @Test
    void halfCloseDeliversWhatWasWrittenThenEndOfStream() throws IOException {
        Binding b = start(1);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("BYE".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("bye");
        }
    }

    @Test
    void servesOnEveryLoopAndRunsTasksOnTheLoopThread() throws Exception {
        Binding b = start(2);
        for (int i = 0; i < 64 && acceptingLoops.size() < 2; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
                s.setSoTimeout(5000);
                assertThat(exchange(s, "x", 2)).isEqualTo("<X");
            }
        }
        assertThat(acceptingLoops).containsExactlyInAnyOrder(0, 1);
        for (EventLoop loop : b.loops()) {
            CompletableFuture<Boolean> inLoop = new CompletableFuture<>();
            loop.execute(() -> inLoop.complete(loop.inLoop()));
            assertThat(inLoop.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(loop.inLoop()).isFalse();
        }
        assertThat(ticked.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void siblingBindingsServeOnEveryLoopToo() throws Exception {
        Binding b = start(2, PortSharing.SIBLINGS);
        for (int i = 0; i < 64 && acceptingLoops.size() < 2; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
                s.setSoTimeout(5000);
                assertThat(exchange(s, "x", 2)).isEqualTo("<X");
            }
        }
        assertThat(acceptingLoops).containsExactlyInAnyOrder(0, 1);
    }

    @ParameterizedTest(name = "{0}, then {1}")
    @CsvSource({"EXCLUSIVE, EXCLUSIVE", "EXCLUSIVE, SIBLINGS", "SIBLINGS, EXCLUSIVE", "SIBLINGS, SIBLINGS"})
    void refusesAPortInUseToASecondBindingOfThisProcess(PortSharing first, PortSharing second) throws IOException {
        Binding b = start(2, first);
        InetSocketAddress taken = b.localAddress();
        assertThatThrownBy(() -> transport().bind(taken, 1, second, loop -> {
            throw new AssertionError("no loop may start on a port in use");
        }).close()).isInstanceOf(BindException.class);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), taken.getPort())) {
            s.setSoTimeout(5000);
            assertThat(exchange(s, "still", 6)).isEqualTo("<STILL");
        }
    }

    @Test
    void refusesAnUnresolvedAddressAsAnUnknownHost() {
        assertThatThrownBy(() -> transport().bind(InetSocketAddress.createUnresolved("no-such-host.invalid", 8181), 1,
                loop -> {
                    throw new AssertionError("no loop may start");
                }).close()).isInstanceOf(UnknownHostException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void refusesNewConnectionsOnceItStopsAcceptingButKeepsAcceptedOnes() throws IOException {
        Binding b = start(2);
        int port = b.localAddress().getPort();
        try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), port)) {
            kept.setSoTimeout(5000);
            assertThat(exchange(kept, "a", 2)).isEqualTo("<A");
            b.stopAccepting();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(ConnectException.class);
            assertThat(exchange(kept, "b", 2)).isEqualTo("<B");
        }
    }

    @Test
    void closingTheBindingClosesItsChannels() throws IOException {
        Binding b = start(1);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), b.localAddress().getPort())) {
            s.setSoTimeout(5000);
            assertThat(exchange(s, "a", 2)).isEqualTo("<A");
            b.close();
            binding = null;
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }
}
