package dev.pronto.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port in use is never shared with an unrelated process: a second server or launcher on it fails to start with
 * {@code Cannot listen on HOST:PORT: address already in use} and exit status 1, and the first keeps every
 * connection. The launcher's own workers share their port ({@link SupervisionIT}, {@link RollingRestartIT}).
 */
@Timeout(90)
class PortSharingIT {
    private static final Pattern WORKER_ACCEPTING = Pattern.compile("\\[master] process (\\d+) accepting connections");

    /** Starts the launcher in a child JVM serving the test application on 127.0.0.1:port (0: any free port). */
    private static ChildJvm launcher(int port, String... options) throws java.io.IOException {
        List<String> args = new ArrayList<>(List.of("--app", TestApplication.class.getName(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        args.addAll(List.of(options));
        return ChildJvm.launch(args.toArray(new String[0]));
    }

    @Test
    void aSecondServerOnAPortInUseExitsWithAddressInUse() throws Exception {
        try (ChildJvm first = launcher(0, "--event-loops", "2")) {
            int port = first.awaitAccepting(Duration.ofSeconds(20));
            try (ChildJvm second = launcher(port, "--event-loops", "1")) {
                assertFailsWithAddressInUse(second, port);
            }
            assertOnlyAnswer(port, Set.of(Long.toString(first.pid())));
        }
    }

    @Test
    void anAppRunOnAPortInUseFailsAndAppRunPrintsTheAcceptingLine() throws Exception {
        try (ChildJvm first = ChildJvm.launchMain(RunningApp.class, "0", "2")) {
            int port = first.awaitAccepting(Duration.ofSeconds(20));
            assertThat(first.output()).containsPattern(Pattern.compile(
                    "^Accepting connections on http://127\\.0\\.0\\.1:" + port + " \\(1 process × 2 loops\\)$",
                    Pattern.MULTILINE));
            try (ChildJvm second = ChildJvm.launchMain(RunningApp.class, Integer.toString(port), "1")) {
                assertThat(second.awaitExit(Duration.ofSeconds(20))).as("output:\n%s", second.output()).isNotZero();
                assertThat(second.output()).contains(
                        "java.io.UncheckedIOException: Cannot listen on 127.0.0.1:" + port + ": address already in use");
            }
            assertOnlyAnswer(port, Set.of(Long.toString(first.pid())));
            first.terminate();
            assertThat(first.awaitExit(Duration.ofSeconds(15))).as("output:\n%s", first.output()).isZero();
        }
    }

    @Test
    void aSecondMasterOrServerOnThePortOfAMastersWorkersExitsWithAddressInUse() throws Exception {
        try (ChildJvm master = launcher(0, "--event-loops", "2", "--processes", "2")) {
            int port = master.awaitAccepting(Duration.ofSeconds(20));
            Set<String> workers = new HashSet<>();
            master.linesMatching(WORKER_ACCEPTING, 0).forEach(m -> workers.add(m.group(1)));
            assertThat(workers).hasSize(2);
            try (ChildJvm second = launcher(port, "--event-loops", "2", "--processes", "2")) {
                assertFailsWithAddressInUse(second, port);
            }
            try (ChildJvm server = launcher(port, "--event-loops", "2")) {
                assertFailsWithAddressInUse(server, port);
            }
            assertOnlyAnswer(port, workers);
        }
    }

    @Test
    void aMasterOnThePortOfAServerExitsWithAddressInUse() throws Exception {
        try (ChildJvm first = launcher(0, "--event-loops", "2")) {
            int port = first.awaitAccepting(Duration.ofSeconds(20));
            try (ChildJvm master = launcher(port, "--event-loops", "2", "--processes", "2")) {
                assertFailsWithAddressInUse(master, port);
            }
            assertOnlyAnswer(port, Set.of(Long.toString(first.pid())));
        }
    }

    @Test
    void aMasterStartingWhileAnotherMasterClaimsItsPortExitsWithAddressInUse() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        // What a master holds from before its first worker binds until it exits.
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "pronto-port-127.0.0.1-" + port + ".lock");
        try (FileChannel held = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = held.lock();
             ChildJvm master = launcher(port, "--event-loops", "1", "--processes", "2")) {
            assertFailsWithAddressInUse(master, port);
            assertThat(master.output()).doesNotContain("started");
        }
    }

    private static void assertFailsWithAddressInUse(ChildJvm child, int port) throws InterruptedException {
        assertThat(child.awaitExit(Duration.ofSeconds(30))).as("output:\n%s", child.output()).isEqualTo(1);
        assertThat(child.output()).as("output").contains(
                "Cannot listen on 127.0.0.1:" + port + ": address already in use");
    }

    /** New connections, one per request: a port shared with a stranger would hand some of them to it. */
    private static void assertOnlyAnswer(int port, Set<String> pids) {
        for (int i = 0; i < 10; i++) {
            assertThat(SupervisionIT.pidAnswer(port)).as("answer %d", i).hasValueSatisfying(pid ->
                    assertThat(pids).contains(pid));
        }
    }
}
