package dev.pronto.transport.nio;

import dev.pronto.transport.Binding;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;
import dev.pronto.transport.PortSharing;
import dev.pronto.transport.Transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portable NIO transport. A binding for this process alone ({@link PortSharing#EXCLUSIVE}) has one listening
 * socket, without {@code SO_REUSEPORT}, so that the kernel refuses the port to anyone else for as long as it is
 * open; loop 0 accepts on it and hands connections to the loops in turn. Sibling processes
 * ({@link PortSharing#SIBLINGS}) give every loop its own {@code SO_REUSEPORT} socket and let the kernel spread the
 * connections over all of them, in every sibling.
 */
public final class NioTransport implements Transport {
    private static final int BACKLOG = 1024;
    /**
     * The ports this JVM's sibling bindings hold: {@code SO_REUSEPORT} would let a second binding of the same JVM
     * join the first one, and that would be a stranger too.
     */
    private static final Set<Integer> SHARED_PORTS = ConcurrentHashMap.newKeySet();

    @Override
    public Binding bind(InetSocketAddress address, int loops, PortSharing sharing, LoopHandler.Factory factory)
            throws IOException {
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        List<NioLoop> started = new ArrayList<>(loops);
        List<ServerSocketChannel> listeners = new ArrayList<>(loops);
        int claimed = -1;
        try {
            boolean siblings = sharing == PortSharing.SIBLINGS;
            if (siblings && address.getPort() != 0) {
                claimed = claim(address.getPort());
            }
            ServerSocketChannel first = openListener(address, siblings);
            listeners.add(first);
            InetSocketAddress bound = (InetSocketAddress) first.getLocalAddress();
            if (siblings && claimed < 0) {
                claimed = claim(bound.getPort());
            }
            boolean ownSockets = siblings && first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
            for (int i = 1; i < loops && ownSockets; i++) {
                // Each loop accepts on its own socket; the kernel spreads connections, no hand-off (SO_REUSEPORT).
                listeners.add(openListener(bound, true));
            }
            for (int i = 0; i < loops; i++) {
                started.add(new NioLoop(i, factory));
            }
            for (int i = 0; i < loops; i++) {
                ServerSocketChannel listener = i < listeners.size() ? listeners.get(i) : null;
                started.get(i).start(listener, ownSockets || loops == 1 ? null : started);
            }
            return new NioBinding(bound, started, claimed);
        } catch (IOException | RuntimeException e) {
            for (NioLoop loop : started) {
                loop.stop();
            }
            for (ServerSocketChannel l : listeners) {
                l.close();
            }
            if (claimed >= 0) {
                SHARED_PORTS.remove(claimed);
            }
            throw e;
        }
    }

    private static int claim(int port) throws BindException {
        if (!SHARED_PORTS.add(port)) {
            throw new BindException("Address already in use");
        }
        return port;
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

    private static final class NioBinding implements Binding {
        private final InetSocketAddress localAddress;
        private final List<NioLoop> nioLoops;
        private final AtomicInteger claimed; // the port held in SHARED_PORTS, or -1; released once

        NioBinding(InetSocketAddress localAddress, List<NioLoop> nioLoops, int claimed) {
            this.localAddress = localAddress;
            this.nioLoops = nioLoops;
            this.claimed = new AtomicInteger(claimed);
        }

        @Override
        public InetSocketAddress localAddress() {
            return localAddress;
        }

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
            int port = claimed.getAndSet(-1);
            if (port >= 0) {
                SHARED_PORTS.remove(port);
            }
        }
    }
}
