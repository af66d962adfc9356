package dev.pronto.filter;

import dev.pronto.HttpException;
import dev.pronto.Method;
import dev.pronto.Plugin;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Routes;
import dev.pronto.Status;
import dev.pronto.http.Tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-origin resource sharing, the server's side of the Fetch standard's CORS protocol
 * (<a href="https://fetch.spec.whatwg.org/#http-cors-protocol">fetch.spec.whatwg.org#http-cors-protocol</a>):
 * which origins may read the responses, with which methods, request headers and credentials.
 *
 * <pre>{@code
 * app.install(Cors.builder().allowOrigins("https://app.example").allowMethods(Method.GET, Method.POST, Method.DELETE)
 *         .allowHeaders("Content-Type", "Authorization").exposeHeaders("X-Request-Id")
 *         .allowCredentials(true).maxAge(Duration.ofMinutes(10)).build());
 * }</pre>
 *
 * <ul>
 *   <li><b>Preflight</b> ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}): answered
 *   204 by a before filter, without reaching a handler, with {@code Access-Control-Allow-Origin}, {@code -Methods},
 *   {@code -Headers} (the requested ones), {@code -Max-Age} and {@code -Credentials}, when the origin, the method and
 *   every requested header are allowed. Otherwise 403 without any CORS header, as the standard suggests for a refusal
 *   (its message says which check failed), through the app's error handlers like any {@link HttpException}. A
 *   known path answers OPTIONS itself (204 with {@code Allow}) when no route does, so a preflight reaches this filter
 *   wherever a route exists; an unknown path stays 404.</li>
 *   <li><b>Other requests</b>: an after filter adds {@code Access-Control-Allow-Origin} (and {@code -Credentials},
 *   {@code -Expose-Headers}) to every response, errors and 404s included, when the {@code Origin} is allowed; nothing
 *   is refused, since the browser is the one that withholds a response. A response that carries
 *   {@code Access-Control-Allow-Origin} already (set by its handler) is left as it is.</li>
 *   <li><b>{@code Vary}</b>: with a list of origins, every response gets {@code Vary: Origin} (its CORS headers
 *   depend on it), a preflight also {@code Vary: Access-Control-Request-Method, Access-Control-Request-Headers}.
 *   With {@code "*"} the answer is the same for every origin ({@code Access-Control-Allow-Origin: *} on every
 *   response), so only a preflight varies, on the last two.</li>
 * </ul>
 *
 * <p>Install it before any filter that refuses requests without credentials: a preflight never carries credentials
 * (cookies, {@code Authorization}), so an auth filter that runs first answers it 401 and the browser stops there.
 * A CORS check happens in the browser; this filter does not protect the server against requests from other origins
 * (use CSRF defences for that).
 */
public final class Cors implements Plugin {
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    private static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    private static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    private static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    private static final String MAX_AGE = "Access-Control-Max-Age";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    /** A serialized origin: scheme "://" host, an optional port, nothing after (no path, not even a "/"). */
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#@\\s]+");

    private final Set<String> origins; // empty: any origin
    private final Set<String> methods; // names, case-sensitive (RFC 9110 §9.1)
    private final Set<String> headers; // lower case; null: any header
    private final String methodList;
    private final String exposed; // null: none
    private final boolean credentials;
    private final long maxAgeSeconds; // negative: not sent
    private final Fields.Memo anyOrigin = new Fields.Memo(this::dressForAnyOrigin);
    private final Fields.Memo varyOnly = new Fields.Memo(r -> Fields.vary(r, "Origin"));

    private Cors(Builder b) {
        origins = Set.copyOf(b.origins);
        methods = Set.copyOf(b.methods);
        headers = b.anyHeader ? null : Set.copyOf(b.headers);
        methodList = String.join(", ", b.methods);
        exposed = b.exposed.isEmpty() ? null : String.join(", ", b.exposed);
        credentials = b.credentials;
        maxAgeSeconds = b.maxAge == null ? -1 : b.maxAge.toSeconds();
    }

    /** @return a builder; at least {@link Builder#allowOrigins} must be given */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers the preflight answer (a before filter) and the headers of every other response (an after filter). */
    @Override
    public void install(Routes<?> routes) {
        routes.before(this::preflight);
        routes.after(this::dress);
    }

    /** @return whether the request is a CORS-preflight request (Fetch §3.2.2) */
    private static boolean isPreflight(Request request) {
        return request.method().equals(Method.OPTIONS) && request.header("Origin").isPresent()
                && request.header(REQUEST_METHOD).isPresent();
    }

    private Response preflight(Request request) {
        if (!isPreflight(request)) {
            return null;
        }
        String vary = origins.isEmpty() ? REQUEST_METHOD + ", " + REQUEST_HEADERS
                : "Origin, " + REQUEST_METHOD + ", " + REQUEST_HEADERS;
        String origin = allowedOrigin(request);
        if (origin == null) {
            throw refused("the origin is not allowed", vary);
        }
        String method = request.header(REQUEST_METHOD).orElseThrow();
        if (!methods.contains(method) || request.headers(REQUEST_METHOD).size() != 1) {
            throw refused("the method is not allowed", vary);
        }
        List<String> requested = requestedHeaders(request);
        if (headers != null && !headers.containsAll(requested)) {
            throw refused("a request header is not allowed", vary);
        }
        Response answer = Response.status(Status.NO_CONTENT).withHeader(ALLOW_ORIGIN, origin);
        if (credentials) {
            answer = answer.withHeader(ALLOW_CREDENTIALS, "true");
        }
        // The whole list, so that the browser caches every method at once (Fetch §4.8, the method cache).
        answer = answer.withHeader(ALLOW_METHODS, methodList);
        if (!requested.isEmpty()) {
            // The names asked for, never "*": that is no wildcard for a request with credentials, nor for
            // Authorization in any request (Fetch §3.2.3, CORS non-wildcard request-header name).
            answer = answer.withHeader(ALLOW_HEADERS, String.join(", ", requested));
        }
        if (maxAgeSeconds >= 0) {
            answer = answer.withHeader(MAX_AGE, Long.toString(maxAgeSeconds));
        }
        return answer.withHeader("Vary", vary);
    }

    private static HttpException refused(String why, String vary) {
        return new HttpException(Status.FORBIDDEN, "CORS preflight refused: " + why).withHeader("Vary", vary);
    }

    /**
     * @return the value of {@code Access-Control-Allow-Origin} for this request: {@code *} for any origin, the
     *         request's own origin when listed; null when it is absent, repeated or not allowed
     */
    private String allowedOrigin(Request request) {
        if (origins.isEmpty()) {
            return "*";
        }
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty() || !origins.contains(origin.get()) || request.headers("Origin").size() != 1) {
            return null;
        }
        return origin.get();
    }

    /** @return the names of {@code Access-Control-Request-Headers}, lower case, in order, empty elements skipped */
    private static List<String> requestedHeaders(Request request) {
        List<String> names = new ArrayList<>();
        for (String value : request.headers(REQUEST_HEADERS)) {
            for (String element : value.split(",")) {
                String name = element.trim();
                if (!name.isEmpty()) { // RFC 9110 §5.6.1: a recipient accepts and ignores empty list elements
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private Response dress(Request request, Response response) {
        if (isPreflight(request) || Fields.has(response, ALLOW_ORIGIN)) {
            return response; // answered above, or not routed (404); or the handler's own CORS answer
        }
        if (origins.isEmpty()) {
            return anyOrigin.apply(response);
        }
        String origin = allowedOrigin(request);
        if (origin == null) {
            return varyOnly.apply(response);
        }
        Response dressed = response.withHeader(ALLOW_ORIGIN, origin);
        if (credentials) {
            dressed = dressed.withHeader(ALLOW_CREDENTIALS, "true");
        }
        if (exposed != null) {
            dressed = dressed.withHeader(EXPOSE_HEADERS, exposed);
        }
        return Fields.vary(dressed, "Origin");
    }

    private Response dressForAnyOrigin(Response response) {
        Response dressed = response.withHeader(ALLOW_ORIGIN, "*");
        return exposed == null ? dressed : dressed.withHeader(EXPOSE_HEADERS, exposed);
    }

    /** Collects a CORS policy; {@link #build} checks it. */
    public static final class Builder {
        private final Set<String> origins = new LinkedHashSet<>();
        private boolean anyOrigin;
        private final Set<String> methods = new LinkedHashSet<>(List.of("GET", "HEAD", "POST"));
        private boolean methodsGiven;
        private final Set<String> headers = new LinkedHashSet<>();
        private boolean anyHeader;
        private final Set<String> exposed = new LinkedHashSet<>();
        private boolean credentials;
        private Duration maxAge;

        private Builder() {
        }

        /**
         * Allows origins, each exactly as a browser serializes it ({@code https://app.example},
         * {@code http://localhost:5173}: scheme, host, port if not the default, no trailing slash), or {@code "*"}
         * alone for any origin. {@code null} (the origin of sandboxed frames and {@code file:} pages, shared by all of
         * them) cannot be listed: allowing it would allow anyone.
         *
         * @param origins the origins, or {@code "*"}
         * @return this builder
         * @throws IllegalArgumentException for a malformed origin, {@code null}, or {@code "*"} beside others
         */
        public Builder allowOrigins(String... origins) {
            for (String origin : origins) {
                Objects.requireNonNull(origin, "origin");
                if (origin.equals("*")) {
                    anyOrigin = true;
                } else if (origin.equals("null")) {
                    throw new IllegalArgumentException("The origin 'null' cannot be allowed: every sandboxed frame and"
                            + " file: page sends it, so allowing it allows anyone");
                } else if (!ORIGIN.matcher(origin.toLowerCase(Locale.ROOT)).matches()) {
                    throw new IllegalArgumentException("Not an origin: '" + origin + "' (write scheme://host[:port],"
                            + " without a path or a trailing slash, e.g. https://app.example)");
                } else {
                    this.origins.add(origin.toLowerCase(Locale.ROOT)); // browsers send scheme and host in lower case
                }
            }
            if (anyOrigin && !this.origins.isEmpty()) {
                throw new IllegalArgumentException("'*' allows every origin: list origins or give '*' alone");
            }
            return this;
        }

        /**
         * Sets the methods a preflighted request may use; {@code GET}, {@code HEAD} and {@code POST} by default
         * (those a browser sends without a preflight when the headers are simple, RFC 9110 §9).
         *
         * @param methods the methods
         * @return this builder
         */
        public Builder allowMethods(Method... methods) {
            if (!methodsGiven) {
                this.methods.clear();
                methodsGiven = true;
            }
            for (Method method : methods) {
                this.methods.add(Objects.requireNonNull(method, "method").name());
            }
            return this;
        }

        /**
         * Allows request headers beyond the CORS-safelisted ones, matched case-insensitively; {@code "*"} allows any
         * header asked for. A JSON API needs {@code Content-Type} here: {@code application/json} is not safelisted.
         *
         * @param names the header names, or {@code "*"}
         * @return this builder
         */
        public Builder allowHeaders(String... names) {
            for (String name : names) {
                if (Objects.requireNonNull(name, "name").equals("*")) {
                    anyHeader = true;
                } else {
                    headers.add(checkName(name).toLowerCase(Locale.ROOT));
                }
            }
            return this;
        }

        /**
         * Lets the page read response headers beyond the CORS-safelisted ones ({@code Access-Control-Expose-Headers}).
         *
         * @param names the header names ({@code "*"} for all, without credentials only)
         * @return this builder
         */
        public Builder exposeHeaders(String... names) {
            for (String name : names) {
                exposed.add(name.equals("*") ? name : checkName(name));
            }
            return this;
        }

        /**
         * Lets requests with credentials (cookies, {@code Authorization}, client certificates) read the responses:
         * {@code Access-Control-Allow-Credentials: true}. Only with listed origins, never with {@code "*"}.
         *
         * @param allow whether credentials are allowed
         * @return this builder
         */
        public Builder allowCredentials(boolean allow) {
            credentials = allow;
            return this;
        }

        /**
         * Lets the browser cache a preflight's answer ({@code Access-Control-Max-Age}); not sent by default, which
         * browsers read as 5 seconds (and cap, at 2 hours in Chromium).
         *
         * @param maxAge the duration, whole seconds
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxAge(Duration maxAge) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * @return the policy, to {@link dev.pronto.Routes#install install} on an app or group
         * @throws IllegalStateException if no origin was allowed, or credentials are allowed with {@code "*"} for
         *                               origins or exposed headers (browsers refuse both, Fetch §3.2.5)
         */
        public Cors build() {
            if (!anyOrigin && origins.isEmpty()) {
                throw new IllegalStateException("No origin allowed: call allowOrigins(\"https://…\") or allowOrigins(\"*\")");
            }
            if (credentials && anyOrigin) {
                throw new IllegalStateException("Credentials cannot be allowed for every origin ('*'): browsers refuse"
                        + " it, and echoing any origin instead would let every site read your users' data; list"
                        + " the origins");
            }
            if (credentials && exposed.contains("*")) {
                throw new IllegalStateException("With credentials, '*' in exposeHeaders is no wildcard: list the"
                        + " headers");
            }
            if (methods.isEmpty()) {
                throw new IllegalStateException("No method allowed");
            }
            return new Cors(this);
        }

        private static String checkName(String name) {
            if (!Tokens.isToken(name)) { // RFC 9110 §5.1: a field name is a token
                throw new IllegalArgumentException("Not a header name: '" + name + "'");
            }
            return name;
        }
    }
}
