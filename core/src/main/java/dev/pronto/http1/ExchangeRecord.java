package dev.pronto.http1;

import dev.pronto.Method;
import dev.pronto.Observation;
import dev.pronto.Response;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the observers learn of one exchange, filled as it goes: the request's parts when it is read, its route once
 * dispatched, the response when encoded. Made only while an observer or the JFR event is on; a connection keeps one
 * to reuse, and a response that waits in the pipeline carries one of its own.
 */
final class ExchangeRecord implements Observation {
    private String route;
    private Method method;
    private String target;
    private int minorVersion = -1; // -1: no head was parsed
    private String[] requestHeaderNames;
    private String[] requestHeaderValues;
    private Response response;
    private long bytesReceived;
    private long bytesSent;
    private long bodyBytesSent;
    private long startNanos;
    private long startEpochMillis;
    private long durationNanos;
    private Throwable failure;
    private InetSocketAddress remote;
    boolean rejected;
    boolean timedOut;
    RequestEvent event; // the JFR event, begun with the exchange; null when no recording wants it

    /**
     * Starts the record of a request ({@code req} null for input that never became one).
     *
     * @param names the request headers the observers read (copied now: the read buffer is reused)
     */
    ExchangeRecord begin(HttpRequest req, long bodyWireBytes, InetSocketAddress remote, String[] names) {
        startNanos = System.nanoTime();
        startEpochMillis = System.currentTimeMillis();
        this.remote = remote;
        if (req != null) {
            method = req.method();
            target = req.target();
            minorVersion = req.head().minorVersion();
            bytesReceived = req.head().end() - req.head().start() + bodyWireBytes;
            if (names.length > 0) {
                requestHeaderNames = names;
                requestHeaderValues = new String[names.length];
                for (int i = 0; i < names.length; i++) {
                    requestHeaderValues[i] = req.header(names[i]).orElse(null);
                }
            }
        }
        return this;
    }

    /** Records the route the request matched, if any, read right after its dispatch. */
    void routed(String pattern) {
        route = pattern;
    }

    /** Records a handler's failure; the first one stays (an error handler that fails too is suppressed into it). */
    void failed(Throwable t) {
        if (t != null && failure == null) {
            failure = t;
        }
    }

    /** The response is encoded. */
    void finish(Response r, long sent, long body, long nowNanos) {
        response = r;
        bytesSent = sent;
        bodyBytesSent = body;
        durationNanos = nowNanos - startNanos;
    }

    /** Forgets everything, to be reused. */
    void clear() {
        route = null;
        method = null;
        target = null;
        minorVersion = -1;
        requestHeaderNames = null;
        requestHeaderValues = null;
        response = null;
        bytesReceived = 0;
        failure = null;
        remote = null;
        rejected = false;
        timedOut = false;
        event = null;
    }

    String routeOrNull() {
        return route;
    }

    Method methodOrNull() {
        return method;
    }

    String targetOrNull() {
        return target;
    }

    @Override
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }

    @Override
    public Optional<Method> method() {
        return Optional.ofNullable(method);
    }

    @Override
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    @Override
    public Optional<String> path() {
        if (target == null) {
            return Optional.empty();
        }
        int q = target.indexOf('?');
        return Optional.of(q < 0 ? target : target.substring(0, q));
    }

    @Override
    public Optional<String> version() {
        return minorVersion < 0 ? Optional.empty() : Optional.of(minorVersion == 0 ? "HTTP/1.0" : "HTTP/1.1");
    }

    @Override
    public Optional<String> requestHeader(String name) {
        if (requestHeaderNames != null) {
            for (int i = 0; i < requestHeaderNames.length; i++) {
                if (requestHeaderNames[i].equalsIgnoreCase(name)) {
                    return Optional.ofNullable(requestHeaderValues[i]);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Response response() {
        return response;
    }

    @Override
    public Optional<String> responseHeader(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return response.contentType();
        }
        List<Map.Entry<String, String>> headers = response.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            Map.Entry<String, String> h = headers.get(i);
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public int status() {
        return response.status();
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long bodyBytesSent() {
        return bodyBytesSent;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long startEpochMillis() {
        return startEpochMillis;
    }

    @Override
    public long durationNanos() {
        return durationNanos;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean rejected() {
        return rejected;
    }

    @Override
    public boolean timedOut() {
        return timedOut;
    }

    @Override
    public String toString() {
        return (method != null ? method + " " + target : "(no request)") + " -> " + status();
    }
}
