package dev.pronto.test;

import dev.pronto.transport.Binding;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.Transport;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport with no sockets: {@link #connect()} opens a connection straight into one of its loops, whose handler
 * is the engine's own (parser, router, encoder), and every loop ticks with the given clock, which the {@code Date}
 * header follows.
 */
final class MemoryTransport implements Transport {
    /** Where the in-memory server says it listens: loopback, port 0 (there is no port). */
    static final InetSocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final Clock clock;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile List<MemoryLoop> loops = List.of();
    private volatile boolean accepting;

    MemoryTransport(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Binding bind(InetSocketAddress address, int count, PortSharing sharing, LoopHandler.Factory factory) {
        List<MemoryLoop> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MemoryLoop loop = new MemoryLoop(i, clock, factory);
            started.add(loop);
            loop.start();
        }
        loops = List.copyOf(started);
        accepting = true;
        return new Binding() {
            @Override
            public InetSocketAddress localAddress() {
                return ADDRESS;
            }

            @Override
            public List<EventLoop> loops() {
                return List.copyOf(loops);
            }

            @Override
            public void stopAccepting() {
                accepting = false;
            }

            @Override
            public void close() {
                accepting = false;
                for (MemoryLoop loop : loops) {
                    loop.stop();
                }
            }
        };
    }

    /**
     * Opens a connection, as an accept would, on the loops in turn.
     *
     * @return the client's end
     * @throws ConnectException once the server has stopped accepting
     */
    Pipe connect() throws ConnectException {
        if (!accepting) {
            throw new ConnectException("Connection refused: the in-memory server is not accepting");
        }
        int n = connections.getAndIncrement();
        MemoryLoop loop = loops.get(Math.floorMod(n, loops.size()));
        // A made-up ephemeral port per connection, so that each peer looks apart (RFC 6335 §6: 49152-65535).
        MemoryChannel channel = new MemoryChannel(loop, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                49152 + Math.floorMod(n, 16384)));
        loop.accept(channel);
        return channel.client();
    }
}
