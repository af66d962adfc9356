package dev.pronto.transport;

/** Receives a channel's readiness events, on its loop's thread. */
public interface ChannelHandler {
    /** The channel has input (or end of input) to read. */
    void onReadable();

    /** The channel can take more output. */
    void onWritable();

    /** The transport closed the channel (its loop is stopping); release what the connection holds. */
    void onClosed();
}
