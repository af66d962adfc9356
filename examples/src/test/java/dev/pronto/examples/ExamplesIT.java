package dev.pronto.examples;

import dev.pronto.ServerConfig;
import dev.pronto.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher: options, the list of examples, and the line it prints once it listens. */
@Timeout(60)
class ExamplesIT {
    @Test
    void optionsBecomeTheConfiguration() {
        ServerConfig c = Options.parse(Set.of(), ExamplesIT::noEnvironment, "--host", "::1", "--port", "9000",
                "--event-loops", "3", "--idle-timeout", "1.5", "--header-timeout", "2s", "--grace", "250ms",
                "--max-body", "4KiB").config();
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.eventLoops()).isEqualTo(3);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.maxBodyBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> Options.parse("--nope", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Options.parse("--port")).hasMessageContaining("missing value");
    }

    @Test
    void todoReadsTheEnvironmentBelowItsFlagsAndRefusesTheLaunchersSettings() {
        Options o = Options.parse(Set.of("--db"), args -> Settings.read(args, Map.of("PRONTO_PORT", "9000",
                "PRONTO_MAX_BODY", "64KiB"), new Properties()), "--port", "9001", "--db", "x.db");
        assertThat(o.config().port()).isEqualTo(9001);
        assertThat(o.config().maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(o.extra("--db")).hasValue("x.db");
        assertThatThrownBy(() -> Options.parse(Set.of(), args -> Settings.read(args, Map.of("PRONTO_PROCESSES", "2"),
                new Properties()))).hasMessageStartingWith("PRONTO_PROCESSES is the launcher's");
        assertThatThrownBy(() -> Options.parse(Set.of(), ExamplesIT::noEnvironment, "--max-body", "ten"))
                .hasMessage("--max-body=\"ten\": expected a size such as 512, 64KiB, 10MiB");
    }

    @Test
    void everyExampleTakesItsPortFromTheEnvironment() throws Exception {
        for (String example : new String[] {"todo", "hello"}) {
            Process p = launch(Map.of("PRONTO_PORT", "0", "PRONTO_HOST", "127.0.0.1", "PRONTO_EVENT_LOOPS", "1"),
                    example);
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                Pattern accepting = Pattern.compile("Accepting connections on http://127\\.0\\.0\\.1:(\\d+) "
                        + "\\(1 process × 1 loop\\)");
                Matcher m = accepting.matcher("");
                for (String line = out.readLine(); line != null && !m.reset(line).matches(); line = out.readLine()) {
                    assertThat(line).as(example).startsWith("Database: "); // todo's temporary database
                }
                assertThat(m.matches()).as(example).isTrue();
                try (HttpClient client = HttpClient.newHttpClient()) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + m.group(1) + (example.equals("todo") ? "/todos" : "/"))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(example).isEqualTo(200);
                }
                assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(example).isZero();
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static Settings noEnvironment(List<String> args) {
        return Settings.read(args, Map.of(), new Properties());
    }

    @Test
    void acceptsAnExamplesOwnFlagsOnlyWhenItDeclaresThem() {
        Options todo = Options.parse(Set.of("--db"), "--port", "0", "--db", "/tmp/x.db");
        assertThat(todo.extra("--db")).hasValue("/tmp/x.db");
        assertThat(todo.config().port()).isZero();
        assertThatThrownBy(() -> Options.parse("--db", "/tmp/x.db")).hasMessageContaining("unknown option --db");
    }

    @Test
    void listsTheExamplesAndExits2WithoutAKnownName() throws Exception {
        for (String[] args : new String[][] {{}, {"nope"}}) {
            Process p = launch(args);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(err).contains("usage:");
            for (String name : new String[] {"hello", "async", "router", "request", "response", "exceptions",
                    "extend", "template", "todo", "dump", "echo"}) {
                assertThat(err).containsPattern("(?m)^  " + name + " ");
            }
        }
    }

    @Test
    void printsTheAddressItListensOnAndServes() throws Exception {
        Process p = launch("hello", "--host", "127.0.0.1", "--port", "0", "--event-loops", "1");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("Accepting connections on http://127\\.0\\.0\\.1:(\\d+) \\(1 process × 1 loop\\)")
                    .matcher(String.valueOf(line));
            assertThat(m.matches()).as(line).isTrue();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + m.group(1) + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo("Hello world!");
            }
            // SIGTERM starts a graceful shutdown that exits 0 (Process.destroy would also close our end of stdout).
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(out.readLine()).isEqualTo("Stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    /** Starts {@code Examples.main} in a JVM of its own, on this test's class path. */
    private static Process launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    /** Starts {@code Examples.main} with more environment variables. */
    private static Process launch(Map<String, String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = Examples.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder.start();
    }
}
