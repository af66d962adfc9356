package dev.pronto.connection;

import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import dev.pronto.transport.Binding;
import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.Transport;
import dev.pronto.transport.nio.NioTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One write per read batch: pipelined requests that arrive together are answered with one system call, never one
 * per response. A transport wrapping NIO counts the connection's reads and writes.
 */
@Timeout(30)
class WriteCountIT {
    private static final Response HELLO = Response.text("Hello world!");
    private static final int PIPELINED = 24;

    @Test
    void answersPipelinedRequestsArrivingInOneReadWithOneWrite() throws Exception {
        CountingTransport transport = new CountingTransport();
        ServerConfig config = Requests.localServer().build();
        HttpEngine engine = HttpEngine.start(config, request -> HELLO, transport);
        List<String> rounds = new ArrayList<>();
        boolean sawOneRead = false;
        try {
            String pipeline = Requests.get("/plaintext").repeat(PIPELINED);
            for (int round = 0; round < 5; round++) {
                try (RawClient client = RawClient.connect(engine.address().getPort())) {
                    CountingChannel channel = transport.accepted.poll(5, TimeUnit.SECONDS);
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

    /** NIO, with every channel wrapped so that its reads and writes are counted. */
    private static final class CountingTransport implements Transport {
        final BlockingQueue<CountingChannel> accepted = new LinkedBlockingQueue<>();
        private final NioTransport nio = new NioTransport();

        @Override
        public Binding bind(InetSocketAddress address, int loops, PortSharing sharing, LoopHandler.Factory factory)
                throws IOException {
            return nio.bind(address, loops, sharing,
                    loop -> new CountingLoopHandler(factory.create(loop), accepted));
        }
    }

    private record CountingLoopHandler(LoopHandler delegate, BlockingQueue<CountingChannel> accepted)
            implements LoopHandler {
        @Override
        public ChannelHandler accepted(Channel channel) {
            CountingChannel counting = new CountingChannel(channel);
            ChannelHandler handler = delegate.accepted(counting);
            accepted.add(counting);
            return handler;
        }

        @Override
        public long tick(long nanoTime, long epochMillis) {
            return delegate.tick(nanoTime, epochMillis);
        }
    }

    private static final class CountingChannel implements Channel {
        final AtomicInteger dataReads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        private final Channel delegate;

        CountingChannel(Channel delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = delegate.read(dst);
            if (n > 0) {
                dataReads.incrementAndGet();
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            writes.incrementAndGet();
            return delegate.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            writes.incrementAndGet();
            return delegate.write(src);
        }

        @Override
        public void readInterest(boolean on) {
            delegate.readInterest(on);
        }

        @Override
        public void writeInterest(boolean on) {
            delegate.writeInterest(on);
        }

        @Override
        public void shutdownOutput() {
            delegate.shutdownOutput();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return delegate.remoteAddress();
        }

        @Override
        public EventLoop loop() {
            return delegate.loop();
        }
    }
}
