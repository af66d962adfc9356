/**
 * The transport provider through which pronto-test starts an app on a transport of its own (in memory, or a real one
 * with a test's clock). Not exported: core finds the provider through {@code ServiceLoader}, and only
 * {@code dev.pronto.test} hands it a transport.
 */
package dev.pronto.test.transport;
