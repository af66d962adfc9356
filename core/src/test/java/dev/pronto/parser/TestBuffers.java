package dev.pronto.parser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Buffers for feeding the parser the way a connection does: the input sits between runs of hostile garbage (bytes
 * that would complete a head or a body if read), and "arriving" bytes overwrite garbage in place.
 */
final class TestBuffers {
    /** Where the input sits: the buffer kind and how much garbage lies before and after it. */
    record Placement(Kind kind, int before, int after) {
        @Override
        public String toString() {
            return kind + (before == 0 ? "" : " at " + before);
        }
    }

    /** The kinds of ByteBuffer the parser must read alike. */
    enum Kind {
        HEAP, DIRECT, HEAP_SLICE, READ_ONLY;

        boolean writable() {
            return this != READ_ONLY;
        }
    }

    // If any parser read outside its range it would see these: line ends, a last chunk, a whole request.
    private static final byte[] GARBAGE = "\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: g\r\n\r\n\n\0\r"
            .getBytes(StandardCharsets.ISO_8859_1);

    /** Every kind at index 0, and every kind in the middle of garbage. */
    static final List<Placement> ALL = List.of(
            new Placement(Kind.HEAP, 0, 0), new Placement(Kind.DIRECT, 0, 0),
            new Placement(Kind.HEAP_SLICE, 0, 0), new Placement(Kind.READ_ONLY, 0, 0),
            new Placement(Kind.HEAP, 13, 29), new Placement(Kind.DIRECT, 13, 29),
            new Placement(Kind.HEAP_SLICE, 5, 17), new Placement(Kind.READ_ONLY, 7, 11));

    /** The writable placements, for feeding in pieces. */
    static final List<Placement> WRITABLE = ALL.stream().filter(p -> p.kind().writable()).toList();

    private TestBuffers() {
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @return a buffer of {@code before + input.length + after} bytes holding garbage, with input[0, arrived)
     *         written at index {@code before}; its position and limit are set to odd values the parser must ignore
     */
    static ByteBuffer buffer(Placement pl, byte[] input, int arrived) {
        int size = pl.before() + input.length + pl.after();
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = GARBAGE[i % GARBAGE.length];
        }
        System.arraycopy(input, 0, content, pl.before(), arrived);
        ByteBuffer buf = switch (pl.kind()) {
            case HEAP -> ByteBuffer.allocate(size);
            case DIRECT -> ByteBuffer.allocateDirect(size);
            case HEAP_SLICE -> ByteBuffer.allocate(size + 3).slice(3, size);
            case READ_ONLY -> ByteBuffer.allocate(size);
        };
        buf.put(0, content);
        if (pl.kind() == Kind.READ_ONLY) {
            buf = buf.asReadOnlyBuffer();
        }
        buf.position(Math.min(1, size));
        return buf;
    }

    /** Lets input[from, to) arrive: writes it over the garbage at its place. */
    static void arrive(ByteBuffer buf, Placement pl, byte[] input, int from, int to) {
        buf.put(pl.before() + from, input, from, to - from);
    }

    static byte[] snapshot(ByteBuffer buf) {
        byte[] b = new byte[buf.capacity()];
        buf.get(0, b);
        return b;
    }
}
