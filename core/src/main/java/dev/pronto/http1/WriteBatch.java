package dev.pronto.http1;

import dev.pronto.Response;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The loop's output for the connection being served: heads and bodies are copied into one direct buffer, so that
 * everything batched leaves in one write of memory the JDK need not copy again. A body larger than the room left
 * fills the buffer, and its rest (with anything after it) waits as heap segments that the connection then sends
 * through the same buffer in slices. Filled and written for one connection at a time.
 */
final class WriteBatch {
    /**
     * The direct buffer, and so the most bytes one write is offered. A heap buffer handed to a socket would be copied
     * by the JDK into a temporary direct buffer as large as what is left of it, kept per thread afterwards: hence
     * bodies are copied here, a bounded slice at a time, instead.
     */
    static final int CAPACITY = 256 * 1024;
    /**
     * The most bytes one connection writes per event (one loop turn), in slices of {@link #CAPACITY}: past it, the
     * connection waits for the next turn, so that a large body does not hold back the other connections of its loop.
     */
    static final int TURN_BUDGET = 1024 * 1024;

    final ByteBuffer buf = ByteBuffer.allocateDirect(CAPACITY);
    private final ArrayDeque<Object> rest = new ArrayDeque<>(2); // heap buffers and files after what buf holds

    boolean isEmpty() {
        return rest.isEmpty() && buf.position() == 0;
    }

    /** @return whether part of the batch waits outside the direct buffer, so that it should be written now */
    boolean full() {
        return !rest.isEmpty();
    }

    /**
     * Adds bytes that stay unchanged until written (a response body): copied if they fit, else what fits is copied and
     * the rest is kept as it is.
     */
    void put(byte[] bytes) {
        if (rest.isEmpty() && bytes.length <= buf.remaining()) {
            buf.put(bytes);
        } else {
            put(ByteBuffer.wrap(bytes));
        }
    }

    /** Adds a response body; like {@link #put(byte[])}, but the rest is kept as a read-only view of the body. */
    void put(Response.Body.Bytes body) {
        int copied = rest.isEmpty() ? body.copyTo(0, buf) : 0;
        if (copied < body.length()) {
            rest.add(body.asReadOnlyBuffer().position(copied));
        }
    }

    /** Adds a heap buffer, from its position, that stays unchanged until written; like {@link #put(byte[])}. */
    void put(ByteBuffer heap) {
        if (rest.isEmpty()) {
            int n = Math.min(heap.remaining(), buf.remaining());
            buf.put(buf.position(), heap, heap.position(), n).position(buf.position() + n);
            heap.position(heap.position() + n);
        }
        if (heap.hasRemaining()) {
            rest.add(heap);
        }
    }

    /**
     * Adds a file region, sent from the file after what the batch holds; the batch is then {@link #full()}, so the
     * connection writes at once.
     */
    void put(FileSegment file) {
        rest.add(file);
    }

    /**
     * Prepares the batch for writing.
     *
     * @return the direct buffer, flipped: what leaves first
     */
    ByteBuffer prepare() {
        return buf.flip();
    }

    /** Hands the heap segments after the direct buffer's content to the connection's queue, in order. */
    void moveRestTo(OutboundQueue queue) {
        Object o;
        while ((o = rest.poll()) != null) {
            if (o instanceof FileSegment file) {
                queue.keep(file);
            } else {
                queue.keep((ByteBuffer) o);
            }
        }
    }

    /**
     * @return the direct buffer, cleared, for the connection being served to stage its queued output through; only
     *         while the batch holds nothing
     */
    ByteBuffer stage() {
        assert isEmpty() : "the batch holds output of its own";
        return buf.clear();
    }

    /** Empties the batch; a file not handed to a queue (the write failed) is closed. */
    void clear() {
        buf.clear();
        Object o;
        while ((o = rest.poll()) != null) {
            if (o instanceof FileSegment file) {
                file.close();
            }
        }
    }
}
