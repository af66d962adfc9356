package dev.pronto;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @Test
    void defaultsMatchTheDocumentedLimits() {
        ServerConfig c = ServerConfig.defaults();
        assertThat(c.maxRequestLineBytes()).isEqualTo(8192);
        assertThat(c.maxHeaderBytes()).isEqualTo(16384);
        assertThat(c.maxHeaderCount()).isEqualTo(100);
        assertThat(c.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        ServerConfig c = ServerConfig.builder().port(0).idleTimeout(Duration.ofMillis(5)).build();
        assertThat(c.port()).isZero();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> ServerConfig.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ServerConfig.builder().eventLoops(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().idleTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
