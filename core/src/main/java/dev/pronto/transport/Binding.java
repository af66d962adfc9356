package dev.pronto.transport;

import java.net.InetSocketAddress;
import java.util.List;

/** A bound address and the event loops serving it. */
public interface Binding {
    /** @return the bound address, with the actual port */
    InetSocketAddress localAddress();

    /** @return the event loops, in index order */
    List<EventLoop> loops();

    /** Closes every listener at once, so that new connections are refused; accepted channels stay open. */
    void stopAccepting();

    /** Stops the loops, closes every channel and waits for the loop threads to end. */
    void close();
}
