package dev.pronto.transport.nio;

import dev.pronto.transport.Transport;
import dev.pronto.transport.TransportProvider;

/** Provides the portable {@link NioTransport} as {@code nio}, which works wherever the JDK does. */
public final class NioTransportProvider implements TransportProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this one. */
    public NioTransportProvider() {
    }

    @Override
    public String id() {
        return "nio";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Transport create() {
        return new NioTransport();
    }
}
