package dev.pronto.http1;

import dev.pronto.Request.CompletionCallback;
import dev.pronto.Response;
import dev.pronto.response.ResponseEncoder;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The responses of one connection not encoded yet, in request order (RFC 9112 §9.3.2: pipelined responses leave in
 * the order of their requests): one that is not ready holds back the later ones, which are kept ready. Also the
 * limits on what waits: how many responses (past it, the connection stops reading) and how long a handler may run.
 * Empty and unallocated while every response is ready at once, the common case. Used only on its loop's thread.
 */
final class Pipeline {
    private final int maxPipelined;
    private final long handlerTimeoutNanos;
    private ArrayDeque<PendingResponse> queue; // created by the first response that comes later

    /**
     * @param maxPipelined        how many responses may wait before the connection stops reading
     * @param handlerTimeoutNanos how long a handler may take to answer
     */
    Pipeline(int maxPipelined, long handlerTimeoutNanos) {
        this.maxPipelined = maxPipelined;
        this.handlerTimeoutNanos = handlerTimeoutNanos;
    }

    /** @return whether nothing waits, so that a ready response may be encoded at once */
    boolean isEmpty() {
        return queue == null || queue.isEmpty();
    }

    /** @return whether as many responses wait as may: reading pauses until fewer do */
    boolean full() {
        return queue != null && queue.size() >= maxPipelined;
    }

    /**
     * Queues a ready response behind the earlier ones, which are not all encoded yet.
     *
     * @return its place
     */
    PendingResponse addReady(Response response, boolean headMethod, int mode, List<CompletionCallback> callbacks) {
        assert !isEmpty() : "a ready response with nothing before it is encoded at once";
        PendingResponse p = PendingResponse.ready(response, headMethod, mode, callbacks);
        queue.add(p);
        return p;
    }

    /** Queues an interim {@code 100 Continue} behind the earlier responses (RFC 9110 §15.2.1). */
    void addContinue() {
        assert !isEmpty() : "a 100 Continue with nothing before it is written at once";
        PendingResponse interim = new PendingResponse(false, ResponseEncoder.KEEP_ALIVE_DEFAULT, true);
        interim.done = true;
        queue.add(interim);
    }

    /**
     * Opens the place of a response that comes later.
     *
     * @param request    the request answered, holder of its completion callbacks
     * @param headMethod whether it is a HEAD request
     * @param mode       a {@code ResponseEncoder} connection mode
     * @return the place, to {@link PendingResponse#complete complete} when the response comes
     */
    PendingResponse await(HttpRequest request, boolean headMethod, int mode) {
        PendingResponse slot = new PendingResponse(headMethod, mode, false);
        slot.request = request;
        if (queue == null) {
            queue = new ArrayDeque<>();
        }
        queue.add(slot);
        return slot;
    }

    /** @return the response at the head if it is ready, removed to be encoded; else {@code null} */
    PendingResponse nextReady() {
        return queue != null && !queue.isEmpty() && queue.peek().done ? queue.poll() : null;
    }

    /** @return the oldest response still to come, so the first to time out; {@code null} if there is none */
    PendingResponse unanswered() {
        if (queue != null) {
            for (PendingResponse p : queue) {
                if (!p.done) {
                    return p;
                }
            }
        }
        return null;
    }

    /** @return the oldest response still to come if its handler is past the timeout at {@code now}, else null */
    PendingResponse overdue(long now) {
        PendingResponse p = unanswered();
        return p != null && p.startedAt + handlerTimeoutNanos - now <= 0 ? p : null;
    }

    /** @return when the oldest response still to come times out; {@code never} if there is none */
    long handlerDeadline(long never) {
        PendingResponse p = unanswered();
        return p != null ? p.startedAt + handlerTimeoutNanos : never;
    }

    /**
     * The connection is closed: no response will be written. Their callbacks go to the writer, which tells them so,
     * and the handlers still running are cancelled, since nobody will read their answer.
     *
     * @return how many of them had not answered yet
     */
    int abandon(OutboundWriter writer) {
        int unanswered = 0;
        if (queue != null) {
            for (PendingResponse p : queue) {
                if (!p.done) {
                    unanswered++;
                    p.done = true; // an answer that still comes is dropped
                }
                if (p.callbacks != null || p.request != null) {
                    writer.onceWritten(p.callbacks != null ? p.callbacks : p.request.takeCallbacks());
                }
                if (p.future != null) {
                    p.future.cancel(true);
                }
            }
            queue = null;
        }
        return unanswered;
    }

    /** Forgets the queue, which is empty: the connection lingers and answers nothing more. */
    void clear() {
        queue = null;
    }
}
