package dev.pronto.http1;

import dev.pronto.transport.Channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * What one connection has encoded but not yet written: the socket was full, or the connection's turn was over. The
 * buffers are on the heap (response bodies as they are, since they never change; copies of what was in the loop's
 * direct buffer), and leave through a direct buffer of the loop in slices: copied there from where the queue stands,
 * written, and the queue advanced by what the socket took. What it did not take is copied again next time, at most
 * one slice, so a large body costs one copy and one pass, never a copy of its whole rest per write.
 */
final class OutboundQueue {
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>(0);
    private long bytes;

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    /** @return the bytes queued */
    long bytes() {
        return bytes;
    }

    /** Queues a heap buffer that stays unchanged until written, from its position. */
    void keep(ByteBuffer heap) {
        if (heap.hasRemaining()) {
            buffers.add(heap);
            bytes += heap.remaining();
        }
    }

    /** Queues a copy of what is left of a buffer that is about to be reused (the loop's direct buffer). */
    void keepCopy(ByteBuffer reused) {
        if (reused.hasRemaining()) {
            ByteBuffer copy = ByteBuffer.allocate(reused.remaining());
            keep(copy.put(reused).flip());
        }
    }

    /**
     * Writes from the head of the queue until it is empty, the socket is full, or {@code budget} bytes are written.
     *
     * @param channel the connection's channel
     * @param stage   a direct buffer, free for the duration of the call
     * @param budget  the most bytes to write
     * @return bytes written
     * @throws IOException from the channel
     */
    long writeTo(Channel channel, ByteBuffer stage, long budget) throws IOException {
        long total = 0;
        while (!buffers.isEmpty() && total < budget) {
            stage.clear();
            stage.limit((int) Math.min(stage.capacity(), budget - total));
            for (ByteBuffer b : buffers) { // copy without consuming: the queue moves by what the socket takes
                int n = Math.min(b.remaining(), stage.remaining());
                stage.put(stage.position(), b, b.position(), n).position(stage.position() + n);
                if (!stage.hasRemaining()) {
                    break;
                }
            }
            stage.flip();
            int staged = stage.remaining();
            int written = channel.write(stage);
            advance(written);
            total += written;
            if (written < staged) {
                break; // the socket is full
            }
        }
        stage.clear();
        return total;
    }

    private void advance(long n) {
        bytes -= n;
        while (n > 0) {
            ByteBuffer b = buffers.peek();
            int step = (int) Math.min(n, b.remaining());
            b.position(b.position() + step);
            n -= step;
            if (!b.hasRemaining()) {
                buffers.poll();
            }
        }
    }

    void clear() {
        buffers.clear();
        bytes = 0;
    }
}
