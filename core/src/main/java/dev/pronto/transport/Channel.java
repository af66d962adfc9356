package dev.pronto.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** One accepted connection, used only from its loop's thread. */
public interface Channel {
    /**
     * Reads what is available without blocking.
     *
     * @param dst the buffer to fill from its position
     * @return bytes read, 0 if none are available, -1 at end of input
     * @throws IOException on a reset or other failure
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes what the socket accepts without blocking, in one (gathering) system call where possible.
     *
     * @param srcs   buffers to write from their positions
     * @param offset first buffer
     * @param length number of buffers
     * @return bytes written
     * @throws IOException on a reset or other failure
     */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /**
     * Writes one buffer without blocking.
     *
     * @param src the buffer to write from its position
     * @return bytes written
     * @throws IOException on a reset or other failure
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Writes part of a file without blocking. A transport that can ({@code sendfile}) sends it without copying it
     * into the heap; this default reads one slice into a buffer and writes that, for channels that must see the
     * bytes (an in-memory or encrypted one).
     *
     * @param file     the file, read from {@code position} without moving its own position
     * @param position the first byte to send
     * @param count    the most bytes to send
     * @return bytes written, 0 when the socket is full (or the file ends before {@code position})
     * @throws IOException on a reset, a read failure or other failure
     */
    default long transferFrom(FileChannel file, long position, long count) throws IOException {
        ByteBuffer slice = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        int n = file.read(slice, position);
        if (n <= 0) {
            return 0;
        }
        return write(slice.flip());
    }

    /** @param on whether to be told when the channel is readable */
    void readInterest(boolean on);

    /** @param on whether to be told when the channel is writable */
    void writeInterest(boolean on);

    /** Half-closes: sends FIN after what was written, and keeps reading possible. */
    void shutdownOutput();

    /** Closes the connection; idempotent. The handler's {@code onClosed} is not called for this. */
    void close();

    /** @return whether {@link #close} has not been called and the transport has not closed it */
    boolean isOpen();

    /**
     * Hands the channel to another protocol's handler (an upgrade: WebSocket, h2c): every later event of the
     * channel, its close by the transport included, goes to {@code next}, and none to the handler that calls this.
     * Interest, unread input and the socket stay as they are; input the old handler read but did not consume is its
     * to pass on. Called on the loop's thread, typically from the old handler's own event. A transport that cannot
     * hand a channel over refuses.
     *
     * @param next the handler of the channel's events from now on
     * @throws UnsupportedOperationException if this channel cannot change handlers
     */
    default void handOver(ChannelHandler next) {
        throw new UnsupportedOperationException("this channel cannot be handed to another handler");
    }

    /** @return the peer's address */
    InetSocketAddress remoteAddress();

    /** @return the loop that owns this channel */
    EventLoop loop();
}
