package dev.pronto.it;

import dev.pronto.AsyncHandler;
import dev.pronto.Response;
import dev.pronto.Server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A server for {@link ShutdownIT} to run in a child JVM and stop with a signal. It prints {@code port N} once
 * listening and {@code slow} when a request to {@code /slow} arrives; that request is answered when a line
 * {@code release} arrives on standard input. Every other request gets {@code ok} at once.
 */
public final class SignalledServer {
    private SignalledServer() {
    }

    /**
     * Runs the server until SIGTERM or SIGINT has shut it down, then returns (exit status 0).
     *
     * @param args unused
     */
    public static void main(String[] args) {
        CompletableFuture<Response> release = new CompletableFuture<>();
        AsyncHandler handler = request -> {
            if (request.path().equals("/slow")) {
                System.out.println("slow");
                System.out.flush();
                return release;
            }
            return CompletableFuture.completedFuture(Response.text("ok"));
        };
        // A long grace: the test releases the in-flight request only after checking the refused connections.
        Server server = Server.startAsync(Requests.localServer().shutdownGrace(Duration.ofSeconds(10)).build(),
                handler).closeOnSignals();
        Thread.ofPlatform().daemon().name("stdin-reader").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("release")) {
                        release.complete(Response.text("released"));
                    }
                }
            } catch (IOException e) {
                // the parent went away: nothing more to release
            }
        });
        System.out.println("port " + server.port());
        System.out.flush();
        server.awaitShutdown();
        System.out.println("stopped");
    }
}
