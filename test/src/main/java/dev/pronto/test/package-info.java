/**
 * Testing a Pronto app over a real loopback socket: {@link dev.pronto.test.ProntoTest#test} starts an app, hands a
 * {@link dev.pronto.test.TestClient} and stops the server after; {@link dev.pronto.test.ProntoExtension} injects the
 * client into JUnit 5 test methods. Ordinary requests go through the JDK's {@code HttpClient}; byte-exact ones
 * (pipelines, malformed input, headers the JDK client refuses to set) through a plain socket.
 * {@link dev.pronto.test.ProntoTest#inMemory} runs the same engine on a transport of this module with no socket.
 */
package dev.pronto.test;
