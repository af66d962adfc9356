package dev.pronto.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker JVM as its master sees it. The worker's output is forwarded line by line with a {@code [worker PID]}
 * prefix, except the readiness line it prints once it accepts connections. Its standard input stays open: when the
 * master dies, the worker reads end of input and drains.
 */
final class WorkerProcess {
    /** What a worker prints on standard output once its listeners are bound, followed by the port. */
    static final String READY = "pronto-worker-ready ";

    final int slot;
    final long pid;
    private final Process process;
    private final long startedNanos = System.nanoTime();

    private WorkerProcess(int slot, Process process) {
        this.slot = slot;
        this.process = process;
        this.pid = process.pid();
    }

    /**
     * Starts a worker.
     *
     * @param slot     which of the master's worker slots it fills
     * @param command  its command line
     * @param listener told when the worker accepts connections and when it has exited
     * @return the started worker
     * @throws IOException if the JVM cannot be started
     */
    static WorkerProcess start(int slot, List<String> command, Listener listener) throws IOException {
        Process process = new ProcessBuilder(command).start();
        WorkerProcess worker = new WorkerProcess(slot, process);
        String prefix = "[process " + worker.pid + "] ";
        CompletableFuture<Void> outputDone = new CompletableFuture<>();
        pump(process.getInputStream(), System.out, prefix, port -> listener.ready(worker, port), outputDone);
        pump(process.getErrorStream(), System.err, prefix, null, new CompletableFuture<>());
        // Report the exit after the last line, so that a readiness line is never seen after the exit; but a
        // grandchild holding the pipe open must not delay it for long.
        process.onExit().thenCompose(p -> outputDone.completeOnTimeout(null, 1, TimeUnit.SECONDS))
                .thenRun(() -> listener.exited(worker, process.exitValue()));
        return worker;
    }

    private static void pump(InputStream from, PrintStream to, String prefix, Consumer<Integer> onReady,
            CompletableFuture<Void> done) {
        Thread.ofPlatform().daemon().name("pronto-worker-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (onReady != null && line.startsWith(READY)) {
                        onReady.accept(Integer.parseInt(line.substring(READY.length()).strip()));
                    } else {
                        to.println(prefix + line);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                to.println(prefix + "(output ended: " + e + ")");
            } finally {
                done.complete(null);
            }
        });
    }

    /** What a master hears about a worker; called on the worker's own threads. */
    interface Listener {
        /**
         * @param worker the worker, now accepting connections
         * @param port   the port it listens on
         */
        void ready(WorkerProcess worker, int port);

        /**
         * @param worker the worker, which has exited
         * @param status its exit status
         */
        void exited(WorkerProcess worker, int status);
    }

    /** @return how long this worker has been running */
    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Asks the worker to drain: SIGTERM, which starts its graceful shutdown. */
    void drain() {
        // Through the handle: Process.destroy() would also close the pipes the output is forwarded from.
        process.toHandle().destroy();
    }

    /** Kills the worker: SIGKILL. */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return "process " + pid;
    }
}
