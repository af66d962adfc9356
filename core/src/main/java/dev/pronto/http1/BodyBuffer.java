package dev.pronto.http1;

import dev.pronto.parser.BodySink;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Collects a de-chunked body; the chunked decoder bounds its size. */
final class BodyBuffer implements BodySink {
    private byte[] bytes = new byte[1024];
    private int length;

    @Override
    public void accept(ByteBuffer buf, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        buf.get(from, bytes, length, n);
        length += n;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }
}
