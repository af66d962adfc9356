package dev.pronto;

import dev.pronto.http.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A cookie to set, rendered as the value of a {@code Set-Cookie} header (RFC 6265 §4.1). Immutable: each
 * {@code with…} method returns a new cookie. Everything is checked when it is given, so no value can break out of the
 * header: names must be tokens, values cookie-octets, paths and domains free of controls and {@code ;}.
 *
 * <pre>{@code
 * Cookie session = Cookie.of("id", token).withPath("/").withMaxAge(Duration.ofHours(1))
 *         .secure().httpOnly().withSameSite(Cookie.SameSite.LAX);
 * session.headerValue();  // id=…; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax
 * }</pre>
 */
public final class Cookie {
    /** The {@code SameSite} attribute (RFC 6265bis §4.1.2.7): when the browser sends the cookie cross-site. */
    public enum SameSite {
        /** Only with same-site requests. */
        STRICT("Strict"),
        /** With same-site requests and top-level cross-site navigations. */
        LAX("Lax"),
        /** With every request; browsers accept it only on a {@code Secure} cookie. */
        NONE("None");

        private final String attribute;

        SameSite(String attribute) {
            this.attribute = attribute;
        }

        /** @return the attribute's value as rendered: {@code Strict}, {@code Lax} or {@code None} */
        public String attribute() {
            return attribute;
        }
    }

    // IMF-fixdate, RFC 9110 §5.6.7 (which RFC 6265 §5.1.1 parses): a two-digit day and a four-digit year.
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    // RFC 6265 §5.1.1 refuses years before 1601; IMF-fixdate has four digits for the year.
    private static final Instant EARLIEST = Instant.parse("1601-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final String name;
    private final String value;
    private final String path;
    private final String domain;
    private final Duration maxAge;
    private final Instant expires;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;

    private Cookie(String name, String value, String path, String domain, Duration maxAge, Instant expires,
                   boolean secure, boolean httpOnly, SameSite sameSite) {
        this.name = name;
        this.value = value;
        this.path = path;
        this.domain = domain;
        this.maxAge = maxAge;
        this.expires = expires;
        this.secure = secure;
        this.httpOnly = httpOnly;
        this.sameSite = sameSite;
    }

    /**
     * Creates a cookie with no attributes: a session cookie for the path of the request that sets it.
     *
     * @param name  a token (RFC 9110 §5.6.2)
     * @param value cookie-octets (RFC 6265 §4.1.1), possibly empty, possibly wrapped in one pair of double quotes
     * @return the cookie
     * @throws IllegalArgumentException if the name is not a token or the value not cookie-octets
     */
    public static Cookie of(String name, String value) {
        return new Cookie(checkName(name), checkValue(value), null, null, null, null, false, false, null);
    }

    /**
     * Creates a cookie that tells the browser to delete one: an empty value with {@code Max-Age=0}. The browser deletes
     * only the cookie with the same name, path and domain, so add the {@link #withPath path} and {@link #withDomain
     * domain} the cookie was set with.
     *
     * @param name a token (RFC 9110 §5.6.2)
     * @return the cookie
     * @throws IllegalArgumentException if the name is not a token
     */
    public static Cookie delete(String name) {
        return of(name, "").withMaxAge(Duration.ZERO);
    }

    /**
     * Sets the {@code Path} attribute.
     *
     * @param path the path, non-empty, without controls, {@code ;} or non-ASCII characters
     * @return a new cookie
     * @throws IllegalArgumentException if the path is empty or holds a forbidden character
     */
    public Cookie withPath(String path) {
        return new Cookie(name, value, checkAttribute("Path", path), domain, maxAge, expires, secure, httpOnly,
                sameSite);
    }

    /**
     * Sets the {@code Domain} attribute.
     *
     * @param domain the domain, non-empty, without controls, {@code ;} or non-ASCII characters
     * @return a new cookie
     * @throws IllegalArgumentException if the domain is empty or holds a forbidden character
     */
    public Cookie withDomain(String domain) {
        return new Cookie(name, value, path, checkAttribute("Domain", domain), maxAge, expires, secure, httpOnly,
                sameSite);
    }

    /**
     * Sets the {@code Max-Age} attribute, rendered in whole seconds (a fraction of a second is dropped).
     *
     * @param maxAge how long the cookie lives; zero deletes it
     * @return a new cookie
     * @throws IllegalArgumentException if the duration is negative
     */
    public Cookie withMaxAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("Max-Age must not be negative: " + maxAge);
        }
        return new Cookie(name, value, path, domain, Duration.ofSeconds(maxAge.getSeconds()), expires, secure,
                httpOnly, sameSite);
    }

    /**
     * Sets the {@code Expires} attribute, rendered as an IMF-fixdate in whole seconds.
     *
     * @param expires when the cookie expires, in the years 1601 to 9999
     * @return a new cookie
     * @throws IllegalArgumentException if the instant is outside those years
     */
    public Cookie withExpires(Instant expires) {
        Objects.requireNonNull(expires, "expires");
        if (expires.isBefore(EARLIEST) || expires.isAfter(LATEST)) {
            throw new IllegalArgumentException("Expires must be in the years 1601 to 9999: " + expires);
        }
        return new Cookie(name, value, path, domain, maxAge, Instant.ofEpochSecond(expires.getEpochSecond()),
                secure, httpOnly, sameSite);
    }

    /** @return a new cookie with the {@code Secure} attribute: sent over HTTPS only */
    public Cookie secure() {
        return new Cookie(name, value, path, domain, maxAge, expires, true, httpOnly, sameSite);
    }

    /** @return a new cookie with the {@code HttpOnly} attribute: hidden from scripts */
    public Cookie httpOnly() {
        return new Cookie(name, value, path, domain, maxAge, expires, secure, true, sameSite);
    }

    /**
     * Sets the {@code SameSite} attribute. {@link SameSite#NONE} needs {@link #secure()} as well, in either order:
     * {@link #headerValue()} checks it.
     *
     * @param sameSite the attribute
     * @return a new cookie
     */
    public Cookie withSameSite(SameSite sameSite) {
        Objects.requireNonNull(sameSite, "sameSite");
        return new Cookie(name, value, path, domain, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the value, as it is rendered (quotes included, if it has them) */
    public String value() {
        return value;
    }

    /** @return the {@code Path} attribute, if set */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** @return the {@code Domain} attribute, if set */
    public Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    /** @return the {@code Max-Age} attribute in whole seconds, if set */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /** @return the {@code Expires} attribute in whole seconds, if set */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /** @return whether the cookie has the {@code Secure} attribute */
    public boolean isSecure() {
        return secure;
    }

    /** @return whether the cookie has the {@code HttpOnly} attribute */
    public boolean isHttpOnly() {
        return httpOnly;
    }

    /** @return the {@code SameSite} attribute, if set */
    public Optional<SameSite> sameSite() {
        return Optional.ofNullable(sameSite);
    }

    /**
     * Renders the value of a {@code Set-Cookie} header: the pair, then the attributes that are set, in the order
     * {@code Path}, {@code Domain}, {@code Max-Age}, {@code Expires}, {@code Secure}, {@code HttpOnly},
     * {@code SameSite}.
     *
     * @return the header value
     * @throws IllegalStateException if {@code SameSite=None} is set without {@code Secure}, which browsers refuse
     */
    public String headerValue() {
        if (sameSite == SameSite.NONE && !secure) {
            throw new IllegalStateException("Cookie " + name + ": SameSite=None needs Secure");
        }
        return render(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cookie c && name.equals(c.name) && value.equals(c.value) && Objects.equals(path, c.path)
                && Objects.equals(domain, c.domain) && Objects.equals(maxAge, c.maxAge)
                && Objects.equals(expires, c.expires) && secure == c.secure && httpOnly == c.httpOnly
                && sameSite == c.sameSite;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value, path, domain, maxAge, expires, secure, httpOnly, sameSite);
    }

    /** The rendering with the value hidden: cookie values are often secrets and strings end up in logs. */
    @Override
    public String toString() {
        return "Cookie[" + render("...") + "]";
    }

    private String render(String shownValue) {
        StringBuilder b = new StringBuilder(64).append(name).append('=').append(shownValue);
        if (path != null) {
            b.append("; Path=").append(path);
        }
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            b.append("; Max-Age=").append(maxAge.getSeconds());
        }
        if (expires != null) {
            b.append("; Expires=").append(IMF_FIXDATE.format(expires));
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        if (sameSite != null) {
            b.append("; SameSite=").append(sameSite.attribute());
        }
        return b.toString();
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        // cookie-name = token, RFC 6265 §4.1.1 and RFC 9110 §5.6.2.
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("Cookie name is not a token: " + printable(name));
        }
        return name;
    }

    private static String checkValue(String value) {
        Objects.requireNonNull(value, "value");
        // cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ), RFC 6265 §4.1.1.
        boolean quoted = value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"';
        int from = quoted ? 1 : 0;
        int to = quoted ? value.length() - 1 : value.length();
        for (int i = from; i < to; i++) {
            if (!isCookieOctet(value.charAt(i))) {
                throw new IllegalArgumentException("Cookie value holds a forbidden character (code "
                        + (int) value.charAt(i) + ") at index " + i);
            }
        }
        return value;
    }

    private static boolean isCookieOctet(char c) {
        // %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E: US-ASCII but controls, whitespace, DQUOTE, comma, ; and \.
        return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
    }

    private static String checkAttribute(String attribute, String v) {
        Objects.requireNonNull(v, attribute);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(attribute + " must not be empty");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            // path-value = <any CHAR except CTLs or ";">, RFC 6265 §4.1.1; CR and LF would split the header.
            if (c < 0x20 || c >= 0x7f || c == ';') {
                throw new IllegalArgumentException(attribute + " holds a forbidden character (code " + (int) c
                        + ") at index " + i);
            }
        }
        return v;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }
}
