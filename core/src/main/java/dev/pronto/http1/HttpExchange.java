package dev.pronto.http1;

import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.app.Exchange;
import dev.pronto.app.Outcome;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The exchange an HTTP/1 connection hands its dispatcher: one per connection, bound to each request in turn, so that
 * a dispatch allocates nothing. The path is the parsed head's offsets into the read buffer (or into a detached
 * copy's own bytes).
 */
final class HttpExchange implements Exchange {
    private final Outcome.Now now = new Outcome.Now();
    private HttpRequest request;
    private Object kept;

    /** Points this exchange at the request about to be dispatched ({@code null} once it has been). */
    HttpExchange bind(HttpRequest request) {
        this.request = request;
        return this;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Request detach() {
        return request.detach();
    }

    @Override
    public ByteBuffer pathBytes() {
        return request.buffer();
    }

    @Override
    public int pathStart() {
        return request.head().pathStart();
    }

    @Override
    public int pathEnd() {
        return request.head().pathEnd();
    }

    @Override
    public void routed(String pattern, List<String> names, String[] values) {
        request.routed(pattern, names, values);
    }

    @Override
    public Object kept() {
        return kept;
    }

    @Override
    public void keep(Object value) {
        kept = value;
    }

    /** Answers now; a file's conditions and ranges are judged here, while the request can still be read. */
    @Override
    public Outcome.Now respond(Response response) {
        return now.response(response != null ? response.forRequest(request) : null);
    }
}
