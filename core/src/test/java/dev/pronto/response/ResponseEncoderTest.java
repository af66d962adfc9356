package dev.pronto.response;

import dev.pronto.Response;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseEncoderTest {
    private final HttpDate date = new HttpDate();
    private final ResponseEncoder encoder = new ResponseEncoder();

    ResponseEncoderTest() {
        date.update(Instant.parse("1994-11-06T08:49:37Z").toEpochMilli());
    }

    private String head(Response r, int mode) {
        ByteBuffer out = ByteBuffer.allocate(4096);
        assertThat(encoder.encodeHead(r, mode, date, out)).isTrue();
        return new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesTextResponseWithLengthTypeAndDate() {
        assertThat(head(Response.text("Hello world!"), ResponseEncoder.KEEP_ALIVE_DEFAULT)).isEqualTo(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 12\r\n"
                        + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
    }

    @Test
    void addsConnectionFieldWhenClosingOrKeepingHttp10Alive() {
        assertThat(head(Response.status(204), ResponseEncoder.CLOSE))
                .isEqualTo("HTTP/1.1 204 No Content\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nConnection: close\r\n\r\n");
        assertThat(head(Response.status(404), ResponseEncoder.KEEP_ALIVE_HTTP10))
                .contains("Content-Length: 0\r\n").endsWith("Connection: keep-alive\r\n\r\n");
    }

    @Test
    void reusedResponseGivesTheSameBytesFromItsCachedHead() {
        Response r = Response.text(201, "made").withHeader("X-Id", "7").withHeader("X-Id", "8");
        String first = head(r, ResponseEncoder.KEEP_ALIVE_DEFAULT);
        String second = head(r, ResponseEncoder.KEEP_ALIVE_DEFAULT);
        String third = head(r, ResponseEncoder.CLOSE);
        assertThat(second).isEqualTo(first);
        assertThat(first).startsWith("HTTP/1.1 201 Created\r\n").contains("X-Id: 7\r\nX-Id: 8\r\n");
        assertThat(third).isEqualTo(first.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void unregisteredStatusGetsGenericPhrase() {
        assertThat(head(Response.status(299), 0)).startsWith("HTTP/1.1 299 Success\r\n");
        assertThat(head(Response.status(599), 0)).startsWith("HTTP/1.1 599 Server Error\r\n");
    }

    @Test
    void refusesWhenTheHeadDoesNotFitAndLeavesBufferUntouched() {
        ByteBuffer out = ByteBuffer.allocate(40);
        assertThat(encoder.encodeHead(Response.text("x"), 0, date, out)).isFalse();
        assertThat(out.position()).isZero();
    }

    @Test
    void multiByteBodyLengthCountsBytes() {
        assertThat(head(Response.text("héllo"), 0)).contains("Content-Length: 6\r\n");
    }
}
