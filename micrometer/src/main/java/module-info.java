/**
 * Pronto Micrometer: {@link dev.pronto.micrometer.MicrometerMetrics} records every exchange of an app as
 * {@code http.server.requests}, the server's counters as gauges, and serves a Prometheus scrape route.
 */
module dev.pronto.micrometer {
    requires transitive dev.pronto; // install takes an App
    requires transitive micrometer.core; // install takes a MeterRegistry
    requires transitive micrometer.registry.prometheus; // prometheus returns a PrometheusMeterRegistry
    exports dev.pronto.micrometer;
}
