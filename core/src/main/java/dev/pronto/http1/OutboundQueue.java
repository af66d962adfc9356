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
 * one slice, so a large body costs one copy and one pass, never a copy of its whole rest per write. A file region
 * ({@link FileSegment}) in the queue is sent straight from the file, within the same budget, and closed once sent or
 * when the queue is cleared.
 */
final class OutboundQueue {
    private final ArrayDeque<Object> buffers = new ArrayDeque<>(0); // ByteBuffer or FileSegment, in order
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

    /** Queues a file region, which the queue closes once it is sent or dropped. */
    void keep(FileSegment file) {
        if (file.remaining() > 0) {
            buffers.add(file);
            bytes += file.remaining();
        } else {
            file.close();
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
            long offered;
            long written;
            if (buffers.peek() instanceof FileSegment file) {
                offered = Math.min(file.remaining(), budget - total);
                written = file.sendTo(channel, offered);
            } else {
                stage.clear();
                stage.limit((int) Math.min(stage.capacity(), budget - total));
                for (Object o : buffers) { // copy without consuming: the queue moves by what the socket takes
                    if (!(o instanceof ByteBuffer b)) {
                        break; // a file: sent from the file, after what is staged
                    }
                    int n = Math.min(b.remaining(), stage.remaining());
                    stage.put(stage.position(), b, b.position(), n).position(stage.position() + n);
                    if (!stage.hasRemaining()) {
                        break;
                    }
                }
                stage.flip();
                offered = stage.remaining();
                written = channel.write(stage);
            }
            advance(written);
            total += written;
            if (written < offered) {
                break; // the socket is full
            }
        }
        stage.clear();
        return total;
    }

    private void advance(long n) {
        bytes -= n;
        while (n > 0) {
            Object head = buffers.peek();
            if (head instanceof FileSegment file) {
                long step = Math.min(n, file.remaining());
                n -= step;
                if (file.advance(step)) {
                    buffers.poll();
                }
                continue;
            }
            ByteBuffer b = (ByteBuffer) head;
            int step = (int) Math.min(n, b.remaining());
            b.position(b.position() + step);
            n -= step;
            if (!b.hasRemaining()) {
                buffers.poll();
            }
        }
    }

    /** Drops what is queued; files in it are closed. */
    void clear() {
        Object o;
        while ((o = buffers.poll()) != null) {
            if (o instanceof FileSegment file) {
                file.close();
            }
        }
        bytes = 0;
    }
}
