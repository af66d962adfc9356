package dev.pronto.it;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.UncheckedIOException;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding: a port is never shared with a stranger, and an address that cannot be listened on says why. */
@Timeout(30)
class ListenIT {

    @ParameterizedTest(name = "{0} loops, then {1}")
    @CsvSource({"1, 1", "2, 1", "1, 2", "2, 2"})
    void aSecondServerOnAPortInUseInTheSameJvmFailsAndTheFirstKeepsItAll(int firstLoops, int secondLoops)
            throws Exception {
        try (Server first = Server.start(localServer().eventLoops(firstLoops).build(),
                request -> Response.text("first"))) {
            int port = first.port();

            assertThatThrownBy(() -> Server.start(localServer().port(port).eventLoops(secondLoops).build(),
                    request -> Response.text("second")).close())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("Cannot listen on 127.0.0.1:" + port + ": address already in use");

            for (int i = 0; i < 10; i++) { // new connections each: a shared port would spread them
                try (RawClient client = RawClient.connect(port)) {
                    client.send(get("/"));
                    assertThat(client.readResponse().bodyText()).isEqualTo("first");
                }
            }
        }
    }

    @Test
    void anAppOnAPortInUseFailsToStartToo() {
        try (Server first = Server.start(localServer().build(), request -> Response.text("first"))) {
            App app = new App();
            app.get("/", request -> Response.text("second"));
            assertThatThrownBy(() -> app.start(localServer().port(first.port()).build()).close())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("Cannot listen on 127.0.0.1:" + first.port() + ": address already in use");
        }
    }

    @Test
    void inALauncherWorkerASecondServerOnTheWorkersPortFailsToo() {
        // What the launcher sets on its worker JVMs: their listeners share the port with their siblings, only.
        System.setProperty("pronto.port.group", "test");
        try (Server first = Server.start(localServer().eventLoops(2).build(), request -> Response.text("first"))) {
            assertThatThrownBy(() -> Server.start(localServer().port(first.port()).build(),
                    request -> Response.text("second")).close())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("Cannot listen on 127.0.0.1:" + first.port() + ": address already in use");
        } finally {
            System.clearProperty("pronto.port.group");
        }
    }

    @Test
    void anUnresolvableHostFailsWithCannotListen() {
        assertThatThrownBy(() -> Server.start(localServer().host("no-such-host.invalid").port(8181).build(),
                request -> Response.text("never")).close())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot listen on no-such-host.invalid:8181: unknown host");
    }
}
