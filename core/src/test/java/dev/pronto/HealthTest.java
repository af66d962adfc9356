package dev.pronto;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probes' settings and a check's result: defaults, and what is refused when set rather than when probed. */
class HealthTest {
    @Test
    void defaultsAreTheKubernetesPathsAndATwoSecondTimeout() {
        Health h = Health.defaults();

        assertThat(h.livePath()).isEqualTo("/health/live");
        assertThat(h.readyPath()).isEqualTo("/health/ready");
        assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(h.liveChecks()).isEmpty();
        assertThat(h.readyChecks()).isEmpty();
    }

    @Test
    void keepsChecksInTheOrderAddedAndApartByProbe() {
        HealthCheck up = HealthCheck.Result::up;
        Health h = Health.builder().check("db", up).check("cache", up).liveCheck("deadlock", up).build();

        assertThat(h.readyChecks()).containsOnlyKeys("db", "cache");
        assertThat(h.readyChecks().keySet()).containsExactly("db", "cache");
        assertThat(h.liveChecks()).containsOnlyKeys("deadlock");
    }

    @Test
    void refusesTwoChecksOfOneNameInOneProbe() {
        HealthCheck up = HealthCheck.Result::up;
        assertThatThrownBy(() -> Health.builder().check("db", up).check("db", up))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two readiness checks are named \"db\"");
        assertThatThrownBy(() -> Health.builder().liveCheck("", up))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a liveness check needs a name");
        assertThat(Health.builder().check("db", up).liveCheck("db", up).build().liveChecks()).containsOnlyKeys("db");
    }

    @Test
    void refusesANonPositiveTimeoutAndOnePathForBothProbes() {
        assertThatThrownBy(() -> Health.builder().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> Health.builder().livePath("/h").readyPath("/h").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("liveness and readiness need paths of their own, both were /h");
    }

    @Test
    void aResultCopiesItsDataInOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("z", 1);
        data.put("a", null);
        HealthCheck.Result r = HealthCheck.Result.up(data);
        data.put("later", 2);

        assertThat(r.isUp()).isTrue();
        assertThat(r.data()).containsExactly(Map.entry("z", 1), new java.util.AbstractMap.SimpleEntry<>("a", null));
        assertThat(HealthCheck.Result.down("why")).isEqualTo(new HealthCheck.Result(false, Map.of("message", "why")));
    }

    @Test
    void aResultRefusesDataThatIsNoJson() {
        assertThatThrownBy(() -> HealthCheck.Result.up(Map.of("ratio", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void anAppTakesTheProbesAsRoutesThatCannotClashWithOthers() {
        App app = new App().get("/health/ready", request -> Response.text("mine"));

        assertThatThrownBy(app::health).isInstanceOf(IllegalArgumentException.class);
    }
}
