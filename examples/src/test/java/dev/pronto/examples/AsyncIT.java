package dev.pronto.examples;

import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class AsyncIT {
    /** One loop: if a handler held it, nothing else could be answered meanwhile. */
    private static final ServerConfig ONE_LOOP = ExampleServer.LOCAL.toBuilder().eventLoops(1).build();

    @Test
    void syncAnswersInline() {
        try (ExampleServer server = ExampleServer.start(AsyncExample.app())) {
            HttpResponse<String> r = server.get("/sync");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("I am synchronous!");
        }
    }

    @Test
    void asyncWaitsThreeStepsWhileTheLoopServesOthers() throws Exception {
        try (ExampleServer server = ExampleServer.start(AsyncExample.app(), ONE_LOOP)) {
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> slow = server.client().sendAsync(
                    server.request("/async?step=0.2").build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(100);
            assertThat(server.get("/sync").body()).isEqualTo("I am synchronous!");
            assertThat(slow).isNotDone();
            HttpResponse<String> r = slow.get();
            assertThat(r.body()).isEqualTo("3 steps of 200 ms elapsed");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void blockingWaitsOnAVirtualThreadWhileTheLoopServesOthers() throws Exception {
        try (ExampleServer server = ExampleServer.start(AsyncExample.app(), ONE_LOOP)) {
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> slow = server.client().sendAsync(
                    server.request("/blocking?step=0.5").build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(100);
            assertThat(server.get("/sync").body()).isEqualTo("I am synchronous!");
            assertThat(slow).isNotDone();
            assertThat(slow.get().body()).isEqualTo("I blocked a virtual thread, not the loop");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(500);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
