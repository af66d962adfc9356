package dev.pronto.launcher;

import dev.pronto.it.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.pronto.it.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The launcher configured by real environment variables in a child JVM, its worker processes included. */
@Timeout(60)
class EnvironmentIT {

    @Test
    void workersServeWithTheSettingsOfTheMastersEnvironment() throws Exception {
        Map<String, String> env = Map.of("PRONTO_HOST", "127.0.0.1", "PRONTO_PORT", "0", "PRONTO_PROCESSES", "2",
                "PRONTO_EVENT_LOOPS", "1", "PRONTO_MAX_BODY", "1KiB", "PRONTO_MAX_BDOY", "2KiB");
        try (ChildJvm master = ChildJvm.launch(env, "--app", TestApplication.class.getName())) {
            int port = master.awaitAccepting(Duration.ofSeconds(30));

            assertThat(master.output()).containsPattern(Pattern.compile(
                    "^Accepting connections on http://127\\.0\\.0\\.1:\\d+ \\(2 processes × 1 loop\\)$",
                    Pattern.MULTILINE)).contains("warning: PRONTO_MAX_BDOY is not a Pronto setting and is ignored;"
                    + " did you mean PRONTO_MAX_BODY?");
            // Only workers serve: each answer comes from a process started with the master's max-body, 1 KiB.
            for (int i = 0; i < 4; i++) {
                try (RawClient client = RawClient.connect(port)) {
                    assertThat(client.send(post("/pid", new byte[1025])).readResponse().status()).isEqualTo(413);
                }
                try (RawClient client = RawClient.connect(port)) {
                    assertThat(client.send(post("/pid", new byte[1024])).readResponse().status()).isNotEqualTo(413);
                }
            }
            master.terminate();
            assertThat(master.awaitExit(Duration.ofSeconds(20))).as("output:\n%s", master.output()).isZero();
        }
    }

    @Test
    void aBadValueInTheEnvironmentExitsTwoNamingTheVariable() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch(Map.of("PRONTO_MAX_BODY", "ten"), "--app",
                TestApplication.class.getName(), "--port", "0")) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isEqualTo(2);
            assertThat(launcher.output())
                    .startsWith("error: PRONTO_MAX_BODY=\"ten\": expected a size such as 512, 64KiB, 10MiB\n");
        }
    }

    @Test
    void aFlagWinsOverThePropertyAndTheEnvironment() throws Exception {
        try (ChildJvm launcher = ChildJvm.launch(Map.of("PRONTO_EVENT_LOOPS", "3", "PRONTO_HOST", "127.0.0.1",
                "PRONTO_PORT", "0"), "--app", TestApplication.class.getName(), "--event-loops", "1")) {
            launcher.awaitAccepting(Duration.ofSeconds(20));
            assertThat(launcher.output()).containsPattern(Pattern.compile(
                    "^Accepting connections on http://127\\.0\\.0\\.1:\\d+ \\(1 process × 1 loop\\)$",
                    Pattern.MULTILINE));
            launcher.terminate();
            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).isZero();
        }
    }
}
