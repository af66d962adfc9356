package dev.pronto.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** In steady state, parsing a head and decoding a chunked body allocate nothing, also when fed in pieces. */
class ParserAllocationTest {
    private static final byte[] REQUEST = TestBuffers.bytes("POST /items?id=7 HTTP/1.1\r\nHost: example.com\r\n"
            + "User-Agent: bench\r\nAccept: */*\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n"
            + "Expect: 100-continue\r\nX-Custom: value\r\n\r\n5;ext=1\r\nhello\r\n0\r\nTrailer: t\r\n\r\n");

    private static final BodySink DISCARD = (buf, from, to) -> { };

    @Test
    void parsesAndDecodesWithoutAllocating() throws ReflectiveOperationException {
        LongSupplier allocatedBytes = allocatedBytesCounter();
        ByteBuffer buf = ByteBuffer.allocateDirect(REQUEST.length).put(0, REQUEST);
        RequestParser parser = new RequestParser(new HeadLimits(8192, 16384, 100));
        RequestHead head = new RequestHead(100);
        ChunkedDecoder decoder = new ChunkedDecoder(1 << 20, 1 << 20, 4096, 16);
        long checksum = 0;
        for (int i = 0; i < 50_000; i++) {
            checksum += roundTrip(buf, parser, head, decoder);
        }
        allocatedBytes.getAsLong();
        long before = allocatedBytes.getAsLong();
        for (int i = 0; i < 100_000; i++) {
            checksum += roundTrip(buf, parser, head, decoder);
        }
        long allocated = allocatedBytes.getAsLong() - before;
        assertThat(checksum).isPositive();
        assertThat(allocated).as("bytes allocated by 100k requests").isLessThan(1024);
    }

    /**
     * Binds com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes reflectively: tests compile patched into
     * module dev.pronto, which does not read java.management, while they run on the class path, where it is there.
     * Looked up once, so that the lookup does not count as allocation.
     */
    private static LongSupplier allocatedBytesCounter() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method counter = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        return () -> {
            try {
                return (long) counter.invoke(threads);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static long roundTrip(ByteBuffer buf, RequestParser parser, RequestHead head, ChunkedDecoder decoder) {
        head.reset();
        // First a piece that ends inside a header line, then the rest: the resumed path must not allocate either.
        if (parser.parse(buf, 0, 60, head) != RequestParser.NEED_MORE) {
            throw new AssertionError(head.error());
        }
        int n = parser.parse(buf, 0, REQUEST.length, head);
        if (n < 0 || !head.chunked()) {
            throw new AssertionError(head.error());
        }
        decoder.reset();
        int m = decoder.decode(buf, n, n + 7, DISCARD);
        m += decoder.decode(buf, n + m, REQUEST.length, DISCARD);
        if (!decoder.done()) {
            throw new AssertionError(decoder.error());
        }
        return n + m + head.headerCount();
    }
}
