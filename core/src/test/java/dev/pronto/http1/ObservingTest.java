package dev.pronto.http1;

import dev.pronto.Observer;
import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.app.Dispatcher;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** With no observer installed (and no JFR recording), the connections take the unobserved path: no record at all. */
class ObservingTest {
    private static final Dispatcher HELLO = exchange -> exchange.respond(Response.text("hi"));

    @Test
    void aLoopWithNoObserverDoesNotObserve() {
        Http1Loop loop = new Http1Loop(ServerConfig.defaults(), HELLO, null, new AtomicInteger());
        assertThat(loop.observing()).isFalse();
    }

    @Test
    void aLoopWithAnObserverDoes() {
        Observer observer = exchange -> { };
        Http1Loop loop = new Http1Loop(ServerConfig.defaults(), HELLO, null, new AtomicInteger(),
                new Observer[] {observer});
        assertThat(loop.observing()).isTrue();
    }
}
