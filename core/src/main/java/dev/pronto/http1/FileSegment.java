package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.transport.Channel;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * A region of an open file waiting in a connection's output, sent by the transport straight from the file
 * ({@link Channel#transferFrom}); it owns the file's descriptor and closes it once sent or dropped.
 */
final class FileSegment {
    private static final System.Logger LOG = System.getLogger("dev.pronto.connection");

    private final FileChannel file;
    private long position;
    private final long end;

    /**
     * Opens the part of a file a response sends.
     *
     * @param body the file body
     * @return the segment, or {@code null} when the file cannot be opened any more (logged)
     */
    static FileSegment open(Response.Body.File body) {
        try {
            return new FileSegment(FileChannel.open(body.path(), StandardOpenOption.READ), body.offset(),
                    body.length());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Cannot open " + body.path() + " to send it: answered 404", e);
            return null;
        }
    }

    FileSegment(FileChannel file, long position, long length) {
        this.file = file;
        this.position = position;
        this.end = position + length;
    }

    long remaining() {
        return end - position;
    }

    /**
     * Sends up to {@code max} bytes from the file.
     *
     * @return bytes sent; fewer than offered when the socket is full
     * @throws IOException from the channel, or when the file has shrunk below what its head announced: the
     *                     connection must close rather than send a body shorter than its {@code Content-Length}
     */
    long sendTo(Channel channel, long max) throws IOException {
        long n = channel.transferFrom(file, position, Math.min(max, remaining()));
        if (n == 0 && file.size() <= position) {
            throw new IOException("file shrank to " + file.size() + " bytes while being sent");
        }
        return n;
    }

    /** Moves past bytes the socket took. @return whether the region is sent, and so closed */
    boolean advance(long n) {
        position += n;
        if (position >= end) {
            close();
            return true;
        }
        return false;
    }

    void close() {
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing a file sent in a response failed", e);
        }
    }
}
