package dev.pronto.http1;

import dev.pronto.Request.CompletionCallback;
import dev.pronto.transport.Channel;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound side of one connection: writes the loop's batch in one call, keeps what the socket did not take in
 * an {@link OutboundQueue} and sends it when the socket is writable again, and runs the completion callbacks of the
 * responses encoded so far once their bytes are out (or the connection is gone). Used only on its loop's thread; it never closes the channel itself: a
 * failed write surfaces as the channel's {@link IOException}, and the connection closes.
 */
final class OutboundWriter {
    private static final System.Logger LOG = System.getLogger("dev.pronto.connection");

    private final Channel channel;
    private final OutboundQueue outbound = new OutboundQueue(); // not written: the socket was full, or the turn over
    private List<CompletionCallback> written; // callbacks of encoded responses, run once their bytes are out

    OutboundWriter(Channel channel) {
        this.channel = channel;
    }

    /** @return whether everything encoded has been written */
    boolean idle() {
        return outbound.isEmpty();
    }

    /** @return the bytes encoded but not written yet */
    long backlog() {
        return outbound.bytes();
    }

    /** Runs {@code callbacks} (if any) once what is encoded so far, and the response they belong to, is written. */
    void onceWritten(List<CompletionCallback> callbacks) {
        if (callbacks != null) {
            if (written == null) {
                written = new ArrayList<>(callbacks.size());
            }
            written.addAll(callbacks);
        }
    }

    /**
     * Writes the batch: one system call for everything encoded since the last flush; then, if a large body did not
     * fit in the batch, its rest in slices through the same buffer until the socket is full or the connection's turn
     * is over ({@link WriteBatch#TURN_BUDGET}). What is left waits for the socket to be writable again. The batch is
     * cleared in any case.
     *
     * @param batch the loop's batch, holding this connection's output
     * @throws IOException from the channel
     */
    void flush(WriteBatch batch) throws IOException {
        ByteBuffer b = batch.prepare();
        try {
            if (outbound.isEmpty()) {
                long budget = WriteBatch.TURN_BUDGET - channel.write(b);
                outbound.keepCopy(b);
                boolean allWritten = outbound.isEmpty();
                batch.moveRestTo(outbound);
                if (allWritten && !outbound.isEmpty()) {
                    outbound.writeTo(channel, b, budget); // the batch has been written: its buffer is free
                }
            } else {
                outbound.keepCopy(b); // after what is queued already
                batch.moveRestTo(outbound);
            }
        } finally {
            batch.clear();
        }
        if (!outbound.isEmpty()) {
            channel.writeInterest(true); // also when only the turn is over: the selector comes back at once
        } else {
            runCallbacks(true);
        }
    }

    /**
     * The socket is writable again: writes from the queue, up to the turn's budget.
     *
     * @param stage a direct buffer, free for the duration of the call (the loop's empty batch)
     * @return bytes written
     * @throws IOException from the channel
     */
    long onWritable(ByteBuffer stage) throws IOException {
        long n = outbound.writeTo(channel, stage, WriteBatch.TURN_BUDGET);
        if (outbound.isEmpty()) {
            channel.writeInterest(false);
            runCallbacks(true);
        }
        return n;
    }

    /** The connection is closed: what is not written never will be, and the callbacks learn it. */
    void closed() {
        outbound.clear();
        runCallbacks(false);
    }

    private void runCallbacks(boolean delivered) {
        List<CompletionCallback> run = written;
        if (run == null) {
            return;
        }
        written = null;
        for (CompletionCallback c : run) {
            try {
                c.completed(delivered);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Completion callback failed", e);
            }
        }
    }
}
