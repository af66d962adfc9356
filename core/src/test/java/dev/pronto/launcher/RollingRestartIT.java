package dev.pronto.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP to the master replaces every worker, one at a time, each new one accepting on the shared port before the
 * old one drains, and a steady keep-alive load sees no failed request ({@link KeepAliveLoad} says exactly what
 * counts as failed).
 */
@Timeout(60)
class RollingRestartIT {
    private static final Pattern ACCEPTING = Pattern.compile("\\[master] process (\\d+) accepting connections");

    @Test
    void replacesEveryWorkerOnSighupWithoutAFailedRequest() throws Exception {
        try (ChildJvm master = ChildJvm.launch("--app", TestApplication.class.getName(), "--host", "127.0.0.1",
                "--port", "0", "--event-loops", "1", "--processes", "2", "--grace", "5")) {
            int port = master.awaitAccepting(Duration.ofSeconds(20));
            assertThat(master.output()).doesNotContain("was ignored when this process started");
            Set<String> old = Set.copyOf(master.linesMatching(ACCEPTING, 0).stream().map(m -> m.group(1)).toList());

            try (KeepAliveLoad load = new KeepAliveLoad(port, 4)) {
                awaitTrue(() -> load.ok() >= 500, Duration.ofSeconds(15), "the load got going");
                int mark = master.mark();

                master.signal("HUP");

                master.awaitLine(Pattern.compile("\\[master] SIGHUP: rolling restart done"), mark,
                        Duration.ofSeconds(30));
                List<String> replacements = master.linesMatching(Pattern.compile(
                        "\\[master] process (\\d+) accepting connections; draining process (\\d+)"), mark).stream()
                        .map(m -> m.group(1) + " replaced " + m.group(2)).toList();
                assertThat(replacements).hasSize(2);
                Set<String> fresh = Set.copyOf(master.linesMatching(ACCEPTING, mark).stream()
                        .map(m -> m.group(1)).toList());
                assertThat(fresh).hasSize(2).doesNotContainAnyElementsOf(old);
                // Keep the load on for a while after the restart: the old workers have exited by now.
                long before = load.ok();
                awaitTrue(() -> load.ok() - before >= 500, Duration.ofSeconds(15), "the new workers served");
                load.close();

                System.out.println("RollingRestartIT: " + load.ok() + " requests ok, " + load.failures().size()
                        + " failed, " + load.retried() + " retried after a keep-alive close crossing the request, "
                        + load.reconnects() + " connections closed between requests; by pid "
                        + load.answersByPid() + "; " + replacements);
                assertThat(load.failures()).as("failed requests; output:\n%s", master.output()).isEmpty();
                // Each connection stays on the worker the kernel picked for it, so not every worker need serve.
                Set<String> answered = load.answersByPid().keySet();
                assertThat(answered).containsAnyElementsOf(old).containsAnyElementsOf(fresh);
                assertThat(old).allMatch(pid -> ProcessHandle.of(Long.parseLong(pid)).isEmpty()
                        || !ProcessHandle.of(Long.parseLong(pid)).get().isAlive());
            }
            for (String pid : old) {
                master.awaitLine(Pattern.compile("\\[master] process " + pid + " drained and exited with code 0"),
                        0, Duration.ofSeconds(1));
            }
            assertThat(master.output()).doesNotContain("restarting in");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("%s within %s", what, within).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
