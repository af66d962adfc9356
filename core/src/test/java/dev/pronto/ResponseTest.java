package dev.pronto;

import org.junit.jupiter.api.Test;

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
    void acceptsEveryStatusFrom100To599AndNothingElse() {
        for (int code = 100; code <= 599; code++) {
            assertThat(Response.status(code).status()).isEqualTo(code);
        }
        assertThatThrownBy(() -> Response.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.status(600)).isInstanceOf(IllegalArgumentException.class);
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
        byte[] body = base.body();
        body[0] = 'y';
        assertThat(base.body()).containsExactly('x');
    }
}
