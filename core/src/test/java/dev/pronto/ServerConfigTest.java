package dev.pronto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @Test
    void defaultsMatchTheDocumentedLimits() {
        ServerConfig c = ServerConfig.builder().build();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.transport()).isEqualTo("auto");
        assertThat(c.maxConnections()).isEqualTo(100_000);
        assertThat(c.maxRequestLineBytes()).isEqualTo(8192);
        assertThat(c.maxHeaderBytes()).isEqualTo(16384);
        assertThat(c.maxHeaderCount()).isEqualTo(100);
        assertThat(c.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.maxChunkBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.minBodyRate()).isEqualTo(1024);
        assertThat(c.maxPipelinedRequests()).isEqualTo(1024);
        assertThat(c.maxQueuedWriteBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.handlerTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.stallWarning()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readinessDelay()).as("no delay: a shutdown without health probes is as it was").isZero();
        assertThat(ServerConfig.defaults()).isEqualTo(c);
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        ServerConfig c = ServerConfig.builder().port(0).idleTimeout(Duration.ofMillis(5)).build();
        assertThat(c.port()).isZero();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.toBuilder().port(8080).idleTimeout(Duration.ofSeconds(60)).build())
                .isEqualTo(ServerConfig.defaults());
    }

    @Test
    void toBuilderGivesBackEverySetting() {
        ServerConfig c = ServerConfig.builder().host("::1").port(9001).eventLoops(3).transport("nio")
                .maxConnections(7).maxRequestLineBytes(100).maxHeaderBytes(300).maxHeaderCount(4).maxBodyBytes(5)
                .maxChunkBytes(6).minBodyRate(0).maxPipelinedRequests(8).maxQueuedWriteBytes(2048)
                .writeTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(2))
                .headerTimeout(Duration.ofSeconds(3)).handlerTimeout(Duration.ofSeconds(4))
                .stallWarning(Duration.ofSeconds(5)).shutdownGrace(Duration.ZERO)
                .readinessDelay(Duration.ofSeconds(6)).build();

        ServerConfig copy = c.toBuilder().build();

        assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c).isNotEqualTo(ServerConfig.defaults());
        assertThat(copy.toString()).isEqualTo(c.toString()).isEqualTo("ServerConfig[host=::1, port=9001,"
                + " eventLoops=3, transport=nio, maxConnections=7, maxRequestLineBytes=100, maxHeaderBytes=300,"
                + " maxHeaderCount=4, maxBodyBytes=5, maxChunkBytes=6, minBodyRate=0, maxPipelinedRequests=8,"
                + " maxQueuedWriteBytes=2048, writeTimeout=PT1S, idleTimeout=PT2S, headerTimeout=PT3S,"
                + " handlerTimeout=PT4S, stallWarning=PT5S, shutdownGrace=PT0S, readinessDelay=PT6S]");
    }

    @Test
    void everySettingTakesPartInEquality() {
        ServerConfig d = ServerConfig.defaults();
        for (UnaryOperator<ServerConfig.Builder> change : java.util.List.<UnaryOperator<ServerConfig.Builder>>of(
                b -> b.host("127.0.0.1"), b -> b.port(1), b -> b.eventLoops(d.eventLoops() + 1),
                b -> b.transport("nio"), b -> b.maxConnections(1), b -> b.maxRequestLineBytes(64),
                b -> b.maxHeaderBytes(256), b -> b.maxHeaderCount(1), b -> b.maxBodyBytes(0),
                b -> b.maxChunkBytes(1), b -> b.minBodyRate(0), b -> b.maxPipelinedRequests(1),
                b -> b.maxQueuedWriteBytes(1024), b -> b.writeTimeout(Duration.ofSeconds(1)),
                b -> b.idleTimeout(Duration.ofSeconds(1)), b -> b.headerTimeout(Duration.ofSeconds(1)),
                b -> b.handlerTimeout(Duration.ofSeconds(1)), b -> b.stallWarning(Duration.ofSeconds(2)),
                b -> b.shutdownGrace(Duration.ofSeconds(1)), b -> b.readinessDelay(Duration.ofSeconds(1)))) {
            ServerConfig changed = change.apply(d.toBuilder()).build();
            assertThat(changed).as(changed.toString()).isNotEqualTo(d);
            assertThat(changed.toString()).isNotEqualTo(d.toString());
        }
    }

    @Test
    void validationNamesTheSettingItsRangeAndTheValue() {
        assertThatThrownBy(() -> ServerConfig.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be in [0, 65535], was 70000");
        assertThatThrownBy(() -> ServerConfig.builder().eventLoops(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("eventLoops must be in [1, 4096], was 0");
        assertThatThrownBy(() -> ServerConfig.builder().maxRequestLineBytes(10).build())
                .hasMessage("maxRequestLineBytes must be in [64, 1048576], was 10");
        assertThatThrownBy(() -> ServerConfig.builder().maxQueuedWriteBytes(1).build())
                .hasMessage("maxQueuedWriteBytes must be in [1024, 2147483647], was 1");
        assertThatThrownBy(() -> ServerConfig.builder().idleTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idleTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> ServerConfig.builder().shutdownGrace(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shutdownGrace must not be negative, was PT-1S");
        assertThatThrownBy(() -> ServerConfig.builder().readinessDelay(Duration.ofMillis(-1)).build())
                .hasMessage("readinessDelay must not be negative, was PT-0.001S");
    }

    @Test
    void refusesNullWhenSet() {
        assertThatThrownBy(() -> ServerConfig.builder().host(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("host");
        assertThatThrownBy(() -> ServerConfig.builder().transport(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("transport");
        assertThatThrownBy(() -> ServerConfig.builder().idleTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("idleTimeout");
    }

    @Test
    void transportIsAnIdChosenAtStart() {
        assertThat(ServerConfig.builder().transport("nio").build().transport()).isEqualTo("nio");
        // Whether a transport is present is known at start, where the class or module path is final.
        assertThat(ServerConfig.builder().transport("io_uring").build().transport()).isEqualTo("io_uring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NIO", "n io", "nio/", "épée"})
    void transportIdIsLowercaseLettersDigitsAndUnderscore(String id) {
        assertThatThrownBy(() -> ServerConfig.builder().transport(id).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport must be an id of lowercase letters, digits and _ (auto, nio…), was \"" + id
                        + "\"");
    }

    @Test
    void fromEnvironmentReadsPropertiesOverVariablesOverDefaultsAndWarnsOfTypos() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("pronto.port", "9001");
        java.util.List<String> warnings = new java.util.ArrayList<>();

        ServerConfig c = ServerConfig.fromEnvironment(java.util.Map.of("PRONTO_PORT", "9000", "PRONTO_MAX_BODY",
                "64KiB", "PRONTO_GRACE", "250ms", "PRONTO_HOST", "127.0.0.1", "PRONTO_IDLE_TIMOUT", "5s"), props,
                warnings::add);

        assertThat(c).isEqualTo(ServerConfig.builder().port(9001).maxBodyBytes(64 * 1024)
                .shutdownGrace(Duration.ofMillis(250)).host("127.0.0.1").build());
        assertThat(warnings).singleElement().asString().startsWith("PRONTO_IDLE_TIMOUT is not a Pronto setting")
                .contains("did you mean PRONTO_IDLE_TIMEOUT?");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(java.util.Map.of("PRONTO_MAX_BODY", "ten"),
                new java.util.Properties(), warnings::add))
                .hasMessage("PRONTO_MAX_BODY=\"ten\": expected a size such as 512, 64KiB, 10MiB");
    }
}
