package dev.pronto.connection;

import dev.pronto.Response;

/** A place in a connection's pipeline queue: the response of one request, or an interim 100 Continue. */
final class PendingResponse {
    final boolean headMethod;
    final int connection; // a ResponseEncoder connection mode
    final boolean interim;
    Response response;
    boolean done;

    PendingResponse(boolean headMethod, int connection, boolean interim) {
        this.headMethod = headMethod;
        this.connection = connection;
        this.interim = interim;
    }

    static PendingResponse ready(Response response, boolean headMethod, int connection) {
        PendingResponse p = new PendingResponse(headMethod, connection, false);
        p.response = response;
        p.done = true;
        return p;
    }
}
