package dev.pronto.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The request bytes every parsing benchmark reads, ours and the peer's alike. */
final class SampleRequests {
    /** A minimal HTTP/1.1 GET: request line and Host (40 bytes). */
    static final byte[] SMALL_GET = ascii("GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n");

    /** What a desktop browser sends for a page: a query and 10 header fields (520 bytes). */
    static final byte[] BROWSER_GET = ascii("GET /docs/guide/getting-started?lang=en HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Referer: https://www.example.com/docs/guide/\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=4f3c2a1b9d8e7f6051a2b3c4; theme=dark; consent=1\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "\r\n");

    /** Requests in one pipelined batch: Japronto's workload, and bench/pipeline.lua's. */
    static final int PIPELINE_DEPTH = 24;

    /** {@link #PIPELINE_DEPTH} small GETs back to back, as one read delivers them. */
    static final byte[] PIPELINED_GETS = repeat(SMALL_GET, PIPELINE_DEPTH);

    /** {@link #SMALL_GET} of {@code /json}: bench/'s JSON workload (44 bytes). */
    static final byte[] SMALL_JSON_GET = ascii("GET /json HTTP/1.1\r\nHost: localhost:8080\r\n\r\n");

    /** {@link #PIPELINE_DEPTH} of {@link #SMALL_JSON_GET} back to back. */
    static final byte[] PIPELINED_JSON_GETS = repeat(SMALL_JSON_GET, PIPELINE_DEPTH);

    private SampleRequests() {
    }

    /** @return a direct buffer holding {@code bytes}, position 0 and limit at the end, like a socket read buffer */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** Fails a benchmark's setup, so that only the intended path (usually success) is ever measured. */
    static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("Benchmark input not handled as expected: " + what);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] repeat(byte[] one, int times) {
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }
}
