/**
 * The transport SPI: event loops that accept connections and report readiness. It knows nothing of HTTP; the
 * portable NIO implementation lives in {@code nio}, and a native Linux one can plug in behind the same interfaces
 * and pass the same contract tests.
 */
package dev.pronto.transport;
