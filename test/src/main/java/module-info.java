/**
 * Pronto test: {@link dev.pronto.test.ProntoTest} runs an app on a loopback port for the length of a test and hands a
 * {@link dev.pronto.test.TestClient}; {@link dev.pronto.test.ProntoExtension} does the same for a JUnit 5 test class;
 * {@link dev.pronto.test.ProntoTest#inMemory} serves it through a transport of its own with no socket.
 */
module dev.pronto.test {
    requires transitive dev.pronto; // ProntoTest takes an App
    requires transitive org.junit.jupiter.api; // ProntoExtension is an Extension
    requires java.net.http; // the client's ordinary requests go through the JDK's HttpClient
    exports dev.pronto.test;
    provides dev.pronto.transport.TransportProvider with dev.pronto.test.transport.TestTransportProvider;
}
