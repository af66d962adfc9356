package dev.pronto.test.transport;

import dev.pronto.transport.Transport;
import dev.pronto.transport.TransportProvider;

import java.util.function.Supplier;

/**
 * The transport {@code ProntoTest} starts an app on when it needs one of its own: in memory, or a real one with the
 * test's clock. Found by id through {@link java.util.ServiceLoader} like any transport; the transport itself is
 * handed over by the thread that starts the app. Internal to pronto-test: its module does not export this package.
 */
public final class TestTransportProvider implements TransportProvider {
    /** The id {@code ProntoTest} configures: {@code ServerConfig.builder().transport(ID)}. */
    public static final String ID = "pronto_test";

    private static final ThreadLocal<Transport> NEXT = new ThreadLocal<>();

    /** Creates the provider; {@link java.util.ServiceLoader} calls this one. */
    public TestTransportProvider() {
    }

    /**
     * Runs a start on this thread with a transport for the provider to hand out.
     *
     * @param transport the transport the start gets
     * @param start     starts the app with transport {@link #ID}
     * @param <T>       what the start returns
     * @return what it returned
     */
    public static <T> T with(Transport transport, Supplier<T> start) {
        NEXT.set(transport);
        try {
            return start.get();
        } finally {
            NEXT.remove();
        }
    }

    /** @return {@code pronto_test} */
    @Override
    public String id() {
        return ID;
    }

    /** @return true: it runs wherever the JDK does */
    @Override
    public boolean isAvailable() {
        return true;
    }

    /**
     * Hands out the transport of the start running on this thread.
     *
     * @return the transport
     * @throws IllegalStateException when no {@code ProntoTest} start is running on this thread
     */
    @Override
    public Transport create() {
        Transport transport = NEXT.get();
        if (transport == null) {
            throw new IllegalStateException("The " + ID + " transport is chosen by ProntoTest.inMemory and"
                    + " ProntoTest.start with a clock, not by configuration");
        }
        return transport;
    }
}
