package dev.pronto.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCauseTest {

    @Test
    void namesTheSignalThatKilledAProcess() {
        assertThat(ExitCause.describe(137)).isEqualTo("killed by signal 9 (SIGKILL), exit code 137");
        assertThat(ExitCause.describe(143)).isEqualTo("killed by signal 15 (SIGTERM), exit code 143");
        assertThat(ExitCause.describe(128 + 40)).isEqualTo("killed by signal 40, exit code 168");
    }

    @Test
    void reportsAnOrdinaryExitCode() {
        assertThat(ExitCause.describe(0)).isEqualTo("exited with code 0");
        assertThat(ExitCause.describe(1)).isEqualTo("exited with code 1");
        assertThat(ExitCause.describe(128)).isEqualTo("exited with code 128");
        assertThat(ExitCause.describe(255)).isEqualTo("exited with code 255");
    }
}
