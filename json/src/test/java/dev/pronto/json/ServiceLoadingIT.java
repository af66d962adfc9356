package dev.pronto.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pronto.JsonCodec;
import dev.pronto.Response;
import dev.pronto.json.modulepath.ModulePathProbe;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The core finds the codec through ServiceLoader: on the class path (META-INF/services) and the module path (provides). */
class ServiceLoadingIT {
    @Test
    void findsTheCodecOnTheClassPath() {
        JsonCodec codec = JsonCodec.get();
        assertThat(codec).isInstanceOf(JacksonCodec.class);
        assertThat(codec.getClass().getModule().isNamed()).isFalse();
        Response response = Response.json(Map.of("path", "class"));
        assertThat(response.contentType()).contains("application/json");
        assertThat(new String(((Response.Body.Bytes) response.body()).bytes(),
                StandardCharsets.UTF_8)).isEqualTo("{\"path\":\"class\"}");
    }

    @Test
    void findsTheCodecOnTheModulePath() throws Exception {
        Set<String> modulePath = new LinkedHashSet<>();
        for (Class<?> c : List.of(JsonCodec.class, JacksonCodec.class, ObjectMapper.class, JsonFactory.class,
                JsonAutoDetect.class, JavaTimeModule.class, Jdk8Module.class)) {
            modulePath.add(location(c));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "dev.pronto.json",
                "-cp", location(ModulePathProbe.class),
                ModulePathProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).containsExactly(
                "dev.pronto.json.JacksonCodec in module dev.pronto.json",
                "{\"path\":\"module\"}",
                "Point[x=1, y=2]");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
