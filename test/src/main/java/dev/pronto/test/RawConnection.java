package dev.pronto.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One connection to the server: writes bytes exactly as given, reads until enough arrived, never past a deadline. */
final class RawConnection {
    private RawConnection() {
    }

    /**
     * Sends bytes and reads the reply.
     *
     * @param connector opens the connection to the server
     * @param request   the bytes to write, as they are
     * @param responses how many complete responses end the reading; 0 reads until the server closes
     * @param head      whether the responses answer {@code HEAD} (no body whatever their fields say)
     * @param timeout   the longest the whole exchange may take
     * @return the bytes received, and whether the server closed
     * @throws UncheckedIOException if the connection fails, or the deadline passes first (the message shows what
     *                              arrived)
     */
    static RawReply exchange(Pipe.Connector connector, byte[] request, int responses, boolean head,
                             Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Pipe pipe = connector.open(millisLeft(deadline))) {
            pipe.write(request);
            byte[] buffer = new byte[16 * 1024];
            while (true) {
                int n;
                try {
                    n = pipe.read(buffer, millisLeft(deadline));
                } catch (SocketTimeoutException e) {
                    throw new UncheckedIOException(new SocketTimeoutException("No " + (responses == 0 ? "close"
                            : responses + " complete response(s)") + " within " + timeout + "; received:\n"
                            + received.toString(StandardCharsets.ISO_8859_1)));
                } catch (IOException e) {
                    // A reset after the server's last bytes (it closed with our input unread) ends the reply too.
                    if (received.size() > 0) {
                        return new RawReply(received.toByteArray(), true, head);
                    }
                    throw e;
                }
                if (n < 0) {
                    return new RawReply(received.toByteArray(), true, head);
                }
                received.write(buffer, 0, n);
                if (responses > 0 && ResponseReader.parse(received.toByteArray(), received.size(), false, head)
                        .responses().size() >= responses) {
                    return new RawReply(received.toByteArray(), false, head);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Raw exchange failed: " + e.getMessage(), e);
        }
    }

    /** @return the milliseconds to the deadline, at least 1 (0 would mean no timeout to a socket) */
    private static int millisLeft(long deadline) {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }
}
