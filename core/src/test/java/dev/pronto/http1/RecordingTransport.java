package dev.pronto.http1;

import dev.pronto.transport.Binding;
import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.Transport;
import dev.pronto.transport.nio.NioTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NIO with every channel wrapped, for tests that look at what the connection hands its socket: reads and writes
 * counted, what each write is offered (its size, whether a buffer is on the heap), the bytes written to one channel
 * within one loop turn; it can also hold every write on the loop thread, or make every write short.
 */
final class RecordingTransport implements Transport {
    /** How long a held write waits for {@link #releaseWrites()} at most, so that a failing test still ends. */
    private static final long HOLD_SECONDS = 10;

    final BlockingQueue<RecordingChannel> accepted = new LinkedBlockingQueue<>();
    private final NioTransport nio = new NioTransport();
    private final AtomicLong turns = new AtomicLong();
    private volatile CountDownLatch gate;
    private volatile int cap = Integer.MAX_VALUE;

    @Override
    public Binding bind(InetSocketAddress address, int loops, PortSharing sharing, LoopHandler.Factory factory)
            throws IOException {
        return nio.bind(address, loops, sharing, loop -> new RecordingLoopHandler(factory.create(loop)));
    }

    /** From now on every write waits, on its loop's thread, until {@link #releaseWrites()}. */
    void holdWrites() {
        gate = new CountDownLatch(1);
    }

    /** From now on a single-buffer write takes at most {@code bytes}, like a socket with little room left. */
    void takeAtMost(int bytes) {
        cap = bytes;
    }

    void releaseWrites() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    private final class RecordingLoopHandler implements LoopHandler {
        private final LoopHandler delegate;

        RecordingLoopHandler(LoopHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChannelHandler accepted(Channel channel) {
            RecordingChannel recording = new RecordingChannel(channel);
            ChannelHandler handler = delegate.accepted(recording);
            accepted.add(recording);
            return handler;
        }

        @Override
        public long tick(long nanoTime, long epochMillis) {
            turns.incrementAndGet(); // at least once per loop iteration (NioLoop ticks after every select)
            return delegate.tick(nanoTime, epochMillis);
        }
    }

    final class RecordingChannel implements Channel {
        final AtomicInteger dataReads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        /** Write calls offered a heap buffer: the JDK copies such a buffer into a temporary direct one as large. */
        final AtomicInteger heapWrites = new AtomicInteger();
        final AtomicLong maxOffered = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        /** Write calls that took less than they were offered: the socket was full, or {@link #takeAtMost}. */
        final AtomicInteger shortWrites = new AtomicInteger();
        /** Calls of {@link #transferFrom}, and the bytes they sent from a file (counted in {@link #written} too). */
        final AtomicInteger transfers = new AtomicInteger();
        final AtomicLong transferred = new AtomicLong();
        final AtomicLong maxWrittenInOneTurn = new AtomicLong();
        private final CountDownLatch waitingToWrite = new CountDownLatch(1);
        private final Channel delegate;
        private long turn = -1;
        private long writtenThisTurn;

        RecordingChannel(Channel delegate) {
            this.delegate = delegate;
        }

        /**
         * Waits until the connection asked to be told when the socket is writable: it holds output the socket did not
         * take (or that its turn had no room for).
         */
        boolean awaitWriteInterest(long seconds) throws InterruptedException {
            return waitingToWrite.await(seconds, TimeUnit.SECONDS);
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
            long offered = 0;
            for (int i = offset; i < offset + length; i++) {
                offered += offered(srcs[i]);
            }
            before(offered);
            return after(delegate.write(srcs, offset, length), offered);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            long offered = offered(src);
            before(offered);
            int limit = src.limit();
            src.limit(src.position() + Math.min(src.remaining(), cap));
            try {
                return (int) after(delegate.write(src), offered);
            } finally {
                src.limit(limit);
            }
        }

        @Override
        public long transferFrom(FileChannel file, long position, long count) throws IOException {
            transfers.incrementAndGet();
            before(count);
            long n = after(delegate.transferFrom(file, position, Math.min(count, cap)), count);
            transferred.addAndGet(n);
            return n;
        }

        private long offered(ByteBuffer b) {
            if (!b.isDirect()) {
                heapWrites.incrementAndGet();
            }
            return b.remaining();
        }

        private void before(long offered) throws IOException {
            writes.incrementAndGet();
            maxOffered.accumulateAndGet(offered, Math::max);
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(HOLD_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
        }

        private long after(long n, long offered) {
            if (n < offered) {
                shortWrites.incrementAndGet();
            }
            long now = turns.get();
            if (now != turn) {
                turn = now;
                writtenThisTurn = 0;
            }
            writtenThisTurn += n;
            maxWrittenInOneTurn.accumulateAndGet(writtenThisTurn, Math::max);
            written.addAndGet(n);
            return n;
        }

        @Override
        public void readInterest(boolean on) {
            delegate.readInterest(on);
        }

        @Override
        public void writeInterest(boolean on) {
            if (on) {
                waitingToWrite.countDown();
            }
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
