package dev.pronto.http1;

import dev.pronto.ServerConfig;
import dev.pronto.app.Dispatcher;
import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole request → response data path of one connection, in memory: the real parser, dispatcher, pipeline queue,
 * encoder and write batch, with a channel that reads from a buffer and counts what is written. For benchmarks (JMH)
 * and tests that must not measure a network; single-threaded, and tasks posted to the loop run before
 * {@link #exchange} returns.
 */
public final class MemoryExchange {
    private final MemoryLoop loop = new MemoryLoop();
    private final MemoryChannel channel = new MemoryChannel(loop);
    private final ChannelHandler connection;
    private final Http1Loop ctx;

    /**
     * Opens one in-memory connection.
     *
     * @param config     the limits and timeouts
     * @param dispatcher routes and handles requests
     */
    public MemoryExchange(ServerConfig config, Dispatcher dispatcher) {
        ctx = new Http1Loop(config, dispatcher, loop, new AtomicInteger());
        connection = ctx.accepted(channel);
    }

    /**
     * Delivers bytes as one read and lets the connection answer everything it can.
     *
     * @param request the bytes the client sent; consumed
     * @param out     receives the bytes written back, as far as it has room (the rest is counted, not kept)
     * @return the number of bytes written back
     */
    public long exchange(ByteBuffer request, ByteBuffer out) {
        channel.in = request;
        channel.out = out;
        channel.written = 0;
        channel.writes = 0;
        connection.onReadable();
        loop.runTasks();
        return channel.written;
    }

    /**
     * Begins a graceful shutdown with bytes already waiting in the socket, not yet announced by a read event.
     *
     * @param waiting the bytes the client sent just before the shutdown began
     * @param out     receives the bytes written back
     * @return the number of bytes written back
     */
    long shutdownWith(ByteBuffer waiting, ByteBuffer out) {
        channel.in = waiting;
        channel.out = out;
        channel.written = 0;
        ctx.beginShutdown();
        loop.runTasks();
        return channel.written;
    }

    /** @return the write system calls the last {@link #exchange} would have made */
    public int writes() {
        return channel.writes;
    }

    /** @return whether the server has half-closed the connection (its last response sent, lingering) */
    public boolean isOutputShut() {
        return channel.outputShut;
    }

    /** @return whether the connection is still open */
    public boolean isOpen() {
        return channel.open;
    }

    private static final class MemoryLoop implements EventLoop {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            synchronized (tasks) {
                tasks.add(task);
            }
        }

        void runTasks() {
            while (true) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.poll();
                }
                if (task == null) {
                    return;
                }
                task.run();
            }
        }

        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public int index() {
            return 0;
        }
    }

    private static final class MemoryChannel implements Channel {
        private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
        private final EventLoop loop;
        ByteBuffer in;
        ByteBuffer out;
        long written;
        int writes;
        boolean open = true;
        boolean outputShut;

        MemoryChannel(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (in == null || !in.hasRemaining()) {
                return 0;
            }
            int n = Math.min(dst.remaining(), in.remaining());
            dst.put(dst.position(), in, in.position(), n);
            dst.position(dst.position() + n);
            in.position(in.position() + n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += take(srcs[i]);
            }
            writes++;
            written += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = take(src);
            writes++;
            written += n;
            return n;
        }

        private int take(ByteBuffer src) {
            int n = src.remaining();
            if (out != null) {
                int keep = Math.min(n, out.remaining());
                out.put(out.position(), src, src.position(), keep);
                out.position(out.position() + keep);
            }
            src.position(src.limit());
            return n;
        }

        @Override
        public void readInterest(boolean on) {
        }

        @Override
        public void writeInterest(boolean on) {
        }

        @Override
        public void shutdownOutput() {
            outputShut = true;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return CLIENT;
        }

        @Override
        public EventLoop loop() {
            return loop;
        }
    }
}
