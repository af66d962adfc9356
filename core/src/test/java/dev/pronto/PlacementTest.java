package dev.pronto;

import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where handlers run, in memory: the app-wide default for plain handlers, {@link Handler#inline} on the loop whatever
 * the default, blocking and asynchronous handlers as before, filters on the handler's thread. The memory connection
 * runs on the test's thread, so "on the loop" is "on this thread".
 */
class PlacementTest {
    private static final long WAIT_SECONDS = 10;
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    /** A handler that names its thread: {@code name virtual} or {@code name loop}, plus the filter's. */
    private Handler recording(String name) {
        return request -> {
            threads.add(name + " " + where());
            return Response.text(name);
        };
    }

    private String where() {
        return Thread.currentThread().isVirtual() ? "virtual" : "loop";
    }

    private String next() throws InterruptedException {
        String s = threads.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(s).as("a handler ran").isNotNull();
        return s;
    }

    private App app() {
        return new App()
                .before(request -> {
                    threads.add("filter " + where());
                    return null;
                })
                .get("/plain", recording("plain"))
                .get("/inline", Handler.inline(recording("inline")))
                .get("/blocking", Handler.blocking(recording("blocking")))
                .get("/async", Handler.async(request -> {
                    threads.add("async " + where());
                    return CompletableFuture.completedFuture(Response.text("async"));
                }));
    }

    @Test
    void byDefaultAPlainHandlerAndItsFiltersRunInlineOnTheLoop() throws Exception {
        InMemory server = new InMemory(app());
        assertThat(server.get("/plain").body()).isEqualTo("plain");
        assertThat(next()).isEqualTo("filter loop");
        assertThat(next()).isEqualTo("plain loop");
    }

    @Test
    void underVirtualThreadsAPlainHandlerAndItsFiltersRunOnAVirtualThread() throws Exception {
        InMemory server = new InMemory(app().handlerPlacement(Handler.Placement.VIRTUAL_THREAD));
        server.get("/plain");
        assertThat(next()).isEqualTo("filter virtual");
        assertThat(next()).isEqualTo("plain virtual");
    }

    @Test
    void anInlineHandlerStaysOnTheLoopUnderVirtualThreads() throws Exception {
        InMemory server = new InMemory(app().handlerPlacement(Handler.Placement.VIRTUAL_THREAD));
        assertThat(server.get("/inline").body()).as("answered before the exchange returned").isEqualTo("inline");
        assertThat(next()).isEqualTo("filter loop");
        assertThat(next()).isEqualTo("inline loop");
    }

    @Test
    void blockingAndAsyncHandlersKeepTheirPlaceUnderEitherDefault() throws Exception {
        for (Handler.Placement placement : Handler.Placement.values()) {
            App app = app().handlerPlacement(placement);
            new InMemory(app).get("/blocking"); // its answer comes later: the next request gets a connection of its own
            assertThat(next()).as(placement.name()).isEqualTo("filter virtual");
            assertThat(next()).as(placement.name()).isEqualTo("blocking virtual");
            assertThat(new InMemory(app).get("/async").body()).as(placement.name()).isEqualTo("async");
            assertThat(next()).as(placement.name()).isEqualTo("filter loop");
            assertThat(next()).as(placement.name()).isEqualTo("async loop");
        }
    }

    @Test
    void inlineTakesAPlainHandlerOnly() {
        Handler plain = request -> Response.text("x");
        assertThatThrownBy(() -> Handler.inline(Handler.blocking(plain))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Blocking");
        assertThatThrownBy(() -> Handler.inline(Handler.async(r -> null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Handler.inline(Handler.inline(plain))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new App().handlerPlacement(null)).isInstanceOf(NullPointerException.class);
    }
}
