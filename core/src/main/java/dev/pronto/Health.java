package dev.pronto;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health probes that {@link App#health(Health)} adds, named as Kubernetes names them: liveness
 * ({@code /health/live}, is the process worth keeping?) and readiness ({@code /health/ready}, may it be sent work?).
 * Each answers {@code 200} with {@code {"status":"UP","checks":[…]}} when all its checks are up, else {@code 503}
 * with {@code "DOWN"}, each check as {@code {"name":"db","status":"UP","data":{…}}} (the shape of Helidon's and
 * MicroProfile Health's documents); {@code HEAD} answers the status alone. Readiness is down from the moment the
 * server begins to shut down, for {@link ServerConfig.Builder#readinessDelay the readiness delay} while it still
 * serves; liveness stays up. Immutable; made by {@link #builder()}.
 *
 * <pre>{@code
 * app.health(Health.builder()
 *         .check("db", () -> db.ping() ? HealthCheck.Result.up() : HealthCheck.Result.down("no answer"))
 *         .timeout(Duration.ofSeconds(1))
 *         .build());
 * }</pre>
 */
public final class Health {
    private final String livePath;
    private final String readyPath;
    private final Duration timeout;
    private final Map<String, HealthCheck> liveChecks;
    private final Map<String, HealthCheck> readyChecks;

    private Health(Builder b) {
        livePath = b.livePath;
        readyPath = b.readyPath;
        timeout = b.timeout;
        liveChecks = Collections.unmodifiableMap(new LinkedHashMap<>(b.liveChecks));
        readyChecks = Collections.unmodifiableMap(new LinkedHashMap<>(b.readyChecks));
    }

    /** @return a builder holding the defaults: {@code /health/live}, {@code /health/ready}, no checks, 2 s */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The two probes with no checks: liveness is up while the server answers, readiness until it shuts down.
     *
     * @return the default probes
     */
    public static Health defaults() {
        return builder().build();
    }

    /** @return the liveness probe's path; see {@link Builder#livePath} */
    public String livePath() {
        return livePath;
    }

    /** @return the readiness probe's path; see {@link Builder#readyPath} */
    public String readyPath() {
        return readyPath;
    }

    /** @return how long a probe waits for its checks; see {@link Builder#timeout} */
    public Duration timeout() {
        return timeout;
    }

    /** @return the liveness checks by name, in the order added */
    Map<String, HealthCheck> liveChecks() {
        return liveChecks;
    }

    /** @return the readiness checks by name, in the order added */
    Map<String, HealthCheck> readyChecks() {
        return readyChecks;
    }

    /** A mutable builder of {@link Health}, starting from the defaults. */
    public static final class Builder {
        private String livePath = "/health/live";
        private String readyPath = "/health/ready";
        private Duration timeout = Duration.ofSeconds(2);
        private final Map<String, HealthCheck> liveChecks = new LinkedHashMap<>();
        private final Map<String, HealthCheck> readyChecks = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The liveness probe's path, default {@code /health/live}: a literal route pattern.
         *
         * @param path the path, starting with {@code /}
         * @return this builder
         */
        public Builder livePath(String path) {
            livePath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * The readiness probe's path, default {@code /health/ready}: a literal route pattern.
         *
         * @param path the path, starting with {@code /}
         * @return this builder
         */
        public Builder readyPath(String path) {
            readyPath = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Adds a readiness check: while it is down, readiness answers 503 and a load balancer sends no work here.
         * Check what this process needs to serve (its database, a cache it cannot do without).
         *
         * @param name  the check's name in the document, unique among the readiness checks
         * @param check the check
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or already taken
         */
        public Builder check(String name, HealthCheck check) {
            add(readyChecks, "readiness", name, check);
            return this;
        }

        /**
         * Adds a liveness check: while it is down, liveness answers 503 and Kubernetes restarts the process. Check
         * only what a restart would cure (a deadlock, a wedged pool); never a dependency shared with other
         * processes, whose outage would restart them all.
         *
         * @param name  the check's name in the document, unique among the liveness checks
         * @param check the check
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or already taken
         */
        public Builder liveCheck(String name, HealthCheck check) {
            add(liveChecks, "liveness", name, check);
            return this;
        }

        /**
         * How long a probe waits for its checks, default 2 s; they run in parallel, and one that has not answered
         * by then is down ({@code "message":"no answer within 2s"}). A check still running when the next probe
         * comes is not started again: that probe waits for the same run. Keep it under the probe's timeout in
         * Kubernetes ({@code timeoutSeconds}, default 1 s) and under {@link ServerConfig#handlerTimeout()}.
         *
         * @param v a positive duration
         * @return this builder
         */
        public Builder timeout(Duration v) {
            timeout = Objects.requireNonNull(v, "timeout");
            return this;
        }

        /**
         * Checks the settings and makes the probes.
         *
         * @return the probes
         * @throws IllegalArgumentException if the timeout is not positive or both probes have the same path
         */
        public Health build() {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            if (livePath.equals(readyPath)) {
                throw new IllegalArgumentException("liveness and readiness need paths of their own, both were "
                        + livePath);
            }
            return new Health(this);
        }

        private static void add(Map<String, HealthCheck> checks, String probe, String name, HealthCheck check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a " + probe + " check needs a name");
            }
            if (checks.putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException("two " + probe + " checks are named \"" + name + "\"");
            }
        }
    }
}
