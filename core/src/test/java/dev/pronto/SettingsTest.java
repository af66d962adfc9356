package dev.pronto;

import dev.pronto.Settings.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static ServerConfig fromEnv(String name, String value) {
        return Settings.read(List.of(), Map.of(name, value), new Properties()).serverConfig();
    }

    private static Properties properties(String... nameValue) {
        Properties p = new Properties();
        for (int i = 0; i < nameValue.length; i += 2) {
            p.setProperty(nameValue[i], nameValue[i + 1]);
        }
        return p;
    }

    @Test
    void spellsEachNameAsFlagPropertyAndVariable() {
        assertThat(Key.MAX_BODY.flag()).isEqualTo("--max-body");
        assertThat(Key.MAX_BODY.property()).isEqualTo("pronto.max-body");
        assertThat(Key.MAX_BODY.variable()).isEqualTo("PRONTO_MAX_BODY");
        assertThat(Key.EVENT_LOOPS.variable()).isEqualTo("PRONTO_EVENT_LOOPS");
        assertThat(Key.PROCESSES.variable()).isEqualTo("PRONTO_PROCESSES");
        for (Key key : Key.values()) {
            String name = key.flag().substring(2);
            assertThat(key.property()).isEqualTo("pronto." + name);
            assertThat(key.variable()).isEqualTo("PRONTO_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "512B, 512", "0, 0", "64KiB, 65536", "10MiB, 10485760", "1GiB, 1073741824"})
    void readsSizesInBytesOrBinaryUnits(String text, long bytes) {
        assertThat(fromEnv("PRONTO_MAX_BODY", text).maxBodyBytes()).isEqualTo(bytes);
        assertThat(Settings.read(List.of("--max-body", text)).serverConfig().maxBodyBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "10MB", "10mib", "1.5MiB", "-1", "", "10 MiB", "99999999999GiB"})
    void refusesAMalformedSizeNamingTheVariableAndTheFormsAccepted(String text) {
        assertThatThrownBy(() -> fromEnv("PRONTO_MAX_BODY", text))
                .hasMessage("PRONTO_MAX_BODY=\"" + text + "\": expected a size such as 512, 64KiB, 10MiB");
    }

    @ParameterizedTest
    @CsvSource({"250ms, 250", "30s, 30000", "2m, 120000", "1h, 3600000", "2.5, 2500", "1.5s, 1500", "7, 7000"})
    void readsDurationsWithAUnitOrInSeconds(String text, long millis) {
        assertThat(fromEnv("PRONTO_IDLE_TIMEOUT", text).idleTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "30 s", "5d", "1e3", "s", "1.s"})
    void refusesAMalformedDurationNamingTheFlagAndTheFormsAccepted(String text) {
        assertThatThrownBy(() -> Settings.read(List.of("--grace", text)))
                .hasMessage("--grace=\"" + text + "\": expected a duration such as 250ms, 30s, 2m");
    }

    @Test
    void refusesAMalformedWholeNumberOrSwitchNamingTheProperty() {
        assertThatThrownBy(() -> Settings.read(List.of(), Map.of(), properties("pronto.port", "http")))
                .hasMessage("pronto.port=\"http\": expected a whole number such as 4");
        assertThatThrownBy(() -> Settings.read(List.of(), Map.of("PRONTO_RELOAD", "yes"), new Properties()))
                .hasMessage("PRONTO_RELOAD=\"yes\": expected true or false");
        assertThatThrownBy(() -> Settings.read(List.of("--reload=yes"))).hasMessage("--reload takes no value");
    }

    @Test
    void aFlagWinsOverAPropertyWhichWinsOverAVariableWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of("PRONTO_MAX_BODY", "1KiB", "PRONTO_MAX_CHUNK", "2KiB", "PRONTO_PORT", "1");
        Properties props = properties("pronto.max-body", "3KiB", "pronto.port", "2");

        ServerConfig c = Settings.read(List.of("--port", "3"), env, props).serverConfig();

        assertThat(c.port()).isEqualTo(3);
        assertThat(c.maxBodyBytes()).isEqualTo(3 * 1024);
        assertThat(c.maxChunkBytes()).isEqualTo(2 * 1024);
        assertThat(c.maxHeaderBytes()).isEqualTo(ServerConfig.defaults().maxHeaderBytes());
        Settings s = Settings.read(List.of("--port", "3"), env, props);
        assertThat(s.source(Key.PORT)).hasValue("--port");
        assertThat(s.source(Key.MAX_BODY)).hasValue("pronto.max-body");
        assertThat(s.source(Key.MAX_CHUNK)).hasValue("PRONTO_MAX_CHUNK");
        assertThat(s.source(Key.MAX_HEADERS)).isEmpty();
    }

    @Test
    void namesTheSourceOfAValueOutOfRange() {
        assertThatThrownBy(() -> fromEnv("PRONTO_PORT", "70000"))
                .hasMessage("PRONTO_PORT must be in [0, 65535], was 70000");
        assertThatThrownBy(() -> fromEnv("PRONTO_IDLE_TIMEOUT", "0"))
                .hasMessage("PRONTO_IDLE_TIMEOUT must be positive, was 0s");
        assertThatThrownBy(() -> Settings.read(List.of("--grace=-250ms")).serverConfig())
                .hasMessage("--grace must not be negative, was -250ms");
        assertThatThrownBy(() -> fromEnv("PRONTO_MAX_QUEUED_WRITE", "4GiB"))
                .hasMessage("PRONTO_MAX_QUEUED_WRITE must be at most 2147483647 bytes, was 4294967296");
    }

    @Test
    void warnsOfAnUnknownProntoVariableWithTheClosestSetting() {
        Settings s = Settings.read(List.of(), Map.of("PRONTO_MAX_BDOY", "1KiB", "PRONTO_PORT", "1", "PATH", "/bin",
                "PRONTO_EVENT_LOOP", "4", "PRONTO_COLOUR", "red"), new Properties());

        assertThat(s.warnings()).containsExactly(
                "PRONTO_COLOUR is not a Pronto setting and is ignored (every setting: docs/configuration.md)",
                "PRONTO_EVENT_LOOP is not a Pronto setting and is ignored; did you mean PRONTO_EVENT_LOOPS?"
                        + " (every setting: docs/configuration.md)",
                "PRONTO_MAX_BDOY is not a Pronto setting and is ignored; did you mean PRONTO_MAX_BODY?"
                        + " (every setting: docs/configuration.md)");
        assertThat(Settings.read(List.of(), Map.of("PRONTO_PORT", "1"), new Properties()).warnings()).isEmpty();
    }

    @Test
    void refusesAnUnknownFlagOrAMissingValue() {
        assertThatThrownBy(() -> Settings.read(List.of("--max-bdoy", "1"))).hasMessage("unknown option --max-bdoy");
        assertThatThrownBy(() -> Settings.read(List.of("--port"))).hasMessage("missing value for --port");
    }

    @Test
    void readsTheLaunchersOwnSettings() {
        Settings s = Settings.read(List.of("--src", "a", "--src=b"), Map.of("PRONTO_PROCESSES", "3",
                "PRONTO_RELOAD", "true", "PRONTO_CLASSES", "x" + java.io.File.pathSeparator + "y",
                "PRONTO_APP", "com.example.Todos"), new Properties());

        assertThat(s.count(Key.PROCESSES, 1)).isEqualTo(3);
        assertThat(s.on(Key.RELOAD)).isTrue();
        assertThat(s.list(Key.SRC)).containsExactly("a", "b");
        assertThat(s.list(Key.CLASSES)).containsExactly("x", "y");
        assertThat(s.text(Key.APP)).hasValue("com.example.Todos");
        assertThat(Settings.read(List.of(), Map.of(), new Properties()).count(Key.PROCESSES, 1)).isEqualTo(1);
    }

    @Test
    void everyServerConfigSettingHasAName() {
        List<String> accessors = new ArrayList<>();
        for (Method m : ServerConfig.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && !List.of("toBuilder", "hashCode", "toString").contains(m.getName())) {
                accessors.add(m.getName());
            }
        }
        assertThat(Arrays.stream(Key.values()).filter(Key::isServerSetting).count()).as("keys for %s", accessors)
                .isEqualTo(accessors.size());
    }

    @Test
    void theFlagsOfAConfigurationMakeItAgain() {
        ServerConfig c = ServerConfig.builder().host("::1").port(8081).eventLoops(3).transport("nio")
                .maxConnections(7).maxRequestLineBytes(1000).maxHeaderBytes(2048).maxHeaderCount(9)
                .maxBodyBytes(77).maxChunkBytes(5 * 1024 * 1024).minBodyRate(0).maxPipelinedRequests(3)
                .maxQueuedWriteBytes(4096).writeTimeout(Duration.ofMillis(1500)).idleTimeout(Duration.ofSeconds(3))
                .headerTimeout(Duration.ofMinutes(2)).handlerTimeout(Duration.ofMillis(1))
                .stallWarning(Duration.ofMillis(250)).shutdownGrace(Duration.ZERO).build();

        assertThat(Settings.read(Settings.flagsOf(c), Map.of(), new Properties()).serverConfig()).isEqualTo(c);
        assertThat(Settings.flagsOf(c)).containsSubsequence("--max-chunk", "5MiB")
                .containsSubsequence("--write-timeout", "1500ms").containsSubsequence("--header-timeout", "120s");
    }
}
