package dev.pronto.http1;

import dev.pronto.transport.Channel;
import dev.pronto.transport.EventLoop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A socket without a network for the writer's tests: on its k-th write it takes at most {@code script[k % length]}
 * bytes, a negative entry fails that write as a reset would; it records what it took, what each write was offered
 * and the write interest it was last asked for.
 */
final class ScriptedChannel implements Channel {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int[] script;
    int writes;
    int heapWrites;
    long maxOffered;
    boolean writeInterest;

    ScriptedChannel(int... script) {
        this.script = script;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!src.isDirect()) {
            heapWrites++;
        }
        maxOffered = Math.max(maxOffered, src.remaining());
        int take = script[writes++ % script.length];
        if (take < 0) {
            throw new IOException("Connection reset by peer");
        }
        int n = Math.min(src.remaining(), take);
        byte[] taken = new byte[n];
        src.get(taken);
        out.writeBytes(taken);
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new AssertionError("the writer writes one staged buffer at a time");
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new AssertionError();
    }

    @Override
    public void readInterest(boolean on) {
    }

    @Override
    public void writeInterest(boolean on) {
        writeInterest = on;
    }

    @Override
    public void shutdownOutput() {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress(0);
    }

    @Override
    public EventLoop loop() {
        throw new AssertionError();
    }
}
