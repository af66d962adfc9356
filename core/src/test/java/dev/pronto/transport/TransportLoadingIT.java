package dev.pronto.transport;

import dev.pronto.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in {@code nio} provider is found on the module path ({@code provides}) as on the class path. */
@Timeout(60)
class TransportLoadingIT {

    @Test
    void theLauncherOnTheModulePathKnowsNio() throws Exception {
        String core = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", core, "-m", "dev.pronto/dev.pronto.Launcher", "--transport", "carrier_pigeon"))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output.lines().findFirst())
                .hasValue("error: unknown transport carrier_pigeon; known transports: auto, nio");
    }
}
