package dev.pronto.transport.nio;

import dev.pronto.transport.Binding;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;
import dev.pronto.transport.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/** The portable NIO transport. */
public final class NioTransport implements Transport {
    private static final int BACKLOG = 1024;

    @Override
    public Binding bind(InetSocketAddress address, int loops, LoopHandler.Factory factory) throws IOException {
        List<NioLoop> started = new ArrayList<>(loops);
        List<ServerSocketChannel> listeners = new ArrayList<>(loops);
        try {
            // SO_REUSEPORT even for one loop: worker processes (and a reloaded worker) bind the same port.
            ServerSocketChannel first = openListener(address, true);
            listeners.add(first);
            InetSocketAddress bound = (InetSocketAddress) first.getLocalAddress();
            boolean reusePort = loops > 1 && first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
            for (int i = 1; i < loops && reusePort; i++) {
                // Each loop accepts on its own socket; the kernel spreads connections, no hand-off (SO_REUSEPORT).
                listeners.add(openListener(bound, true));
            }
            for (int i = 0; i < loops; i++) {
                started.add(new NioLoop(i, factory));
            }
            for (int i = 0; i < loops; i++) {
                ServerSocketChannel listener = i < listeners.size() ? listeners.get(i) : null;
                started.get(i).start(listener, reusePort ? null : started);
            }
            return new NioBinding(bound, started);
        } catch (IOException | RuntimeException e) {
            for (NioLoop loop : started) {
                loop.stop();
            }
            for (ServerSocketChannel l : listeners) {
                l.close();
            }
            throw e;
        }
    }

    private static ServerSocketChannel openListener(InetSocketAddress address, boolean reusePort) throws IOException {
        ServerSocketChannel ssc = ServerSocketChannel.open();
        try {
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort && ssc.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ssc.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ssc.bind(address, BACKLOG);
            ssc.configureBlocking(false);
            return ssc;
        } catch (IOException | RuntimeException e) {
            ssc.close();
            throw e;
        }
    }

    private record NioBinding(InetSocketAddress localAddress, List<NioLoop> nioLoops) implements Binding {
        @Override
        public List<EventLoop> loops() {
            return List.copyOf(nioLoops);
        }

        @Override
        public void stopAccepting() {
            for (NioLoop loop : nioLoops) {
                loop.closeListener();
            }
        }

        @Override
        public void close() {
            stopAccepting();
            for (NioLoop loop : nioLoops) {
                loop.stop();
            }
        }
    }
}
