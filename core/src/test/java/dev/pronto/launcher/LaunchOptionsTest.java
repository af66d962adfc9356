package dev.pronto.launcher;

import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void parsesEveryEngineFlagInSecondsAndBytes() {
        LaunchOptions o = LaunchOptions.parse(List.of("--app", "a.B", "--host", "127.0.0.1", "--port", "9000",
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
        LaunchOptions o = LaunchOptions.parse(List.of());

        assertThat(o.processes()).isEqualTo(1);
        assertThat(o.app()).isEmpty();
        assertThat(o.config()).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void workerArgumentsRebuildTheSameConfiguration() {
        ServerConfig config = ServerConfig.builder().host("::1").port(8081).eventLoops(2)
                .shutdownGrace(Duration.ofMillis(1250)).idleTimeout(Duration.ofSeconds(3)).maxBodyBytes(77)
                .maxQueuedWriteBytes(4096).transport("nio").build();

        LaunchOptions worker = LaunchOptions.parse(LaunchOptions.workerArgs(config, "x.App"));

        assertThat(worker.config()).isEqualTo(config);
        assertThat(worker.app()).hasValue("x.App");
        assertThat(worker.worker()).isTrue();
    }

    @Test
    void choosesTheTransportById() {
        assertThat(LaunchOptions.parse(List.of("--transport", "nio")).config().transport()).isEqualTo("nio");
        assertThat(LaunchOptions.parse(List.of("--transport=io_uring")).config().transport()).isEqualTo("io_uring");
        assertThat(LaunchOptions.parse(List.of()).config().transport()).isEqualTo("auto");
    }

    @Test
    void knowsEventLoopsAndProcessesButNoLongerWorkers() {
        LaunchOptions o = LaunchOptions.parse(List.of("--event-loops", "2", "--processes", "3"));

        assertThat(o.config().eventLoops()).isEqualTo(2);
        assertThat(o.processes()).isEqualTo(3);
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--workers", "2")))
                .hasMessage("unknown option --workers");
        assertThat(LaunchOptions.FLAGS).contains("--event-loops N", "--processes N", "--transport ID")
                .doesNotContain("--workers");
    }

    @Test
    void takesReloadFoldersOnlyWithReload() {
        LaunchOptions o = LaunchOptions.parse(List.of("--reload", "--src", "src", "--src", "more",
                "--classes", "out"));

        assertThat(o.reload()).isTrue();
        assertThat(o.sources()).containsExactly(Path.of("src"), Path.of("more"));
        assertThat(o.classes()).containsExactly(Path.of("out"));
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--src", "src")))
                .hasMessage("--src and --classes need --reload");
    }

    @Test
    void rejectsReloadWithSeveralProcesses() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--reload", "--processes", "2")))
                .hasMessageContaining("--reload runs exactly one process");
    }

    @Test
    void namesTheFaultyFlag() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--port", "http")))
                .hasMessage("not a whole number for --port: http");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--grace", "soon")))
                .hasMessage("not a number of seconds for --grace: soon");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--max-body", "1MB")))
                .hasMessage("not a number of bytes for --max-body: 1MB");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--event-loops")))
                .hasMessage("missing value for --event-loops");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--wrokers", "2")))
                .hasMessage("unknown option --wrokers");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--reload=yes")))
                .hasMessage("--reload takes no value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--processes", "0")))
                .hasMessage("--processes must be at least 1, was 0");
    }

    @Test
    void translatesConfigurationErrorsToFlags() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--port", "70000")))
                .hasMessage("--port must be in [0, 65535], was 70000");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--idle-timeout", "0")))
                .hasMessage("--idle-timeout must be positive, was 0 s");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--grace", "-1")))
                .hasMessage("--grace must not be negative, was -1 s");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--transport", "NIO")))
                .hasMessageStartingWith("--transport must be an id of lowercase letters");
    }
}
