package dev.pronto.http1;

import dev.pronto.Request.CompletionCallback;
import dev.pronto.Response;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A place in a connection's pipeline queue: the response of one request, or an interim 100 Continue. */
final class PendingResponse {
    final boolean headMethod;
    final int connection; // a ResponseEncoder connection mode
    final boolean interim;
    Response response;
    boolean done;
    /** For a response still to come: its request (holder of completion callbacks), future and start time. */
    HttpRequest request;
    CompletableFuture<?> future;
    long startedAt;
    List<CompletionCallback> callbacks;
    ExchangeRecord record; // what the observers learn of it; null while nothing observes

    PendingResponse(boolean headMethod, int connection, boolean interim) {
        this.headMethod = headMethod;
        this.connection = connection;
        this.interim = interim;
    }

    /** The response has come: it waits for its turn, with its request's callbacks; the request is let go. */
    void complete(Response r) {
        response = r;
        done = true;
        future = null;
        callbacks = request.takeCallbacks();
        request = null;
    }

    /** Cancels the handler still running for this place, so that its own filters no longer run on its answer. */
    void cancel() {
        CompletableFuture<?> f = future;
        future = null;
        if (f != null) {
            f.cancel(true);
        }
    }

    static PendingResponse ready(Response response, boolean headMethod, int connection,
                                 List<CompletionCallback> callbacks) {
        PendingResponse p = new PendingResponse(headMethod, connection, false);
        p.response = response;
        p.done = true;
        p.callbacks = callbacks;
        return p;
    }
}
