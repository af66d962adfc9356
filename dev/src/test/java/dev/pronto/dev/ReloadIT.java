package dev.pronto.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Launcher --reload} on a temporary application of two source files: an edit is served within 3 s, and a
 * compilation error is printed while the old code goes on serving.
 */
@Timeout(60)
class ReloadIT {
    private static final Pattern WARM = Pattern.compile("^\\[reload] 2 source files compiled");
    private static final Pattern STARTED = Pattern.compile("^\\[master] process \\d+ started");

    @TempDir
    Path dir;

    private Path src;
    private Path classes;

    @Test
    void servesAnEditedSourceWithinThreeSeconds() throws Exception {
        createApplication("v1");
        try (LauncherProcess launcher = launch()) {
            int port = launcher.awaitAccepting(Duration.ofSeconds(20));
            launcher.awaitLine(WARM, 0, Duration.ofSeconds(20)); // the compiler has run once: it is warm now
            assertThat(LauncherProcess.get(port)).hasValue("v1");
            int mark = launcher.mark();

            long savedAt = System.nanoTime();
            writeGreeting("v2");
            Optional<String> answer = awaitAnswer(port, "v2", savedAt + TimeUnit.SECONDS.toNanos(3));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - savedAt);

            assertThat(answer).as("the new answer within 3 s of the save; output:\n%s", launcher.output())
                    .hasValue("v2");
            System.out.println("ReloadIT: the edited source answered " + millis + " ms after the save");
            launcher.awaitLine(Pattern.compile("^\\[master] process \\d+ drained and exited with code 0"), mark,
                    Duration.ofSeconds(10));
            assertThat(launcher.linesFrom(mark)).anyMatch(l -> l.matches(
                    "\\[reload] reloadtest/Greeting\\.java changed: compiled 2 source files in \\d+ ms; .*"));
        }
    }

    @Test
    void keepsServingTheOldCodeWhenAnEditDoesNotCompile() throws Exception {
        createApplication("v1");
        try (LauncherProcess launcher = launch()) {
            int port = launcher.awaitAccepting(Duration.ofSeconds(20));
            launcher.awaitLine(WARM, 0, Duration.ofSeconds(20));
            int mark = launcher.mark();

            Files.writeString(src.resolve("reloadtest/Greeting.java"), """
                    package reloadtest;

                    final class Greeting {
                        static final String TEXT = "v2" // the semicolon is missing
                    }
                    """);

            launcher.awaitLine(Pattern.compile("^\\[reload] reloadtest/Greeting\\.java changed, and the sources do"
                    + " not compile; the previous code goes on serving:"), mark, Duration.ofSeconds(10));
            launcher.awaitLine(Pattern.compile("Greeting\\.java:4:\\d+: error: ';' expected$"), mark,
                    Duration.ofSeconds(1));
            launcher.awaitLine(Pattern.compile("^\\[reload] 1 error$"), mark, Duration.ofSeconds(1));
            assertThat(LauncherProcess.get(port)).hasValue("v1");
            assertThat(launcher.linesFrom(mark)).noneMatch(l -> STARTED.matcher(l).find());

            long fixedAt = System.nanoTime();
            writeGreeting("v3");
            assertThat(awaitAnswer(port, "v3", fixedAt + TimeUnit.SECONDS.toNanos(3)))
                    .as("the fixed source is served; output:\n%s", launcher.output()).hasValue("v3");
        }
    }

    @Test
    void restartsOnChangedClassesWithoutSources() throws Exception {
        createApplication("v1");
        try (LauncherProcess launcher = LauncherProcess.launch(List.of(classes), "--app", "reloadtest.Greeter",
                "--host", "127.0.0.1", "--port", "0", "--event-loops", "1", "--reload", "--classes", classes.toString())) {
            int port = launcher.awaitAccepting(Duration.ofSeconds(20));
            assertThat(LauncherProcess.get(port)).hasValue("v1");

            writeGreeting("v2");
            compile(); // as an IDE or a build tool would
            long compiledAt = System.nanoTime();

            assertThat(awaitAnswer(port, "v2", compiledAt + TimeUnit.SECONDS.toNanos(3)))
                    .as("output:\n%s", launcher.output()).hasValue("v2");
        }
    }

    private LauncherProcess launch() throws IOException {
        return LauncherProcess.launch(List.of(classes), "--app", "reloadtest.Greeter", "--host", "127.0.0.1",
                "--port", "0", "--event-loops", "1", "--reload", "--src", src.toString(), "--classes", classes.toString());
    }

    /** Polls {@code GET /} until it answers {@code expected} or the deadline passes; returns the last answer. */
    private static Optional<String> awaitAnswer(int port, String expected, long deadline) {
        Optional<String> answer = LauncherProcess.get(port);
        while (!answer.equals(Optional.of(expected)) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            answer = LauncherProcess.get(port);
        }
        return answer;
    }

    private void createApplication(String greeting) throws IOException {
        src = Files.createDirectories(dir.resolve("src"));
        classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(src.resolve("reloadtest"));
        Files.writeString(src.resolve("reloadtest/Greeter.java"), """
                package reloadtest;

                import dev.pronto.Application;
                import dev.pronto.Response;
                import dev.pronto.Server;
                import dev.pronto.ServerConfig;

                public final class Greeter implements Application {
                    public Server start(ServerConfig config) {
                        Response answer = Response.text(Greeting.TEXT);
                        return Server.start(config, request -> answer);
                    }
                }
                """);
        writeGreeting(greeting);
        compile();
    }

    private void writeGreeting(String text) throws IOException {
        Files.writeString(src.resolve("reloadtest/Greeting.java"), """
                package reloadtest;

                final class Greeting {
                    static final String TEXT = "%s";
                }
                """.formatted(text));
    }

    private void compile() throws IOException {
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", LauncherProcess.coreClasses().toString(),
                src.resolve("reloadtest/Greeter.java").toString(), src.resolve("reloadtest/Greeting.java").toString());
        assertThat(status).as("the test application compiles").isZero();
    }
}
