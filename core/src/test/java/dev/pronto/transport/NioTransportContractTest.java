package dev.pronto.transport;

import dev.pronto.transport.nio.NioTransport;

/** The NIO transport against the transport contract. */
class NioTransportContractTest extends TransportContract {
    @Override
    protected Transport transport() {
        return new NioTransport();
    }
}
