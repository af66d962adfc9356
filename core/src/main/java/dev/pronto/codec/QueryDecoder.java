package dev.pronto.codec;

import dev.pronto.HttpException;
import dev.pronto.Params;
import java.nio.charset.StandardCharsets;

/**
 * Parses a query string or an {@code application/x-www-form-urlencoded} body (WHATWG URL §5.1) into {@link Params}:
 * pairs split on {@code &} only (not {@code ;}), empty pairs skipped, a name without {@code =} given the value
 * {@code ""}, {@code +} a space, percent-escapes decoded as UTF-8.
 */
public final class QueryDecoder {
    /** The default limit on the number of pairs. */
    public static final int DEFAULT_MAX_PARAMS = 1000;

    private QueryDecoder() {
    }

    /**
     * Parses with the default limit of {@value #DEFAULT_MAX_PARAMS} pairs.
     *
     * @param query the query without the {@code ?}, or the form body; characters other than ASCII are taken as
     *              themselves
     * @return the params, in order
     * @throws HttpException 400 on an invalid percent-escape or past the limit
     */
    public static Params parse(String query) {
        return parse(query, DEFAULT_MAX_PARAMS);
    }

    /**
     * Parses with a limit on the number of pairs, repeated names counted each time.
     *
     * @param query     the query without the {@code ?}, or the form body; characters other than ASCII are taken as
     *                  themselves
     * @param maxParams the most pairs accepted
     * @return the params, in order
     * @throws HttpException 400 on an invalid percent-escape or past the limit
     */
    public static Params parse(String query, int maxParams) {
        return parse(query, maxParams, "Parameter");
    }

    /**
     * Parses with a limit on the number of pairs into params that say what they hold.
     *
     * @param query     the query without the {@code ?}, or the form body; characters other than ASCII are taken as
     *                  themselves
     * @param maxParams the most pairs accepted
     * @param kind      what one value is called in the message of a value that does not convert
     *                  ({@link Params#builder(String)}): {@code "Query parameter"}, {@code "Form field"}
     * @return the params, in order
     * @throws HttpException 400 on an invalid percent-escape or past the limit
     */
    public static Params parse(String query, int maxParams, String kind) {
        if (maxParams < 0) {
            throw new IllegalArgumentException("maxParams must not be negative: " + maxParams);
        }
        if (query.isEmpty()) {
            return Params.empty();
        }
        // Decoding each name and value in place within one array: a decoded range never grows.
        byte[] b = query.getBytes(StandardCharsets.UTF_8);
        Params.Builder params = Params.builder(kind);
        int count = 0;
        for (int start = 0, pair = 0; start <= b.length; pair++) {
            int end = indexOf(b, (byte) '&', start, b.length);
            if (end > start) {
                if (++count > maxParams) {
                    throw new HttpException(400, "Too many parameters (more than " + maxParams + ")");
                }
                int eq = indexOf(b, (byte) '=', start, end);
                int nameEnd = PercentDecoder.decode(b, start, eq, true);
                int valueEnd = eq == end ? eq : PercentDecoder.decode(b, eq + 1, end, true);
                if (nameEnd < 0 || valueEnd < 0) {
                    throw new HttpException(400, "Invalid percent-encoding in parameter \""
                            + PercentDecoder.excerpt(pair(query, pair)) + "\"");
                }
                params.add(new String(b, start, nameEnd - start, StandardCharsets.UTF_8),
                        eq == end ? "" : new String(b, eq + 1, valueEnd - eq - 1, StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        return params.build();
    }

    private static String pair(String query, int index) {
        // The bytes were decoded in place, so the message quotes the query itself: '&' is one byte and one char.
        int from = 0;
        for (int i = 0; i < index; i++) {
            from = query.indexOf('&', from) + 1;
        }
        int to = query.indexOf('&', from);
        return query.substring(from, to < 0 ? query.length() : to);
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return to;
    }
}
