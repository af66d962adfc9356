package dev.pronto;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An access log: one line per exchange, the engine's own refusals included, written at {@code INFO} to the
 * {@link System.Logger} named {@code dev.pronto.access}, so that JUL, or SLF4J and Logback through
 * {@code slf4j-jdk-platform-logging}, receive it. Install it with {@code app.observe(AccessLog.common())}.
 *
 * <p>Formats: {@link #common()} is the Common Log Format, {@link #combined()} adds the referer and user agent, both
 * followed by two fields: the duration in microseconds and the request id; {@link #json()} is one JSON object a line.
 * Times are UTC. The request id is the response's {@code X-Request-Id} (a filter may set it), else the request's, else
 * {@code -}. The line is written on the event loop: give the logging backend an asynchronous appender in production.
 */
public final class AccessLog implements Observer {
    /** The logger's name. */
    public static final String LOGGER = "dev.pronto.access";
    private static final String REQUEST_ID = "X-Request-Id";
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private enum Format { COMMON, COMBINED, JSON }

    private final Format format;
    private final System.Logger logger;

    private AccessLog(Format format, System.Logger logger) {
        this.format = format;
        this.logger = logger;
    }

    /**
     * The Common Log Format, then the duration in µs and the request id:
     * {@code 127.0.0.1 - - [10/Oct/2025:13:55:36 +0000] "GET /a HTTP/1.1" 200 12 85 4f2c…}.
     *
     * @return the access log
     */
    public static AccessLog common() {
        return new AccessLog(Format.COMMON, System.getLogger(LOGGER));
    }

    /**
     * The Combined Log Format (common, then the quoted {@code Referer} and {@code User-Agent}), then the duration in
     * µs and the request id.
     *
     * @return the access log
     */
    public static AccessLog combined() {
        return new AccessLog(Format.COMBINED, System.getLogger(LOGGER));
    }

    /**
     * One JSON object a line: {@code time}, {@code remote}, {@code method}, {@code target}, {@code route},
     * {@code status}, {@code bytes}, {@code bytes_received}, {@code duration_us}, {@code request_id},
     * {@code referer}, {@code user_agent}, {@code error}, {@code rejected}; {@code null} for what is absent.
     *
     * @return the access log
     */
    public static AccessLog json() {
        return new AccessLog(Format.JSON, System.getLogger(LOGGER));
    }

    /**
     * Writes to another logger.
     *
     * @param logger the logger
     * @return an access log of the same format writing there
     */
    public AccessLog to(System.Logger logger) {
        return new AccessLog(format, Objects.requireNonNull(logger, "logger"));
    }

    @Override
    public Set<String> requestHeaders() {
        return format == Format.COMMON ? Set.of(REQUEST_ID) : Set.of(REQUEST_ID, "Referer", "User-Agent");
    }

    @Override
    public void completed(Observation exchange) {
        if (logger.isLoggable(Level.INFO)) {
            logger.log(Level.INFO, line(exchange));
        }
    }

    /**
     * Formats one line.
     *
     * @param exchange the exchange
     * @return its line, without a line break
     */
    public String line(Observation exchange) {
        StringBuilder b = new StringBuilder(192);
        if (format == Format.JSON) {
            json(b, exchange);
        } else {
            clf(b, exchange);
        }
        return b.toString();
    }

    private void clf(StringBuilder b, Observation e) {
        b.append(remote(e.remoteAddress())).append(" - - [");
        CLF_TIME.formatTo(Instant.ofEpochMilli(e.startEpochMillis()), b);
        b.append("] \"");
        if (e.method().isPresent()) {
            b.append(e.method().get().name()).append(' ');
            quoted(b, e.target().orElse(""));
            b.append(' ').append(e.version().orElse(""));
        } else {
            b.append('-');
        }
        b.append("\" ").append(e.status()).append(' ');
        long body = e.bodyBytesSent();
        if (body == 0) {
            b.append('-'); // CLF: no body
        } else {
            b.append(body);
        }
        if (format == Format.COMBINED) {
            b.append(" \"");
            quoted(b, e.requestHeader("Referer").orElse("-"));
            b.append("\" \"");
            quoted(b, e.requestHeader("User-Agent").orElse("-"));
            b.append('"');
        }
        b.append(' ').append(e.durationNanos() / 1000).append(' ');
        quoted(b, requestId(e).orElse("-").replace(' ', '_'));
    }

    private static void json(StringBuilder b, Observation e) {
        b.append("{\"time\":\"").append(Instant.ofEpochMilli(e.startEpochMillis())).append('"');
        member(b, "remote", remote(e.remoteAddress()));
        member(b, "method", e.method().map(Method::name).orElse(null));
        member(b, "target", e.target().orElse(null));
        member(b, "route", e.route().orElse(null));
        b.append(",\"status\":").append(e.status());
        b.append(",\"bytes\":").append(e.bodyBytesSent());
        b.append(",\"bytes_received\":").append(e.bytesReceived());
        b.append(",\"duration_us\":").append(e.durationNanos() / 1000);
        member(b, "request_id", requestId(e).orElse(null));
        member(b, "referer", e.requestHeader("Referer").orElse(null));
        member(b, "user_agent", e.requestHeader("User-Agent").orElse(null));
        member(b, "error", e.failure().map(t -> t.getClass().getName()).orElse(null));
        b.append(",\"rejected\":").append(e.rejected()).append('}');
    }

    private static java.util.Optional<String> requestId(Observation e) {
        java.util.Optional<String> id = e.responseHeader(REQUEST_ID);
        return id.isPresent() ? id : e.requestHeader(REQUEST_ID);
    }

    private static String remote(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString(); // no reverse lookup
    }

    /** Appends a value for a quoted CLF field: {@code "} and {@code \} escaped, control bytes as {@code \xHH}. */
    private static void quoted(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
    }

    /** Appends {@code ,"name":"value"} (RFC 8259 §7 escapes), or {@code ,"name":null}. */
    private static void member(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":");
        if (value == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return "AccessLog." + format.name().toLowerCase(Locale.ROOT) + "()";
    }
}
