package dev.pronto.filter;

import dev.pronto.Plugin;
import dev.pronto.Response;
import dev.pronto.Routes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Response headers that make a browser handle the responses more safely, on every response (handlers', errors and
 * 404s), each one only where the response does not carry that header already: a handler's own value wins.
 *
 * <pre>{@code
 * app.install(SecurityHeaders.defaults());
 * app.install(SecurityHeaders.builder().contentSecurityPolicy("default-src 'self'").without("X-Frame-Options").build());
 * }</pre>
 *
 * <p>The defaults: {@code X-Content-Type-Options: nosniff} (the browser trusts {@code Content-Type}, never guesses a
 * script in a text body), {@code Referrer-Policy: no-referrer} (no URL of yours leaks to the sites you link to),
 * {@code X-Frame-Options: DENY} (no page of yours inside another site's frame: clickjacking). Off by default:
 * {@code Content-Security-Policy}, which depends on the pages an app serves ({@code default-src 'none';
 * frame-ancestors 'none'} suits a JSON API); and {@code Strict-Transport-Security}, since Pronto speaks plain HTTP: a
 * browser ignores it over HTTP (RFC 6797 §8.1), and it belongs on the HTTPS answers of whatever terminates TLS in
 * front of the server, or here when that proxy passes the header through.
 */
public final class SecurityHeaders implements Plugin {
    private final String[] names;
    private final String[] values;
    private final Fields.Memo memo = new Fields.Memo(this::dress);

    private SecurityHeaders(Map<String, Map.Entry<String, String>> fields) {
        names = fields.values().stream().map(Map.Entry::getKey).toArray(String[]::new);
        values = fields.values().stream().map(Map.Entry::getValue).toArray(String[]::new);
    }

    /** @return the three defaults, without a content security policy or HSTS */
    public static SecurityHeaders defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults, to change */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers the after filter that adds the headers. */
    @Override
    public void install(Routes<?> routes) {
        routes.after((request, response) -> memo.apply(response));
    }

    private Response dress(Response response) {
        Response dressed = response;
        for (int i = 0; i < names.length; i++) {
            if (!Fields.has(response, names[i])) {
                dressed = dressed.withHeader(names[i], values[i]);
            }
        }
        return dressed;
    }

    /** The headers to add, the defaults to start with. */
    public static final class Builder {
        private final Map<String, Map.Entry<String, String>> fields = new LinkedHashMap<>(); // by lower-case name

        private Builder() {
            header("X-Content-Type-Options", "nosniff");
            header("Referrer-Policy", "no-referrer");
            header("X-Frame-Options", "DENY");
        }

        /**
         * Adds a header, or changes the value of a default ({@code header("X-Frame-Options", "SAMEORIGIN")}).
         *
         * @param name  the header name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException if the name is no token or one the server sets itself
         *                                  ({@code Content-Type}…), or the value holds CR, LF or a control character
         */
        public Builder header(String name, String value) {
            Response.status(204).withHeader(name, value); // the checks every response field passes, made now
            fields.put(name.toLowerCase(Locale.ROOT), Map.entry(name, value));
            return this;
        }

        /**
         * Drops a header, a default or one added before.
         *
         * @param name the header name, case-insensitive
         * @return this builder
         */
        public Builder without(String name) {
            fields.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Adds {@code Content-Security-Policy}.
         *
         * @param policy the policy, such as {@code default-src 'none'; frame-ancestors 'none'} for a JSON API
         * @return this builder
         */
        public Builder contentSecurityPolicy(String policy) {
            return header("Content-Security-Policy", policy);
        }

        /**
         * Adds {@code Strict-Transport-Security} (RFC 6797): only for a server reached over HTTPS, through a proxy
         * that terminates TLS and passes this header on; a browser ignores it on a plain-HTTP answer.
         *
         * @param maxAge            how long the browser keeps to HTTPS, whole seconds
         * @param includeSubDomains whether the subdomains are covered too
         * @return this builder
         */
        public Builder strictTransportSecurity(Duration maxAge, boolean includeSubDomains) {
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
            return header("Strict-Transport-Security", "max-age=" + maxAge.toSeconds()
                    + (includeSubDomains ? "; includeSubDomains" : ""));
        }

        /** @return the filter, to {@link dev.pronto.Routes#install install} on an app or group */
        public SecurityHeaders build() {
            return new SecurityHeaders(fields);
        }
    }
}
