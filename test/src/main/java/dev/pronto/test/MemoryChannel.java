package dev.pronto.test;

import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One in-memory connection: the server's {@link Channel} on one side, the client's {@link Pipe} on the other. What
 * the client writes reaches the channel as a task on its loop; what the server writes waits for the client's reads.
 */
final class MemoryChannel implements Channel {
    private final MemoryLoop loop;
    private final InetSocketAddress remote;
    // The server's side, on the loop's thread only.
    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>();
    private boolean inputEnded;
    private boolean readInterest = true; // a channel is accepted registered for reading
    private boolean writeInterest;
    private ChannelHandler handler;
    private volatile boolean open = true;
    // The client's side: what the server wrote, guarded by this object's monitor.
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private int outputRead;
    private boolean outputEnded;
    private final ClientEnd client = new ClientEnd();

    MemoryChannel(MemoryLoop loop, InetSocketAddress remote) {
        this.loop = loop;
        this.remote = remote;
    }

    void handler(ChannelHandler handler) {
        this.handler = handler;
    }

    ChannelHandler handler() {
        return handler;
    }

    boolean readable() {
        return readInterest && handler != null && (!input.isEmpty() || inputEnded);
    }

    boolean wantsWrite() {
        return writeInterest && handler != null;
    }

    // --- Channel: the server's side ---

    @Override
    public int read(ByteBuffer dst) {
        if (input.isEmpty()) {
            return inputEnded ? -1 : 0;
        }
        int n = 0;
        while (!input.isEmpty() && dst.hasRemaining()) {
            ByteBuffer head = input.peek();
            int take = Math.min(head.remaining(), dst.remaining());
            dst.put(head.slice(head.position(), take));
            head.position(head.position() + take);
            n += take;
            if (!head.hasRemaining()) {
                input.poll();
            }
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += write(srcs[i]);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        synchronized (this) {
            if (outputEnded) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            byte[] bytes = new byte[n];
            src.get(bytes);
            output.write(bytes, 0, n);
            notifyAll();
            return n;
        }
    }

    @Override
    public void readInterest(boolean on) {
        readInterest = on;
    }

    @Override
    public void writeInterest(boolean on) {
        writeInterest = on;
    }

    @Override
    public void shutdownOutput() {
        endOutput();
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            endOutput();
            loop.remove(this);
        }
    }

    /** The loop is stopping: close, and tell the handler (as a transport does). */
    void closeByTransport() {
        if (open) {
            close();
            if (handler != null) {
                handler.onClosed();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    private synchronized void endOutput() {
        outputEnded = true;
        notifyAll();
    }

    /** @return the client's end of this connection */
    Pipe client() {
        return client;
    }

    /** The client's end: it writes through the loop's task queue and reads what the server wrote. */
    private final class ClientEnd implements Pipe {
        private volatile boolean closed;

        @Override
        public void write(byte[] bytes) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            ByteBuffer copy = ByteBuffer.wrap(bytes.clone());
            loop.execute(() -> {
                if (open) {
                    input.add(copy);
                }
            });
        }

        @Override
        public int read(byte[] buffer, int timeoutMillis) throws IOException {
            synchronized (MemoryChannel.this) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (outputRead == output.size() && !outputEnded) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("Read timed out");
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(MemoryChannel.this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("Interrupted while reading", e);
                    }
                }
                if (outputRead == output.size()) {
                    return -1;
                }
                byte[] all = output.toByteArray();
                int n = Math.min(buffer.length, all.length - outputRead);
                System.arraycopy(all, outputRead, buffer, 0, n);
                outputRead += n;
                if (outputRead == output.size()) {
                    output.reset(); // all read: start over, so the buffer holds only what is unread
                    outputRead = 0;
                }
                return n;
            }
        }

        /** The server reads the end of input, as after a FIN. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                loop.execute(() -> inputEnded = true);
            }
        }
    }
}
