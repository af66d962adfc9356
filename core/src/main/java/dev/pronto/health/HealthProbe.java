package dev.pronto.health;

import dev.pronto.AsyncHandler;
import dev.pronto.HealthCheck;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Status;
import dev.pronto.http.JsonText;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One probe, liveness or readiness: it starts each check on a virtual thread of its own, waits for all of them or
 * for the timeout, whichever comes first, and answers 200 when every check is up, else 503. The event loop only
 * starts the checks and never waits; a check that never returns costs one parked virtual thread, not one per probe,
 * since a check still running is not started again.
 */
public final class HealthProbe implements AsyncHandler {
    /** The one check of a readiness probe during a drain: the app's own checks no longer matter. */
    static final String DRAIN_CHECK = "drain";
    static final String DRAIN_MESSAGE = "the server is shutting down";

    private final List<Check> checks = new ArrayList<>();
    private final long timeoutNanos;
    private final HealthCheck.Result timedOut;
    private final BooleanSupplier draining;
    private final Response allUpWithoutChecks;
    private final Response drainingResponse;

    /**
     * Makes a probe.
     *
     * @param checks   the checks by name, in the document's order
     * @param timeout  how long the probe waits for its checks
     * @param draining whether the server is shutting down, which makes the probe down without running a check;
     *                 {@code () -> false} for liveness
     */
    public HealthProbe(Map<String, HealthCheck> checks, Duration timeout, BooleanSupplier draining) {
        checks.forEach((name, check) -> this.checks.add(new Check(name, check)));
        this.timeoutNanos = timeout.toNanos();
        this.timedOut = HealthCheck.Result.down("no answer within " + text(timeout));
        this.draining = draining;
        this.allUpWithoutChecks = response(List.of(), List.of());
        this.drainingResponse = response(List.of(DRAIN_CHECK), List.of(HealthCheck.Result.down(DRAIN_MESSAGE)));
    }

    @Override
    public CompletionStage<Response> handle(Request request) {
        if (draining.getAsBoolean()) {
            return CompletableFuture.completedFuture(drainingResponse);
        }
        if (checks.isEmpty()) {
            return CompletableFuture.completedFuture(allUpWithoutChecks);
        }
        List<CompletableFuture<HealthCheck.Result>> results = new ArrayList<>(checks.size());
        for (Check check : checks) {
            // A copy per probe: the timeout completes this probe's view, never the shared run a later probe reuses.
            results.add(check.run().copy().completeOnTimeout(timedOut, timeoutNanos, TimeUnit.NANOSECONDS));
        }
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply(all -> {
            List<String> names = new ArrayList<>(checks.size());
            List<HealthCheck.Result> found = new ArrayList<>(checks.size());
            for (int i = 0; i < checks.size(); i++) {
                names.add(checks.get(i).name);
                found.add(results.get(i).join());
            }
            return response(names, found);
        });
    }

    /** @return the probe's answer: 200 and {@code "UP"} when every check is up, else 503 and {@code "DOWN"} */
    static Response response(List<String> names, List<HealthCheck.Result> results) {
        boolean up = results.stream().allMatch(HealthCheck.Result::isUp);
        List<Object> checks = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", names.get(i));
            check.put("status", status(results.get(i).isUp()));
            if (!results.get(i).data().isEmpty()) {
                check.put("data", results.get(i).data());
            }
            checks.add(check);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("status", status(up));
        document.put("checks", checks);
        return Response.bytes(JsonText.write(document).getBytes(StandardCharsets.UTF_8))
                .withContentType("application/json")
                .withStatus(up ? Status.OK : Status.SERVICE_UNAVAILABLE)
                // A probe's answer is true only now: no cache on the way may keep it (RFC 9111 §5.2.2.5).
                .withHeader("Cache-Control", "no-store");
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }

    /** @return a duration as the configuration writes it: {@code 2s}, {@code 250ms} */
    private static String text(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** A named check and its run in progress, if any. */
    private static final class Check {
        final String name;
        final HealthCheck check;
        private CompletableFuture<HealthCheck.Result> running; // guarded by this

        Check(String name, HealthCheck check) {
            this.name = name;
            this.check = check;
        }

        /** @return the run still in progress, or a new run on a virtual thread of its own */
        synchronized CompletableFuture<HealthCheck.Result> run() {
            if (running == null || running.isDone()) {
                CompletableFuture<HealthCheck.Result> run = new CompletableFuture<>();
                Thread.ofVirtual().name("pronto-health-" + name).start(() -> run.complete(call()));
                running = run;
            }
            return running;
        }

        private HealthCheck.Result call() {
            try {
                HealthCheck.Result result = check.check();
                return result != null ? result : HealthCheck.Result.down("the check returned no result");
            } catch (Throwable t) { // whatever a check throws, the probe answers: the check is down, saying why
                String message = t.getMessage();
                return HealthCheck.Result.down(message != null ? message : t.getClass().getName());
            }
        }
    }
}
