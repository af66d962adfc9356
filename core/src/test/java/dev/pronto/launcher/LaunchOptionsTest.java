package dev.pronto.launcher;

import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {
    /** Parses with no environment and no properties: the tests must not depend on the machine's. */
    private static LaunchOptions parse(List<String> args) {
        return LaunchOptions.parse(args, Map.of(), new Properties());
    }

    @Test
    void parsesEveryEngineFlagInSecondsAndBytes() {
        LaunchOptions o = parse(List.of("--app", "a.B", "--host", "127.0.0.1", "--port", "9000",
                "--event-loops", "3", "--processes", "4", "--grace", "2.5", "--idle-timeout", "7", "--header-timeout=0.25",
                "--handler-timeout", "11", "--write-timeout", "12", "--max-body", "2048", "--max-chunk", "1024",
                "--max-request-line", "512", "--max-header-bytes", "4096", "--max-headers", "20",
                "--max-pipelined", "8", "--max-queued-write", "65536"));

        ServerConfig c = o.config();
        assertThat(o.app()).hasValue("a.B");
        assertThat(o.processes()).isEqualTo(4);
        assertThat(o.reload()).isFalse();
        assertThat(o.worker()).isFalse();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.eventLoops()).isEqualTo(3);
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.handlerTimeout()).isEqualTo(Duration.ofSeconds(11));
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.maxBodyBytes()).isEqualTo(2048);
        assertThat(c.maxChunkBytes()).isEqualTo(1024);
        assertThat(c.maxRequestLineBytes()).isEqualTo(512);
        assertThat(c.maxHeaderBytes()).isEqualTo(4096);
        assertThat(c.maxHeaderCount()).isEqualTo(20);
        assertThat(c.maxPipelinedRequests()).isEqualTo(8);
        assertThat(c.maxQueuedWriteBytes()).isEqualTo(65536);
    }

    @Test
    void defaultsToOneProcessAndTheEngineDefaults() {
        LaunchOptions o = parse(List.of());

        assertThat(o.processes()).isEqualTo(1);
        assertThat(o.app()).isEmpty();
        assertThat(o.config()).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void workerArgumentsRebuildTheSameConfiguration() {
        ServerConfig config = ServerConfig.builder().host("::1").port(8081).eventLoops(2)
                .shutdownGrace(Duration.ofMillis(1250)).idleTimeout(Duration.ofSeconds(3)).maxBodyBytes(77)
                .maxQueuedWriteBytes(4096).transport("nio").build();

        LaunchOptions worker = parse(LaunchOptions.workerArgs(config, "x.App"));

        assertThat(worker.config()).isEqualTo(config);
        assertThat(worker.app()).hasValue("x.App");
        assertThat(worker.worker()).isTrue();
    }

    @Test
    void choosesTheTransportById() {
        assertThat(parse(List.of("--transport", "nio")).config().transport()).isEqualTo("nio");
        assertThat(parse(List.of("--transport=io_uring")).config().transport()).isEqualTo("io_uring");
        assertThat(parse(List.of()).config().transport()).isEqualTo("auto");
    }

    @Test
    void knowsEventLoopsAndProcessesButNoLongerWorkers() {
        LaunchOptions o = parse(List.of("--event-loops", "2", "--processes", "3"));

        assertThat(o.config().eventLoops()).isEqualTo(2);
        assertThat(o.processes()).isEqualTo(3);
        assertThatThrownBy(() -> parse(List.of("--workers", "2")))
                .hasMessage("unknown option --workers");
        assertThat(LaunchOptions.FLAGS).contains("--event-loops N", "--processes N", "--transport ID")
                .doesNotContain("--workers");
    }

    @Test
    void takesReloadFoldersOnlyWithReload() {
        LaunchOptions o = parse(List.of("--reload", "--src", "src", "--src", "more",
                "--classes", "out"));

        assertThat(o.reload()).isTrue();
        assertThat(o.sources()).containsExactly(Path.of("src"), Path.of("more"));
        assertThat(o.classes()).containsExactly(Path.of("out"));
        assertThatThrownBy(() -> parse(List.of("--src", "src")))
                .hasMessage("--src and --classes need --reload");
    }

    @Test
    void rejectsReloadWithSeveralProcesses() {
        assertThatThrownBy(() -> parse(List.of("--reload", "--processes", "2")))
                .hasMessageContaining("--reload runs exactly one process");
    }

    @Test
    void namesTheFaultyFlag() {
        assertThatThrownBy(() -> parse(List.of("--port", "http")))
                .hasMessage("--port=\"http\": expected a whole number such as 4");
        assertThatThrownBy(() -> parse(List.of("--grace", "soon")))
                .hasMessage("--grace=\"soon\": expected a duration such as 250ms, 30s, 2m");
        assertThatThrownBy(() -> parse(List.of("--max-body", "1MB")))
                .hasMessage("--max-body=\"1MB\": expected a size such as 512, 64KiB, 10MiB");
        assertThatThrownBy(() -> parse(List.of("--event-loops")))
                .hasMessage("missing value for --event-loops");
        assertThatThrownBy(() -> parse(List.of("--wrokers", "2")))
                .hasMessage("unknown option --wrokers");
        assertThatThrownBy(() -> parse(List.of("--reload=yes")))
                .hasMessage("--reload takes no value");
        assertThatThrownBy(() -> parse(List.of("--processes", "0")))
                .hasMessage("--processes must be at least 1, was 0");
    }

    @Test
    void translatesConfigurationErrorsToFlags() {
        assertThatThrownBy(() -> parse(List.of("--port", "70000")))
                .hasMessage("--port must be in [0, 65535], was 70000");
        assertThatThrownBy(() -> parse(List.of("--idle-timeout", "0")))
                .hasMessage("--idle-timeout must be positive, was 0s");
        assertThatThrownBy(() -> parse(List.of("--grace", "-1")))
                .hasMessage("--grace must not be negative, was -1s");
        assertThatThrownBy(() -> parse(List.of("--transport", "NIO")))
                .hasMessageStartingWith("--transport must be an id of lowercase letters");
    }

    @Test
    void readsEverySettingFromItsVariableOrPropertyBelowTheFlags() {
        Properties props = new Properties();
        props.setProperty("pronto.processes", "3");
        props.setProperty("pronto.max-body", "2KiB");
        LaunchOptions o = LaunchOptions.parse(List.of("--max-body", "4KiB"), Map.of("PRONTO_PROCESSES", "2",
                "PRONTO_EVENT_LOOPS", "5", "PRONTO_MAX_BODY", "1KiB", "PRONTO_APP", "a.B",
                "PRONTO_HANDLER_TIMEOUT", "2m"), props);

        assertThat(o.processes()).isEqualTo(3);
        assertThat(o.config().eventLoops()).isEqualTo(5);
        assertThat(o.config().maxBodyBytes()).isEqualTo(4096);
        assertThat(o.config().handlerTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.app()).hasValue("a.B");
        assertThat(o.appSource()).hasValue("PRONTO_APP");
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void namesTheVariableOfABadValueAndWarnsOfAnUnknownOne() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of(), Map.of("PRONTO_PROCESSES", "0"), new Properties()))
                .hasMessage("PRONTO_PROCESSES must be at least 1, was 0");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of(), Map.of("PRONTO_PROCESSES", "four"), new Properties()))
                .hasMessage("PRONTO_PROCESSES=\"four\": expected a whole number such as 4");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--reload"), Map.of("PRONTO_PROCESSES", "2"),
                new Properties())).hasMessage("--reload runs exactly one process: drop PRONTO_PROCESSES");
        assertThat(LaunchOptions.parse(List.of(), Map.of("PRONTO_PROCESES", "2"), new Properties()).warnings())
                .singleElement().asString().contains("did you mean PRONTO_PROCESSES?");
    }

    @Test
    void workerArgumentsCarryEveryServerSetting() {
        ServerConfig config = ServerConfig.builder().maxConnections(9).minBodyRate(0)
                .stallWarning(Duration.ofMillis(300)).build();

        assertThat(parse(LaunchOptions.workerArgs(config, "x.App")).config()).isEqualTo(config);
        assertThat(LaunchOptions.FLAGS).contains("--max-connections N", "--min-body-rate SIZE",
                "--stall-warning TIME", "--max-body SIZE", "(default 10MiB)", "--help");
    }
}
