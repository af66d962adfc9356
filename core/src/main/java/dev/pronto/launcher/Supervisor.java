package dev.pronto.launcher;

import dev.pronto.Server;
import dev.pronto.ServerConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The master: it does not serve, it keeps N worker JVMs serving one port. Every decision is taken on the thread that
 * runs {@link #run()}, one event at a time (a worker ready or exited, a signal, a reload), so no state is shared.
 * <ul>
 *   <li>A worker that exits unexpectedly is restarted after a {@link Backoff} delay, with a line naming the cause.</li>
 *   <li>SIGTERM or SIGINT: every worker drains (SIGTERM, the engine's graceful shutdown); exit 0 once all have.</li>
 *   <li>SIGHUP or a reload: a rolling restart, one slot at a time: the new worker accepts on the shared port
 *       ({@code SO_REUSEPORT}, among this master's workers only: {@link PortClaim}) before the old one is told to
 *       drain, and the old one has exited before the next slot is replaced. A new worker that fails to start leaves
 *       the old one serving.</li>
 * </ul>
 */
final class Supervisor {
    /** Drains get this much time on top of the readiness delay and the shutdown grace before the worker is killed. */
    static final Duration DRAIN_MARGIN = Duration.ofSeconds(5);
    /** A replacement worker that does not accept connections this long after its start is killed. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private sealed interface Event permits Ready, Exited, Signalled, Reload {
    }

    private record Ready(WorkerProcess worker, int port) implements Event {
    }

    private record Exited(WorkerProcess worker, int status) implements Event {
    }

    private record Signalled(String name) implements Event {
    }

    private record Reload(List<Path> classPathPrefix) implements Event {
    }

    private enum Phase { STARTING, RUNNING, STOPPING }

    /** One of the N places a worker serves from. */
    private static final class Slot {
        final int index;
        final Backoff backoff = new Backoff();
        WorkerProcess current; // serving, or starting in its place
        boolean currentReady;
        WorkerProcess incoming; // its replacement during a rolling restart
        long incomingDeadline;
        long restartAt; // when the slot is empty and waits for its backoff
        boolean restartPending;

        Slot(int index) {
            this.index = index;
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final WorkerProcess.Listener listener = new WorkerProcess.Listener() {
        @Override
        public void ready(WorkerProcess worker, int port) {
            events.add(new Ready(worker, port));
        }

        @Override
        public void exited(WorkerProcess worker, int status) {
            events.add(new Exited(worker, status));
        }
    };
    private final WorkerCommand command;
    private final String app;
    private final Slot[] slots;
    private final Map<WorkerProcess, Long> retiring = new LinkedHashMap<>(); // draining, with a kill deadline
    private final Deque<Integer> rolling = new ArrayDeque<>();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private ServerConfig config;
    private List<Path> classPathPrefix = List.of();
    private Phase phase = Phase.STARTING;
    private String rollingReason; // non-null while a rolling restart is under way
    private String rollingAfterStart; // asked for before all workers were up
    private WorkerProcess awaitingExit; // the old worker of the slot just replaced
    private long stopDeadline;
    private boolean failed;
    private PortClaim portClaim;

    Supervisor(ServerConfig config, String app, int processes, WorkerCommand command) {
        this.config = config;
        this.app = app;
        this.command = command;
        this.slots = new Slot[processes];
        for (int i = 0; i < processes; i++) {
            slots[i] = new Slot(i);
        }
    }

    /**
     * Asks for a rolling restart onto new code; callable from any thread.
     *
     * @param classPathPrefix folders to put before the class path of the new workers
     */
    void reload(List<Path> classPathPrefix) {
        events.add(new Reload(List.copyOf(classPathPrefix)));
    }

    /**
     * Starts the workers and supervises them until SIGTERM or SIGINT has drained them all.
     *
     * @return the exit status: 0 when every worker drained, 1 when the first workers could not start or one had to
     *         be killed
     * @throws java.io.UncheckedIOException if the port is in use: {@code Cannot listen on HOST:PORT: address already
     *                                      in use}
     */
    int run() {
        try (PortClaim claim = PortClaim.take(config.host(), config.port(), config.transport())) {
            portClaim = claim;
            return supervise();
        }
    }

    private int supervise() {
        installSignals();
        // With port 0 the first worker picks the port, and the others join it.
        int first = config.port() == 0 ? 1 : slots.length;
        for (int i = 0; i < first; i++) {
            slots[i].current = spawn(slots[i], "");
        }
        while (phase != Phase.STOPPING || workersLeft()) {
            long wait = Math.max(0, nextDeadline() - System.nanoTime());
            Event event;
            try {
                event = events.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                event = new Signalled("INT");
            }
            if (event != null) {
                handle(event);
            }
            onTimers(System.nanoTime());
        }
        out.println("Stopped");
        return failed ? 1 : 0;
    }

    private void handle(Event event) {
        switch (event) {
            case Ready r -> onReady(r.worker(), r.port());
            case Exited x -> onExited(x.worker(), x.status());
            case Signalled s when s.name().equals("HUP") -> startRolling("SIGHUP: rolling restart");
            case Signalled s -> stop("SIG" + s.name());
            case Reload r -> {
                classPathPrefix = r.classPathPrefix();
                startRolling("reload: rolling restart");
            }
        }
    }

    private void onReady(WorkerProcess worker, int port) {
        Slot slot = slots[worker.slot];
        if (phase == Phase.STOPPING) {
            return; // it was told to drain already
        }
        if (config.port() == 0) {
            config = config.toBuilder().port(port).build();
            for (int i = 1; i < slots.length; i++) {
                slots[i].current = spawn(slots[i], "");
            }
        }
        if (worker == slot.current) {
            slot.currentReady = true;
            log(out, worker + " accepting connections");
        } else if (worker == slot.incoming) {
            WorkerProcess old = slot.current;
            slot.current = worker;
            slot.currentReady = true;
            slot.incoming = null;
            slot.restartPending = false;
            if (old == null) {
                log(out, worker + " accepting connections");
                stepRolling();
            } else {
                log(out, worker + " accepting connections; draining " + old);
                retire(old);
                awaitingExit = old;
            }
        }
        if (phase == Phase.STARTING && allReady()) {
            phase = Phase.RUNNING;
            out.println(Server.acceptingLine(config.host(), config.port(), slots.length, config.eventLoops()));
            out.flush();
            if (rollingAfterStart != null) {
                startRolling(rollingAfterStart);
            }
        }
    }

    private void onExited(WorkerProcess worker, int status) {
        Slot slot = slots[worker.slot];
        String cause = ExitCause.describe(status);
        if (retiring.remove(worker) != null) {
            log(status == 0 ? out : err, worker + " drained and " + cause);
            if (worker == awaitingExit) {
                awaitingExit = null;
                stepRolling();
            }
        } else if (worker == slot.incoming) {
            slot.incoming = null;
            if (phase != Phase.STOPPING) {
                log(err, "new " + worker + " " + cause + " before accepting connections; "
                        + (slot.current != null ? slot.current + " goes on serving" : "the slot stays empty"));
                abortRolling();
                if (slot.current == null) {
                    scheduleRestart(slot, worker.uptime(), "slot " + slot.index + " has no process");
                }
            }
        } else if (worker == slot.current) {
            slot.current = null;
            slot.currentReady = false;
            if (phase == Phase.STOPPING) {
                log(status == 0 ? out : err, worker + " stopped: " + cause);
            } else if (phase == Phase.STARTING) {
                log(err, worker + " " + cause + " before accepting connections (see its output above); stopping");
                failed = true;
                stop("startup failure");
            } else if (slot.incoming == null) {
                scheduleRestart(slot, worker.uptime(), worker + " " + cause);
            } else {
                log(err, worker + " " + cause + "; its replacement " + slot.incoming + " is starting");
            }
        }
    }

    /** Logs why a slot is empty and when it gets a new worker. */
    private void scheduleRestart(Slot slot, Duration uptime, String why) {
        Duration delay = slot.backoff.delayAfter(uptime);
        slot.restartAt = System.nanoTime() + delay.toNanos();
        slot.restartPending = true;
        log(err, why + "; restarting in " + delay.toMillis() + " ms");
    }

    private void startRolling(String reason) {
        if (phase == Phase.STOPPING) {
            return;
        }
        if (phase == Phase.STARTING) {
            rollingAfterStart = reason;
            return;
        }
        boolean underWay = rollingReason != null;
        rollingReason = reason;
        log(out, reason + " of " + plural(slots.length, "process", "processes"));
        for (Slot slot : slots) {
            if (!rolling.contains(slot.index)) {
                rolling.add(slot.index);
            }
        }
        if (!underWay) {
            stepRolling();
        }
    }

    /** Replaces the next slot of the rolling restart, or reports it done. */
    private void stepRolling() {
        while (!rolling.isEmpty()) {
            Slot slot = slots[rolling.poll()];
            if (slot.current == null || slot.incoming != null) {
                continue; // empty: its restart will use the new class path anyway
            }
            WorkerProcess incoming = spawn(slot, " to replace " + slot.current);
            if (incoming == null) {
                abortRolling();
                return;
            }
            slot.incoming = incoming;
            slot.incomingDeadline = System.nanoTime() + START_TIMEOUT.toNanos();
            return;
        }
        if (rollingReason != null) {
            log(out, rollingReason + " done");
            rollingReason = null;
        }
    }

    private void abortRolling() {
        if (rollingReason != null) {
            log(err, rollingReason + " abandoned");
        }
        rolling.clear();
        rollingReason = null;
    }

    private void stop(String reason) {
        if (phase == Phase.STOPPING) {
            log(out, reason + ": already stopping");
            return;
        }
        phase = Phase.STOPPING;
        rolling.clear();
        rollingReason = null;
        stopDeadline = System.nanoTime() + drainTime(config).toNanos();
        log(out, reason + ": draining " + plural(liveWorkers(), "process", "processes"));
        for (Slot slot : slots) {
            slot.restartPending = false;
            for (WorkerProcess w : new WorkerProcess[] {slot.current, slot.incoming}) {
                if (w != null) {
                    w.drain();
                }
            }
        }
    }

    /**
     * @return how long a worker told to drain may take before it is killed: it serves on through the readiness
     *         delay (readiness 503), then its in-flight requests get the grace, then the margin
     */
    static Duration drainTime(ServerConfig config) {
        return config.readinessDelay().plus(config.shutdownGrace()).plus(DRAIN_MARGIN);
    }

    private void retire(WorkerProcess worker) {
        retiring.put(worker, System.nanoTime() + drainTime(config).toNanos());
        worker.drain();
    }

    private void onTimers(long now) {
        for (Slot slot : slots) {
            if (slot.restartPending && phase == Phase.RUNNING && now - slot.restartAt >= 0) {
                slot.restartPending = false;
                slot.current = spawn(slot, " (restart)");
                if (slot.current == null) {
                    scheduleRestart(slot, Duration.ZERO, "slot " + slot.index + " has no process");
                }
            }
            if (slot.incoming != null && phase != Phase.STOPPING && now - slot.incomingDeadline >= 0) {
                log(err, slot.incoming + " did not accept connections within " + START_TIMEOUT.toSeconds()
                        + " s; killing it");
                slot.incoming.kill();
                slot.incomingDeadline = Long.MAX_VALUE / 2 + now; // once
            }
        }
        for (Map.Entry<WorkerProcess, Long> e : retiring.entrySet()) {
            if (now - e.getValue() >= 0) {
                log(err, e.getKey() + " still draining after the readiness delay, the grace period and "
                        + DRAIN_MARGIN.toSeconds() + " s more; killing it");
                e.getKey().kill();
                e.setValue(Long.MAX_VALUE / 2 + now); // once
            }
        }
        if (phase == Phase.STOPPING && now - stopDeadline >= 0 && workersLeft()) {
            log(err, "processes still draining after the readiness delay, the grace period and "
                    + DRAIN_MARGIN.toSeconds() + " s more; killing them");
            failed = true;
            for (Slot slot : slots) {
                for (WorkerProcess w : new WorkerProcess[] {slot.current, slot.incoming}) {
                    if (w != null) {
                        w.kill();
                    }
                }
            }
            retiring.keySet().forEach(WorkerProcess::kill);
            stopDeadline = Long.MAX_VALUE / 2 + now; // once
        }
    }

    private long nextDeadline() {
        long now = System.nanoTime();
        long next = now + TimeUnit.SECONDS.toNanos(1);
        for (Slot slot : slots) {
            if (slot.restartPending) {
                next = earlier(next, slot.restartAt);
            }
            if (slot.incoming != null) {
                next = earlier(next, slot.incomingDeadline);
            }
        }
        for (long deadline : retiring.values()) {
            next = earlier(next, deadline);
        }
        if (phase == Phase.STOPPING) {
            next = earlier(next, stopDeadline);
        }
        return next;
    }

    private static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }

    /** @return the started worker, or null (logged) if its JVM could not be started */
    private WorkerProcess spawn(Slot slot, String purpose) {
        if (phase == Phase.STOPPING) {
            return null;
        }
        List<String> cmd = command.command(classPathPrefix, List.of(portClaim.workerOption()),
                LaunchOptions.workerArgs(config, app));
        try {
            WorkerProcess worker = WorkerProcess.start(slot.index, cmd, listener);
            log(out, worker + " started" + purpose);
            return worker;
        } catch (IOException e) {
            log(err, "cannot start a process (" + String.join(" ", cmd) + "): " + e.getMessage());
            if (phase == Phase.STARTING) {
                failed = true;
                stop("startup failure");
            }
            return null;
        }
    }

    private boolean allReady() {
        for (Slot slot : slots) {
            if (!slot.currentReady) {
                return false;
            }
        }
        return true;
    }

    private int liveWorkers() {
        int n = retiring.size();
        for (Slot slot : slots) {
            n += (slot.current != null ? 1 : 0) + (slot.incoming != null ? 1 : 0);
        }
        return n;
    }

    private boolean workersLeft() {
        return liveWorkers() > 0;
    }

    @SuppressWarnings("restriction")
    private void installSignals() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.SignalHandler before =
                        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> events.add(new Signalled(name)));
                if (before == sun.misc.SignalHandler.SIG_IGN) {
                    warnIgnored(name);
                }
            } catch (IllegalArgumentException e) {
                log(err, "SIG" + name + " cannot be handled here: " + e.getMessage());
            }
        }
    }

    /**
     * A signal ignored when the process started stays ignored: the JVM will not take it back, so the handler above
     * never runs. {@code nohup} does that to SIGHUP; a shell's background job has SIGINT ignored by design, so that
     * one is not worth a warning.
     */
    private void warnIgnored(String name) {
        switch (name) {
            case "HUP" -> log(err, "SIGHUP was ignored when this process started (nohup?), and the JVM cannot take "
                    + "it back: SIGHUP will not restart the processes. Start the master without nohup (setsid, a "
                    + "service manager) to have rolling restarts");
            case "TERM" -> log(err, "SIGTERM was ignored when this process started, and the JVM cannot take it "
                    + "back: stop the master with SIGINT");
            default -> { }
        }
    }

    private static void log(PrintStream to, String message) {
        to.println("[master] " + message);
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
