package dev.pronto.filter;

import dev.pronto.Extension;
import dev.pronto.Plugin;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Routes;
import dev.pronto.http.Tokens;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An id for every request, to find one request in the logs of several services: the one the caller sent in
 * {@code X-Request-Id} (a proxy or the service upstream) when it is valid, else a new one; handlers read it with
 * {@link #of(Request)}, and it is on every response in the same header, errors and 404s included (where the access log
 * reads it).
 *
 * <pre>{@code
 * app.install(RequestId.defaults());
 * app.get("/orders/{id}", request -> {
 *     log.info("order lookup " + RequestId.of(request));
 *     return Response.text("order");
 * });
 * }</pre>
 *
 * <p>An incoming id is kept when it is 1 to 128 characters of {@code A-Z a-z 0-9 . _ - :} and sent once; anything
 * else (too long, a space, a control character, a repeated field) is replaced, so an id never carries what could
 * forge a log line. A new id is a random UUID (version 4) drawn from {@link ThreadLocalRandom}: unique in practice
 * (122 random bits), about ten times cheaper than {@link UUID#randomUUID()}, which draws from {@code SecureRandom};
 * an id is a label, not a secret. A response whose handler set the header already keeps its value.
 */
public final class RequestId implements Plugin {
    /** The default header, {@code X-Request-Id}. */
    public static final String HEADER = "X-Request-Id";
    /** The longest incoming id kept. */
    public static final int MAX_LENGTH = 128;

    /** Where a request's id is kept once decided; shared with the request's copy for a blocking handler. */
    private static final Extension<Slot> SLOT = Extension.of(request -> new Slot());

    private final String header;
    private final boolean acceptIncoming;

    private RequestId(String header, boolean acceptIncoming) {
        this.header = header;
        this.acceptIncoming = acceptIncoming;
    }

    /** @return ids in {@code X-Request-Id}, incoming ones accepted when valid */
    public static RequestId defaults() {
        return new RequestId(HEADER, true);
    }

    /**
     * Ids in another header, such as {@code X-Correlation-Id}.
     *
     * @param name           the header, read on requests and written on responses
     * @param acceptIncoming whether a valid incoming id is kept ({@code false} at the edge, where any client could
     *                       choose it: every request then gets a new one)
     * @return the plugin
     * @throws IllegalArgumentException if the name is no header name
     */
    public static RequestId header(String name, boolean acceptIncoming) {
        if (!Tokens.isToken(Objects.requireNonNull(name, "name"))) { // RFC 9110 §5.1
            throw new IllegalArgumentException("Not a header name: '" + name + "'");
        }
        return new RequestId(name, acceptIncoming);
    }

    /**
     * Returns the id of a request: the one this plugin accepted or made for it. Where none has been decided yet (in
     * an error handler of a 404, whose route's before filters never ran) a new one is made and kept, so that a
     * request has one id throughout.
     *
     * @param request the request
     * @return the id
     */
    public static String of(Request request) {
        Slot slot = request.get(SLOT);
        if (slot.id == null) {
            slot.id = generate();
        }
        return slot.id;
    }

    /** Decides the id before the handler (a before filter) and puts it on the response (an after filter). */
    @Override
    public void install(Routes<?> routes) {
        routes.before(request -> {
            decide(request);
            return null;
        });
        // An after filter also runs where before filters do not (404, 405, the engine's refusals): it decides there.
        routes.after((request, response) -> Fields.has(response, header) ? response
                : response.withHeader(header, decide(request)));
    }

    private String decide(Request request) {
        Slot slot = request.get(SLOT);
        if (slot.id == null) {
            slot.id = acceptIncoming ? incoming(request.headers(header)) : null;
            if (slot.id == null) {
                slot.id = generate();
            }
        }
        return slot.id;
    }

    /** @return the incoming id if it is valid and sent once, else null */
    static String incoming(List<String> values) {
        if (values.size() != 1) {
            return null;
        }
        String id = values.get(0);
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-' || c == ':')) {
                return null;
            }
        }
        return id;
    }

    /** @return a version 4 (random) UUID, RFC 9562 §5.4, from the calling thread's generator */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(3L << 62) | 1L << 63; // variant 10
        return new UUID(high, low).toString();
    }

    /** A request's id, once decided. */
    private static final class Slot {
        String id;
    }
}
