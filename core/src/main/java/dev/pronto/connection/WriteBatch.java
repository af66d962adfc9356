package dev.pronto.connection;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The loop's output for the connection being served: heads and small bodies are copied into one direct buffer;
 * large bodies join as extra segments of a gathering write. Filled and written for one connection at a time.
 */
final class WriteBatch {
    static final int CAPACITY = 64 * 1024;
    /** Bodies up to this size are copied; larger ones are written from their own array (gathering write). */
    static final int COPY_BODY_MAX = 8 * 1024;
    /** Past this many bytes (large bodies included) the batch is written before more is encoded. */
    static final int FLUSH_THRESHOLD = 256 * 1024;

    final ByteBuffer buf = ByteBuffer.allocateDirect(CAPACITY);
    private ByteBuffer[] segments = new ByteBuffer[8];
    private int count;
    private int regionStart;
    private long segmentBytes; // bytes held in segments other than the direct buffer's regions

    boolean isEmpty() {
        return count == 0 && buf.position() == 0;
    }

    /** @return whether enough is batched that it should be written before encoding more */
    boolean full() {
        return segmentBytes + buf.position() >= FLUSH_THRESHOLD;
    }

    void put(byte[] bytes) {
        if (bytes.length <= COPY_BODY_MAX && bytes.length <= buf.remaining()) {
            buf.put(bytes);
        } else {
            segmentBytes += bytes.length;
            addSegment(ByteBuffer.wrap(bytes));
        }
    }

    void addSegment(ByteBuffer segment) {
        sealRegion();
        if (count == segments.length) {
            segments = Arrays.copyOf(segments, count * 2);
        }
        segments[count++] = segment;
    }

    private void sealRegion() {
        int end = buf.position();
        if (end > regionStart) {
            ByteBuffer region = buf.slice(regionStart, end - regionStart);
            regionStart = end;
            addSegment(region);
        }
    }

    /**
     * Prepares the batch for writing.
     *
     * @return the number of segments in {@link #segments()}, or 0 when the direct buffer alone holds everything
     *         (then write {@link #single()})
     */
    int prepare() {
        if (count == 0) {
            buf.flip();
            return 0;
        }
        sealRegion();
        return count;
    }

    ByteBuffer single() {
        return buf;
    }

    ByteBuffer[] segments() {
        return segments;
    }

    void clear() {
        buf.clear();
        Arrays.fill(segments, 0, count, null);
        count = 0;
        regionStart = 0;
        segmentBytes = 0;
    }
}
