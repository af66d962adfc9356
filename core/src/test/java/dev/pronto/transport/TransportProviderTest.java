package dev.pronto.transport;

import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.Response;
import dev.pronto.transport.nio.NioTransport;
import dev.pronto.transport.nio.NioTransportProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A configuration names its transport by id; {@link java.util.ServiceLoader} finds the providers. */
class TransportProviderTest {

    /** A provider that only says who it is, for the order {@code auto} tries them in. */
    private record Named(String id, boolean isAvailable) implements TransportProvider {
        @Override
        public Transport create() {
            throw new UnsupportedOperationException(id + " only takes part in the choice");
        }
    }

    @Test
    void findsNioByIdThroughTheServiceLoader() {
        TransportProvider nio = TransportProvider.resolve("nio");

        assertThat(nio).isInstanceOf(NioTransportProvider.class);
        assertThat(nio.id()).isEqualTo("nio");
        assertThat(nio.create()).isInstanceOf(NioTransport.class);
    }

    @Test
    void autoIsNioWhenNoNativeTransportIsPresent() {
        assertThat(TransportProvider.resolve("auto").id()).isEqualTo("nio");
    }

    @Test
    void autoPrefersIoUringThenEpollThenNioWhateverTheLoadingOrder() {
        TransportProvider nio = new Named("nio", true);
        TransportProvider epoll = new Named("epoll", true);
        TransportProvider ioUring = new Named("io_uring", true);

        assertThat(TransportProvider.resolve("auto", List.of(nio, epoll, ioUring))).isSameAs(ioUring);
        assertThat(TransportProvider.resolve("auto", List.of(nio, epoll))).isSameAs(epoll);
        assertThat(TransportProvider.resolve("auto", List.of(nio))).isSameAs(nio);
    }

    @Test
    void autoPassesOverATransportThatCannotWorkHere() {
        TransportProvider nio = new Named("nio", true);
        TransportProvider ioUring = new Named("io_uring", false);

        assertThat(TransportProvider.resolve("auto", List.of(ioUring, nio))).isSameAs(nio);
    }

    @Test
    void autoIgnoresATransportItDoesNotKnow() {
        TransportProvider nio = new Named("nio", true);

        assertThat(TransportProvider.resolve("auto", List.of(new Named("kqueue", true), nio))).isSameAs(nio);
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        assertThatThrownBy(() -> TransportProvider.resolve("carrier_pigeon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport carrier_pigeon; known transports: auto, nio");
    }

    @Test
    void aTransportThatCannotWorkHereIsNotChosenByItsId() {
        List<TransportProvider> present = List.of(new Named("nio", true), new Named("epoll", false));

        assertThatThrownBy(() -> TransportProvider.resolve("epoll", present))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport epoll is present but cannot work on this machine; known transports: auto,"
                        + " nio, epoll");
    }

    @Test
    void aServerWithAnUnknownTransportFailsToStartNamingTheKnownOnes() {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).transport("carrier_pigeon").build();

        assertThatThrownBy(() -> Server.start(config, request -> Response.text("never")).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport carrier_pigeon; known transports: auto, nio");
    }
}
