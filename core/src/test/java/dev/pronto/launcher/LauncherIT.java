package dev.pronto.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's command line: in-process serving, and the errors a user can make. */
@Timeout(60)
class LauncherIT {

    @Test
    void servesInItsOwnProcessWithOneProcessAndExitsZeroOnSigterm() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch("--app", TestApplication.class.getName(), "--host", "127.0.0.1",
                "--port", "0", "--event-loops", "2")) {
            int port = launcher.awaitAccepting(Duration.ofSeconds(20));
            assertThat(launcher.output()).containsPattern(
                    Pattern.compile("^Accepting connections on http://127\\.0\\.0\\.1:\\d+ \\(1 process × 2 loops\\)$",
                            Pattern.MULTILINE));
            assertThat(SupervisionIT.pidAnswer(port)).hasValue(Long.toString(launcher.pid()));

            launcher.terminate();

            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).as("output:\n%s", launcher.output()).isZero();
        }
    }

    @Test
    void printsTheFlagsAndExitsTwoOnABadValue() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch("--app", TestApplication.class.getName(), "--port", "http")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(launcher.output()).startsWith("error: --port=\"http\": expected a whole number such as 4\n"
                    + "usage: pronto --app CLASS [options]").contains("--processes N", "--reload", "--grace TIME");
        }
    }

    @Test
    void anUnknownTransportFailsNamingTheKnownOnes() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch("--app", TestApplication.class.getName(), "--host", "127.0.0.1",
                "--port", "0", "--transport", "carrier_pigeon")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isEqualTo(1);
            assertThat(launcher.output())
                    .startsWith("error: unknown transport carrier_pigeon; known transports: auto, nio\n");
        }
    }

    @Test
    void exitsTwoWithoutAnApplication() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch("--port", "0")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(launcher.output()).startsWith("error: missing --app CLASS");
        }
        try (ChildJvm launcher = ChildJvm.launch("--app", "java.lang.String")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(launcher.output()).startsWith("error: java.lang.String does not implement dev.pronto.Application");
        }
    }

    @Test
    void explainsThatReloadNeedsTheDevModule() throws Exception {
        // The core module's test class path has no pronto-dev.
        try (ChildJvm launcher = ChildJvm.launch("--app", TestApplication.class.getName(), "--port", "0",
                "--reload")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(launcher.output()).contains("--reload needs pronto-dev (dev.pronto:pronto-dev) on the class path");
        }
    }

    @Test
    void printsHelp() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch("--help")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isZero();
            assertThat(launcher.output()).startsWith("usage: pronto --app CLASS [options]").contains("--max-body SIZE", "PRONTO_");
        }
    }
}
