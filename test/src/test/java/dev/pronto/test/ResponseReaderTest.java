package dev.pronto.test;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** How raw replies are framed into responses (RFC 9112 §6.3), each reply also cut short at every offset. */
class ResponseReaderTest {
    private static ResponseReader.Parsed parse(String reply, boolean closed, boolean head) {
        byte[] b = reply.getBytes(StandardCharsets.ISO_8859_1);
        return ResponseReader.parse(b, b.length, closed, head);
    }

    /** Asserts a reply holds these bodies, and that no prefix of it holds more than its complete responses. */
    private static void assertBodies(String reply, boolean closed, String... bodies) {
        ResponseReader.Parsed all = parse(reply, closed, false);
        assertThat(all.responses()).extracting(TestResponse::text).as(reply).containsExactly(bodies);
        assertThat(all.end()).isEqualTo(reply.length());
        for (int cut = 0; cut < reply.length(); cut++) {
            assertThat(parse(reply.substring(0, cut), false, false).responses().size()).as("cut at " + cut)
                    .isLessThan(bodies.length + 1);
        }
    }

    @Test
    void framesByContentLength() {
        assertBodies("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
                + "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", false, "hi", "");
    }

    @Test
    void decodesChunkedBodiesWithExtensionsAndTrailers() {
        assertBodies("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\nA\r\n0123456789\r\n"
                + "0\r\nTrailer: 1\r\n\r\n", false, "abc0123456789");
    }

    @Test
    void skipsInterimResponsesAndReadsNoBodyFor204And304() {
        assertBodies("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\n\r\n", false, "", "");
    }

    @Test
    void readsABodyWithoutLengthUntilTheClose() {
        assertThat(parse("HTTP/1.0 200 OK\r\n\r\nuntil close", false, false).responses()).isEmpty();
        assertBodies("HTTP/1.0 200 OK\r\n\r\nuntil close", true, "until close");
    }

    @Test
    void readsNoBodyForHead() {
        ResponseReader.Parsed head = parse("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n", false, true);
        assertThat(head.responses()).hasSize(1);
        assertThat(head.responses().get(0).header("content-length")).hasValue("12");
    }

    @Test
    void leavesWhatIsNotAResponseUnparsed() {
        ResponseReader.Parsed junk = parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nnot http\r\n\r\n", true,
                false);
        assertThat(junk.responses()).hasSize(1);
        assertThat(junk.end()).isEqualTo(38);
    }
}
