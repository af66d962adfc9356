package dev.pronto;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseTest {
    @Test
    void refusesHeaderValuesThatWouldInjectFraming() {
        Response r = Response.text("x");
        assertThatThrownBy(() -> r.withHeader("X-A", "1\r\nSet-Cookie: evil=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.withHeader("X-A", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.withHeader("X-A", "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.withHeader("X A", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.withHeader("X-A:", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.withContentType("text/html\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesFieldsTheServerManages() {
        for (String name : new String[] {"Content-Length", "transfer-encoding", "DATE", "Connection"}) {
            assertThatThrownBy(() -> Response.text("x").withHeader(name, "1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the server");
        }
        assertThatThrownBy(() -> Response.text("x").withHeader("content-TYPE", "text/html"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withContentType");
        assertThatThrownBy(() -> Response.text("x").withHeader("", "1")).isInstanceOf(IllegalArgumentException.class);
        // Names that only start or end like a managed one are ordinary headers.
        assertThat(Response.text("x").withHeader("Content-Length-Hint", "1").withHeader("X-Date", "1").headers())
                .hasSize(2);
    }

    @Test
    void acceptsEveryFinalStatusFrom200To599AndNothingElse() {
        for (int code = 200; code <= 599; code++) {
            assertThat(Response.status(code).status()).isEqualTo(code);
            assertThat(Response.text("x").withStatus(code == 204 || code == 304 ? 200 : code).status())
                    .isEqualTo(code == 204 || code == 304 ? 200 : code);
        }
        // An informational (1xx) status is never a final response (RFC 9110 §15.2): refused when built, not at send.
        for (int code : new int[] {99, 100, 101, 103, 199, 600}) {
            assertThatThrownBy(() -> Response.status(code)).as("status(%d)", code)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200").hasMessageContaining("599");
            assertThatThrownBy(() -> Response.text(code, "x")).as("text(%d)", code)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Response.status(204).withStatus(code)).as("withStatus(%d)", code)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        }
    }

    @Test
    void anHttpExceptionCarriesAFinalStatusOnly() {
        assertThat(new HttpException(418, "teapot").toResponse().status()).isEqualTo(418);
        for (int code : new int[] {99, 100, 101, 199, 600}) {
            assertThatThrownBy(() -> new HttpException(code)).as("HttpException(%d)", code)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        }
    }

    @Test
    void refusesABodyOnStatusesThatHaveNone() {
        assertThatThrownBy(() -> Response.text(204, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.text(304, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        Response base = Response.text("x");
        Response more = base.withHeader("A", "1").withStatus(201).withContentType("text/html");
        assertThat(base.headers()).isEmpty();
        assertThat(base.status()).isEqualTo(200);
        assertThat(more.headers()).containsExactly(Map.entry("A", "1"));
        byte[] body = ((Response.Body.Bytes) base.body()).bytes();
        body[0] = 'y';
        assertThat(((Response.Body.Bytes) base.body()).bytes()).containsExactly('x');
    }

    @Test
    void bodyIsBytesThatNoViewCanChange() {
        Response r = Response.bytes(new byte[] {1, 2, 3, 4, 5});
        Response.Body.Bytes body = (Response.Body.Bytes) r.body();
        assertThat(body.length()).isEqualTo(r.bodyLength()).isEqualTo(5);

        ByteBuffer small = ByteBuffer.allocate(3).put((byte) 9);
        assertThat(body.copyTo(1, small)).as("copied, as many as fit").isEqualTo(2);
        assertThat(small.array()).containsExactly(9, 2, 3);
        assertThat(body.copyTo(5, small.clear())).isZero();
        assertThatThrownBy(() -> body.copyTo(6, small.clear())).isInstanceOf(IndexOutOfBoundsException.class);

        ByteBuffer view = body.asReadOnlyBuffer();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.position(3).get()).isEqualTo((byte) 4);
        assertThat(body.asReadOnlyBuffer().position()).as("each view has its own position").isZero();
        assertThatThrownBy(() -> view.put(0, (byte) 0)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(Response.status(204).body()).isInstanceOfSatisfying(Response.Body.Bytes.class,
                empty -> assertThat(empty.length()).isZero());
    }

    @Test
    void headersAreAnUnmodifiableListSharedByNoOtherResponse() {
        Response one = Response.text("x").withHeader("A", "1");
        Response two = one.withHeader("B", "2");
        assertThat(one.headers()).containsExactly(Map.entry("A", "1"));
        assertThat(two.headers()).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
        assertThatThrownBy(() -> one.headers().add(Map.entry("C", "3")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> two.headers().set(0, Map.entry("C", "3")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> two.headers().get(0).setValue("3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
