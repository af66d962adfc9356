package dev.pronto.launcher;

import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisorTest {
    @Test
    void aDrainingWorkerIsKilledOnlyAfterTheReadinessDelayTheGraceAndTheMargin() {
        ServerConfig config = ServerConfig.builder().readinessDelay(Duration.ofSeconds(10))
                .shutdownGrace(Duration.ofSeconds(3)).build();

        // A worker still in its readiness delay serves on: killing it then would cut requests a balancer still sends.
        assertThat(Supervisor.drainTime(config)).isEqualTo(Duration.ofSeconds(13).plus(Supervisor.DRAIN_MARGIN));
    }
}
