package dev.pronto.transport;

import dev.pronto.Server;
import dev.pronto.modulepath.TransportProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in {@code nio} provider is found on the module path ({@code provides}) as on the class path
 * ({@code META-INF/services}, which {@link TransportProviderTest} relies on).
 */
@Timeout(60)
class TransportLoadingIT {

    @Test
    void onTheModulePathNioIsFoundByIdAndNamedAmongTheKnownOnes() throws Exception {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", location(Server.class), "--add-modules", "dev.pronto",
                "-cp", location(TransportProbe.class), TransportProbe.class.getName()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Server.class.getModule().isNamed()).isFalse(); // this test itself runs on the class path
        assertThat(output.lines()).containsExactly("nio served on a port: true",
                "unknown transport carrier_pigeon; known transports: auto, nio");
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
