package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.test.modulepath.ModulePathProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the module path, pronto-test reads core's transport SPI (exported to it alone) and core finds its transport
 * through {@code provides}.
 */
@Timeout(120)
class ModulePathIT {
    @Test
    void servesInMemoryAndOnASocketFromTheModulePath() throws Exception {
        Set<String> modulePath = new LinkedHashSet<>();
        for (Class<?> c : List.of(App.class, ProntoTest.class, Test.class, AssertionFailedError.class,
                org.junit.platform.commons.support.AnnotationSupport.class)) {
            modulePath.add(location(c));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "dev.pronto.test",
                "-cp", location(ModulePathProbe.class),
                ModulePathProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output.lines()).containsExactly("module dev.pronto.test", "in memory", "on a socket");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
