package dev.pronto.examples;

import dev.pronto.ServerConfig;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class AsyncIT {
    /** One loop: if a handler held it, nothing else could be answered meanwhile. */
    private static final ServerConfig ONE_LOOP = ProntoTest.config().toBuilder().eventLoops(1).build();

    @Test
    void syncAnswersInline() throws Exception {
        ProntoTest.test(AsyncExample.app(), client -> {
            TestResponse r = client.get("/sync").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("I am synchronous!");
        });
    }

    @Test
    void asyncWaitsThreeStepsWhileTheLoopServesOthers() throws Exception {
        ProntoTest.test(AsyncExample.app(), ONE_LOOP, client -> {
            long start = System.nanoTime();
            CompletableFuture<TestResponse> slow = client.get("/async?step=0.2").sendAsync();
            Thread.sleep(100);
            assertThat(client.get("/sync").send().text()).isEqualTo("I am synchronous!");
            assertThat(slow).isNotDone();
            assertThat(slow.get().text()).isEqualTo("3 steps of 200 ms elapsed");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(600);
        });
    }

    @Test
    void blockingWaitsOnAVirtualThreadWhileTheLoopServesOthers() throws Exception {
        ProntoTest.test(AsyncExample.app(), ONE_LOOP, client -> {
            long start = System.nanoTime();
            CompletableFuture<TestResponse> slow = client.get("/blocking?step=0.5").sendAsync();
            Thread.sleep(100);
            assertThat(client.get("/sync").send().text()).isEqualTo("I am synchronous!");
            assertThat(slow).isNotDone();
            assertThat(slow.get().text()).isEqualTo("I blocked a virtual thread, not the loop");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(500);
        });
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
