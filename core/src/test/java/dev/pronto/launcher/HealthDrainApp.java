package dev.pronto.launcher;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.ServerConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A program for {@link HealthDrainIT}: {@code App.run} with the health probes, a readiness delay and a long grace.
 * {@code GET /slow} prints {@code slow arrived} and answers once a line {@code release} arrives on standard input.
 */
public final class HealthDrainApp {
    private HealthDrainApp() {
    }

    /**
     * Serves on 127.0.0.1, a free port, until SIGTERM has drained it.
     *
     * @param args the readiness delay in milliseconds
     */
    public static void main(String[] args) {
        CountDownLatch release = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("stdin-reader").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("release")) {
                        release.countDown();
                    }
                }
            } catch (IOException e) {
                // the test went away: nothing more to release
            }
        });
        App app = new App().health();
        app.get("/slow", Handler.blocking(request -> {
            System.out.println("slow arrived");
            System.out.flush();
            release.await();
            return Response.text("slow done");
        }));
        // A grace far longer than the test needs: the test, not a clock, decides when the slow request ends.
        app.run(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .readinessDelay(Duration.ofMillis(Long.parseLong(args[0])))
                .shutdownGrace(Duration.ofSeconds(30)).handlerTimeout(Duration.ofSeconds(60)).build());
    }
}
