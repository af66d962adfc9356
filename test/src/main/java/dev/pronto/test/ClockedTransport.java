package dev.pronto.test;

import dev.pronto.transport.Binding;
import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.LoopHandler;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;

/** A real transport whose loops read the wall clock from a {@link Clock} of the test's: the {@code Date} follows it. */
final class ClockedTransport implements Transport {
    private final Transport delegate;
    private final Clock clock;

    ClockedTransport(Transport delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public Binding bind(InetSocketAddress address, int loops, PortSharing sharing, LoopHandler.Factory factory)
            throws IOException {
        return delegate.bind(address, loops, sharing, loop -> {
            LoopHandler handler = factory.create(loop);
            return new LoopHandler() {
                @Override
                public ChannelHandler accepted(Channel channel) {
                    return handler.accepted(channel);
                }

                @Override
                public long tick(long nanoTime, long epochMillis) {
                    return handler.tick(nanoTime, clock.millis());
                }
            };
        });
    }
}
