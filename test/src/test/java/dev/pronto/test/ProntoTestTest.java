package dev.pronto.test;

import dev.pronto.App;
import dev.pronto.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class ProntoTestTest {
    private static App hello(AtomicBoolean stopped) {
        return new App().get("/", request -> Response.text("Hello world!")).onStop(() -> stopped.set(true));
    }

    @Test
    void startsTheAppOnALoopbackPortAndStopsItAfter() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger port = new AtomicInteger();
        ProntoTest.test(hello(stopped), client -> {
            port.set(client.port());
            assertThat(client.uri("/")).hasHost("127.0.0.1");
            TestResponse r = client.get("/").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Hello world!");
            assertThat(stopped).isFalse();
        });
        assertThat(port.get()).isPositive();
        assertThat(stopped).as("the stop hooks ran before test() returned").isTrue();
        assertRefused(port.get());
    }

    @Test
    void stopsTheServerWhenTheTestFails() {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger port = new AtomicInteger();
        AssertionError failure = new AssertionError("the test failed");
        assertThatThrownBy(() -> ProntoTest.test(hello(stopped), client -> {
            port.set(client.port());
            throw failure;
        })).isSameAs(failure);
        assertThat(stopped).isTrue();
        assertRefused(port.get());
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(IOException.class);
    }
}
