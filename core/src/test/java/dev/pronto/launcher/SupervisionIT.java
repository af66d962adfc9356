package dev.pronto.launcher;

import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.pronto.it.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master restarts a worker that dies, says why it died, and backs off instead of restarting in a tight loop.
 */
@Timeout(60)
class SupervisionIT {
    private static final Pattern ACCEPTING = Pattern.compile("\\[master] process (\\d+) accepting connections");

    @Test
    void replacesKilledWorkersAndAnswersAgainWithinFiveSeconds() throws Exception {
        // A class path longer than a page: the JVM's own view of its command line is then empty, the master's must not.
        List<String> padding = IntStream.range(0, 300).mapToObj(i -> "/nonexistent/padding/entry" + i).toList();
        try (ChildJvm master = ChildJvm.launch(Map.of(), padding, "--app", TestApplication.class.getName(),
                "--host", "127.0.0.1", "--port", "0", "--event-loops", "1", "--processes", "2")) {
            int port = master.awaitAccepting(Duration.ofSeconds(20));
            Set<Long> old = Set.copyOf(pids(master.linesMatching(ACCEPTING, 0)));
            assertThat(old).hasSize(2);
            assertThat(old).contains(Long.parseLong(pidAnswer(port).orElseThrow()));
            // The workers run with the master's JVM options.
            for (long pid : old) {
                assertThat(commandLine(pid)).containsSubsequence(ChildJvm.JVM_OPTIONS).contains("--worker");
            }
            int mark = master.mark();

            long killedAt = System.nanoTime();
            for (long pid : old) {
                assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue(); // kill -9
            }
            // Poll with fresh connections until a new worker answers; the acceptance bound is 5 s.
            long deadline = killedAt + TimeUnit.SECONDS.toNanos(5);
            String answer = null;
            while (answer == null && System.nanoTime() - deadline < 0) {
                answer = pidAnswer(port).filter(pid -> !old.contains(Long.parseLong(pid))).orElse(null);
                if (answer == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // pace the polling on a small machine
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            assertThat(answer).as("a new worker answered within 5 s of kill -9; output:\n%s", master.output())
                    .isNotNull();
            System.out.println("SupervisionIT: a new worker answered " + millis + " ms after kill -9");

            for (long pid : old) {
                master.awaitLine(Pattern.compile("\\[master] process " + pid
                        + " killed by signal 9 \\(SIGKILL\\), exit code 137; restarting in 100 ms"), mark,
                        Duration.ofSeconds(5));
            }
            // Both slots are filled again, by new workers.
            assertThat(pids(master.awaitLines(ACCEPTING, mark, 2, Duration.ofSeconds(10))))
                    .doesNotContainAnyElementsOf(old);
        }
    }

    @Test
    void backsOffWhileAWorkerKeepsFailingAtStartAndRecovers(@TempDir Path dir) throws Exception {
        Path crash = dir.resolve("crash");
        try (ChildJvm master = ChildJvm.launch(Map.of(TestApplication.CRASH_FILE, crash.toString()),
                "--app", TestApplication.class.getName(), "--host", "127.0.0.1", "--port", "0", "--event-loops", "1",
                "--processes", "2")) {
            int port = master.awaitAccepting(Duration.ofSeconds(20));
            long victim = pids(master.linesMatching(ACCEPTING, 0)).getFirst();
            int mark = master.mark();

            Files.createFile(crash); // from now on a starting worker fails
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();

            // Every replacement fails at start-up; each wait is twice the one before.
            Pattern restart = Pattern.compile("; restarting in (\\d+) ms");
            master.awaitLine(Pattern.compile("\\[master] process \\d+ exited with code 1; restarting in 800 ms"),
                    mark, Duration.ofSeconds(20));
            List<Long> delays = new ArrayList<>();
            for (Matcher m : master.linesMatching(restart, mark)) {
                delays.add(Long.parseLong(m.group(1)));
            }
            assertThat(delays).as("output:\n%s", master.output()).startsWith(100L, 200L, 400L, 800L);
            // The other worker served all along.
            assertThat(pidAnswer(port)).isPresent();

            int fixed = master.mark();
            Files.delete(crash);
            long pid = Long.parseLong(master.awaitLine(ACCEPTING, fixed, Duration.ofSeconds(20)).group(1));
            assertThat(pid).isNotEqualTo(victim);
        }
    }

    @Test
    void stopsWithStatusOneWhenTheFirstWorkersCannotStart(@TempDir Path dir) throws Exception {
        Path crash = Files.createFile(dir.resolve("crash"));
        try (ChildJvm master = ChildJvm.launch(Map.of(TestApplication.CRASH_FILE, crash.toString()),
                "--app", TestApplication.class.getName(), "--host", "127.0.0.1", "--port", "0", "--event-loops", "1",
                "--processes", "2")) {
            assertThat(master.awaitExit(Duration.ofSeconds(20))).as("output:\n%s", master.output()).isEqualTo(1);
            assertThat(master.output()).contains("failing on purpose")
                    .containsPattern("\\[master] process \\d+ exited with code 1 before accepting connections")
                    .doesNotContain("Accepting connections");
        }
    }

    @Test
    void workersDrainWhenTheMasterIsKilled() throws Exception {
        try (ChildJvm master = ChildJvm.launch("--app", TestApplication.class.getName(), "--host", "127.0.0.1",
                "--port", "0", "--event-loops", "1", "--processes", "2")) {
            master.awaitAccepting(Duration.ofSeconds(20));
            List<ProcessHandle> workers = pids(master.linesMatching(ACCEPTING, 0)).stream()
                    .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();

            master.process().toHandle().destroyForcibly(); // kill -9: no chance to tell the workers

            for (ProcessHandle worker : workers) {
                // Not our child: onExit polls. The drain itself takes well under the 5 s grace here.
                worker.onExit().get(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void saysSoWhenStartedWithSighupIgnored() throws Exception {
        try (ChildJvm master = ChildJvm.launchUnderNohup("--app", TestApplication.class.getName(), "--host",
                "127.0.0.1", "--port", "0", "--event-loops", "1", "--processes", "2")) {
            master.awaitAccepting(Duration.ofSeconds(20));
            assertThat(master.output())
                    .contains("[master] SIGHUP was ignored when this process started (nohup?)")
                    .doesNotContain("SIGTERM was ignored");
        }
    }

    /** @return a process's arguments, from /proc (ProcessHandle.Info gives none for command lines over a page) */
    private static List<String> commandLine(long pid) throws IOException {
        return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
    }

    private static List<Long> pids(List<Matcher> lines) {
        return lines.stream().map(m -> Long.parseLong(m.group(1))).toList();
    }

    /** @return the pid a worker answers on a fresh connection, or empty if none answers (refused, reset) */
    static Optional<String> pidAnswer(int port) {
        try (RawClient client = RawClient.connect(port).timeout(Duration.ofSeconds(2))) {
            RawResponse response = client.send(get("/pid", "Connection: close")).readResponse();
            return response.status() == 200 ? Optional.of(response.bodyText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
