package dev.pronto;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How a file response answers its request, in the order of RFC 9110 §13.2.2: {@code If-None-Match}, else
 * {@code If-Modified-Since} (a 304); then {@code If-Range} and {@code Range} (a 206 of one range, or a 416). Only GET
 * and HEAD are answered 304, and only GET gets a range (RFC 9110 §14.2). Several ranges get the whole file as a 200,
 * which §14.2 allows (a server may ignore Range); so does an invalid Range field.
 */
final class FileRequests {
    static final Response NOT_FOUND = Response.text(Status.NOT_FOUND, "Not Found\n");
    static final Response FORBIDDEN = Response.text(Status.FORBIDDEN, "Forbidden\n");

    private static final int PARTIAL_CONTENT = 206;
    private static final int RANGE_NOT_SATISFIABLE = 416;
    /** IMF-fixdate, RFC 9110 §5.6.7: the form sent, and the first of the three forms a recipient must accept. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** The obsolete rfc850-date after its weekday, whose two-digit year is placed by {@link #parseDate}. */
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** The obsolete asctime-date, whose day of the month is padded with a space. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private FileRequests() {
    }

    /** A weak validator (RFC 9110 §8.8.3): size and modification time do not prove two contents byte-identical. */
    static String etag(long size, long modified) {
        return "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
    }

    static String httpDate(long epochMillis) {
        return HTTP_DATE.format(Instant.ofEpochMilli(epochMillis));
    }

    static Response answer(Request request, Response r, Response.Body.File file) {
        Method method = request.method();
        if (method != Method.GET && method != Method.HEAD) {
            return r;
        }
        String etag = etag(file.size(), file.modified());
        long modifiedSeconds = Math.floorDiv(file.modified(), 1000L); // HTTP dates have whole seconds
        Optional<String> ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            // RFC 9110 §13.1.2: weak comparison; when present, If-Modified-Since is ignored (§13.1.3).
            if (matchesAny(ifNoneMatch.get(), etag)) {
                return r.withoutBody(Status.NOT_MODIFIED);
            }
        } else {
            Optional<String> ifModifiedSince = request.header("If-Modified-Since");
            if (ifModifiedSince.isPresent()) {
                long since = parseDate(ifModifiedSince.get());
                // An invalid date is ignored (RFC 9110 §13.1.3).
                if (since != Long.MIN_VALUE && modifiedSeconds <= since) {
                    return r.withoutBody(Status.NOT_MODIFIED);
                }
            }
        }
        if (method != Method.GET) {
            return r;
        }
        Optional<String> range = request.header("Range");
        if (range.isEmpty() || !ifRangeHolds(request.header("If-Range"), modifiedSeconds)) {
            return r;
        }
        return ranged(r, file, range.get());
    }

    /**
     * RFC 9110 §13.1.5: an entity tag must match strongly, which the weak tag of a file never does, so it sends the
     * whole file; a date must equal {@code Last-Modified}.
     */
    private static boolean ifRangeHolds(Optional<String> ifRange, long modifiedSeconds) {
        if (ifRange.isEmpty()) {
            return true;
        }
        String v = ifRange.get().trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return false;
        }
        return parseDate(v) == modifiedSeconds;
    }

    private static Response ranged(Response r, Response.Body.File file, String field) {
        String spec = field.trim();
        if (spec.length() < 6 || !spec.regionMatches(true, 0, "bytes=", 0, 6)) {
            return r; // another range unit: ignored (RFC 9110 §14.2)
        }
        spec = spec.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return r; // several ranges: the whole file (RFC 9110 §14.2), not multipart/byteranges
        }
        long size = file.size();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return r;
        }
        long first;
        long last;
        try {
            if (dash == 0) { // -n: the last n bytes (RFC 9110 §14.1.2)
                long n = digits(spec.substring(1));
                if (n == 0) {
                    return unsatisfiable(size);
                }
                first = Math.max(0, size - n);
                last = size - 1;
            } else {
                first = digits(spec.substring(0, dash));
                String end = spec.substring(dash + 1);
                last = end.isEmpty() ? size - 1 : Math.min(digits(end), size - 1);
                if (!end.isEmpty() && digits(end) < first) {
                    return r; // last before first: invalid, so ignored (RFC 9110 §14.1.1)
                }
            }
        } catch (NumberFormatException e) {
            return r; // not a byte range: ignored
        }
        if (first >= size || size == 0) {
            return unsatisfiable(size);
        }
        return r.with(PARTIAL_CONTENT, r.contentType(), "Content-Range",
                "bytes " + first + "-" + last + "/" + size, file.range(first, last - first + 1));
    }

    /** RFC 9110 §15.5.17: a 416 tells the current length in {@code Content-Range: bytes *}{@code /size}. */
    private static Response unsatisfiable(long size) {
        return Response.status(RANGE_NOT_SATISFIABLE).withHeader("Content-Range", "bytes */" + size);
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            throw new NumberFormatException(s);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new NumberFormatException(s);
            }
        }
        return Long.parseLong(s);
    }

    /** @return whether the If-None-Match list holds {@code *} or a tag equal to {@code etag} in weak comparison */
    private static boolean matchesAny(String list, String etag) {
        String opaque = etag.substring(2); // without W/
        for (String candidate : list.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /** @return epoch seconds of an HTTP-date in any of its three forms, or {@link Long#MIN_VALUE} if it is none */
    private static long parseDate(String value) {
        String v = value.trim();
        try {
            int comma = v.indexOf(',');
            if (comma < 0) {
                return ZonedDateTime.parse(v, ASCTIME).toEpochSecond();
            }
            if (comma == 3) {
                return ZonedDateTime.parse(v, HTTP_DATE).toEpochSecond();
            }
            ZonedDateTime date = ZonedDateTime.parse(v.substring(comma + 1).trim(), RFC_850);
            // RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is of the previous century.
            if (date.isAfter(ZonedDateTime.now(ZoneOffset.UTC).plusYears(50))) {
                date = date.minusYears(100);
            }
            return date.toEpochSecond();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
