package dev.pronto.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Binds a listening address and runs the event loops that serve it. */
public interface Transport {
    /**
     * Binds {@code address} and starts {@code loops} event loops; each loop gets its own {@link LoopHandler}.
     *
     * @param address the address to listen on; port 0 picks a free port
     * @param loops   how many event loops (threads) to run
     * @param sharing whether sibling processes may bind the same port
     * @param factory makes the per-loop handler, on the loop's own thread
     * @return the running binding
     * @throws IOException if the address cannot be bound, e.g. a {@link java.net.BindException} when the port is in
     *                     use
     */
    Binding bind(InetSocketAddress address, int loops, PortSharing sharing, LoopHandler.Factory factory)
            throws IOException;

    /**
     * Binds {@code address} for this process alone ({@link PortSharing#EXCLUSIVE}) and starts the loops.
     *
     * @param address the address to listen on; port 0 picks a free port
     * @param loops   how many event loops (threads) to run
     * @param factory makes the per-loop handler, on the loop's own thread
     * @return the running binding
     * @throws IOException if the address cannot be bound
     */
    default Binding bind(InetSocketAddress address, int loops, LoopHandler.Factory factory) throws IOException {
        return bind(address, loops, PortSharing.EXCLUSIVE, factory);
    }
}
