package dev.pronto.it;

import dev.pronto.AsyncHandler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Graceful shutdown: new connections are refused at once, idle ones close, in-flight requests finish within the
 * grace period and those still running after it get 503; on SIGTERM the process then exits 0.
 */
@Timeout(30)
class ShutdownIT {

    @Test
    void finishesInFlightRequestClosesIdleConnectionAndRefusesNewOnesOnClose() throws Exception {
        CompletableFuture<Response> slow = new CompletableFuture<>();
        CountDownLatch slowArrived = new CountDownLatch(1);
        AsyncHandler handler = request -> {
            if (request.path().equals("/slow")) {
                slowArrived.countDown();
                return slow;
            }
            return CompletableFuture.completedFuture(Response.text("ok"));
        };
        Server server = Server.startAsync(localServer().shutdownGrace(Duration.ofSeconds(5)).build(), handler);
        try (RawClient idle = RawClient.connect(server.port());
             RawClient busy = RawClient.connect(server.port())) {
            idle.send(get("/"));
            assertThat(idle.readResponse().status()).isEqualTo(200);
            busy.send(get("/slow"));
            assertThat(slowArrived.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close,
                    runnable -> Thread.ofPlatform().name("closer").start(runnable));

            // "At once": well before the 5 s grace that the busy connection may use.
            RawClient.Closure idleEnd = idle.timeout(Duration.ofSeconds(3)).readUntilClosed();
            assertThat(idleEnd.bytes()).isEmpty();
            assertThat(idleEnd.reset()).isFalse();
            // The idle connection closed after the listener: a new connection must now be refused.
            assertThatThrownBy(() -> RawClient.connect(server.port()).close()).isInstanceOf(ConnectException.class);
            assertThat(closing).as("close() waits for the in-flight request").isNotDone();

            slow.complete(Response.text("slow done")); // the in-flight request finishes within the grace
            RawResponse response = busy.readResponse();
            RawClient.Closure busyEnd = busy.readUntilClosed();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("slow done");
            // RFC 9112 §9.6: a server that is closing the connection says so in the last response.
            assertThat(response.header("Connection")).as("Connection field of %s", response).hasValue("close");
            assertThat(busyEnd.bytes()).isEmpty();
            closing.get(10, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    @Test
    void answersRequestStillRunningAfterTheGraceWith503() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        AsyncHandler handler = request -> {
            arrived.countDown();
            return new CompletableFuture<>(); // never completes
        };
        Server server = Server.startAsync(localServer().shutdownGrace(Duration.ofMillis(300)).build(), handler);
        try (RawClient client = RawClient.connect(server.port())) {
            client.send(get("/hang"));
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

            server.close(); // returns once the grace is over and what was left has been answered

            RawResponse response = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();
            assertThat(response.status()).isEqualTo(503);
            assertThat(end.bytes()).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void finishesInFlightRequestAndExitsWithStatus0OnSigterm() throws Exception {
        Process process = new ProcessBuilder(javaBinary(), "-cp", childClassPath(), SignalledServer.class.getName())
                .redirectErrorStream(true)
                .start();
        ChildOutput output = ChildOutput.of(process);
        try {
            int port = Integer.parseInt(output.awaitLineStartingWith("port ").substring("port ".length()));
            try (RawClient idle = RawClient.connect(port);
                 RawClient busy = RawClient.connect(port)) {
                idle.send(get("/"));
                assertThat(idle.readResponse().bodyText()).isEqualTo("ok");
                busy.send(get("/slow"));
                output.awaitLineStartingWith("slow");

                // SIGTERM on Linux. Through the handle: Process.destroy() would also close our pipes to the child.
                assertThat(process.toHandle().destroy()).isTrue();

                assertThat(idle.readUntilClosed().bytes()).as("idle connection closed on the signal").isEmpty();
                assertThatThrownBy(() -> RawClient.connect(port).close()).isInstanceOf(ConnectException.class);
                assertThat(process.isAlive()).as("the child still runs its in-flight request; output: %s", output)
                        .isTrue();
                OutputStream stdin = process.getOutputStream();
                stdin.write("release\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                RawResponse response = busy.readResponse();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).isEqualTo("released");
                assertThat(busy.readUntilClosed().bytes()).isEmpty();
            }
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("the child exits; its output: %s", output).isTrue();
            assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test's class path, plus where the test and main classes are (surefire may pass a manifest-only jar). */
    private static String childClassPath() throws URISyntaxException {
        return String.join(File.pathSeparator, System.getProperty("java.class.path"),
                Path.of(SignalledServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }

    /** The child's merged stdout and stderr, read line by line on a daemon thread. */
    private record ChildOutput(BlockingQueue<String> lines, List<String> seen) {
        static ChildOutput of(Process process) {
            ChildOutput output = new ChildOutput(new LinkedBlockingQueue<>(), new ArrayList<>());
            Thread.ofPlatform().daemon().name("child-output").start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.lines.add(line);
                    }
                } catch (IOException e) {
                    output.lines.add("(output ended: " + e + ")");
                }
            });
            return output;
        }

        String awaitLineStartingWith(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("the child never printed \"" + prefix + "…\"; output: " + this);
                }
                synchronized (seen) {
                    seen.add(line);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        @Override
        public String toString() {
            List<String> all;
            synchronized (seen) {
                all = new ArrayList<>(seen);
            }
            all.addAll(lines);
            return String.join("\n", all);
        }
    }
}
