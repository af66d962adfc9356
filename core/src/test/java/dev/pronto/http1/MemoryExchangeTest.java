package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.app.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryExchangeTest {
    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void answersAPipelinedBatchInOrderWithOneWrite() {
        AtomicInteger n = new AtomicInteger();
        MemoryExchange exchange = new MemoryExchange(ServerConfig.defaults(),
                e -> e.respond(Response.text(e.request().path() + "#" + n.incrementAndGet())));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            batch.append("GET /r").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        long written = exchange.exchange(ascii(batch.toString()), out);
        String text = new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);

        assertThat(written).isEqualTo(out.position());
        assertThat(exchange.writes()).isEqualTo(1);
        assertThat(text.split("HTTP/1.1 200 OK", -1)).hasSize(25);
        for (int i = 0; i < 24; i++) {
            assertThat(text).contains("/r" + i + "#" + (i + 1));
            if (i > 0) {
                assertThat(text.indexOf("/r" + (i - 1) + "#")).isLessThan(text.indexOf("/r" + i + "#"));
            }
        }
        assertThat(exchange.isOpen()).isTrue();
    }

    @Test
    void anAsynchronousResponseCompletedLaterHoldsBackTheNextOnes() {
        CompletableFuture<Response> first = new CompletableFuture<>();
        MemoryExchange exchange = new MemoryExchange(ServerConfig.defaults(), e -> e.request().path().equals("/slow")
                ? new Outcome.Later(first) : e.respond(Response.text("fast")));
        ByteBuffer out = ByteBuffer.allocate(4096);
        exchange.exchange(ascii("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"), out);
        assertThat(out.position()).isZero();

        first.complete(Response.text("slow"));
        exchange.exchange(ascii(""), out);
        String text = new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);
        assertThat(text.indexOf("slow")).isPositive().isLessThan(text.indexOf("fast"));
    }

    @Test
    void aRequestWaitingInAnIdleConnectionWhenTheDrainBeginsIsAnsweredThenTheConnectionCloses() {
        MemoryExchange exchange = new MemoryExchange(ServerConfig.defaults(),
                e -> e.respond(Response.text(e.request().path())));
        ByteBuffer out = ByteBuffer.allocate(4096);
        exchange.exchange(ascii("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"), out);
        out.clear();

        exchange.shutdownWith(ascii("GET /last HTTP/1.1\r\nHost: x\r\n\r\n"), out);

        String text = new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("HTTP/1.1 200 OK").contains("Connection: close").endsWith("/last");
        assertThat(exchange.isOutputShut()).as("half-closed after the last response").isTrue();
    }

    @Test
    void anIdleConnectionWithNothingWaitingClosesAtOnceWhenTheDrainBegins() {
        MemoryExchange exchange = new MemoryExchange(ServerConfig.defaults(), e -> e.respond(Response.text("ok")));
        ByteBuffer out = ByteBuffer.allocate(4096);
        exchange.exchange(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), out);
        out.clear();

        assertThat(exchange.shutdownWith(ascii(""), out)).isZero();
        assertThat(exchange.isOpen()).isFalse();
    }
}
