package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Request;
import dev.pronto.Response;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Three kinds of handler side by side. {@code /sync} runs inline on the event loop: the fastest, but it must never
 * wait. {@code /async} returns a {@code CompletionStage}: it waits three steps of {@code ?step=} seconds (default 1)
 * on a timer, so the loop serves other requests meanwhile. {@code /blocking} may block in straight-line code because
 * {@link Handler#blocking} runs it on a virtual thread of its own.
 */
final class AsyncExample {
    private AsyncExample() {
    }

    static App app() {
        App app = new App();
        app.get("/sync", request -> Response.text("I am synchronous!"));
        app.get("/async", Handler.async(request -> {
            Duration step = step(request);
            CompletionStage<Void> waited = CompletableFuture.completedFuture(null);
            for (int i = 1; i <= 3; i++) {
                int done = i;
                waited = waited.thenCompose(v -> sleep(step))
                        .thenRun(() -> System.out.println("step " + done + " of 3 done"));
            }
            return waited.thenApply(v -> Response.text("3 steps of " + step.toMillis() + " ms elapsed"));
        }));
        app.get("/blocking", Handler.blocking(request -> {
            Thread.sleep(step(request));      // fine here: only this virtual thread waits
            return Response.text("I blocked a virtual thread, not the loop");
        }));
        return app;
    }

    /** A stage that completes after a delay; no thread waits meanwhile. */
    static CompletionStage<Void> sleep(Duration delay) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    private static Duration step(Request request) {
        double seconds = Double.parseDouble(request.queryParams().first("step").orElse("1"));
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
