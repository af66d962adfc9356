/**
 * The health probes behind {@code App.health}: each runs its checks in parallel on virtual threads, bounds the wait
 * with a timeout, and writes the JSON document and status a Kubernetes probe reads. Knows the public API and the
 * JSON writer of the codecs; the engine builds the probes and tells the readiness probe when a drain has begun.
 */
package dev.pronto.health;
