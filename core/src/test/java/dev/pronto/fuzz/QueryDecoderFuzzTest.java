package dev.pronto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pronto.HttpException;
import dev.pronto.Params;
import dev.pronto.codec.QueryDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Fuzzes the query-string and form decoder. An input is a query, read as Latin-1 and as UTF-8, parsed with the default
 * limit and with a limit of three pairs. It must
 * <ul>
 *   <li>give the params of a plain reading (split on {@code &}, skip empty pairs, split at the first {@code =}, decode
 *       with {@link PercentEncoding#decode} as UTF-8), names in first-seen order, or, exactly when that reading fails
 *       or has too many pairs, throw a 400 whose message is safe to send;
 *   <li>round-trip: the params, encoded again as {@code name=value} pairs, parse to the same params.
 * </ul>
 */
class QueryDecoderFuzzTest {
    @DictionaryEntries({"&", "=", "%", "+", "%26", "%3D", "%C3%A9"})
    @FuzzTest(maxDuration = "60s")
    void queryString(byte[] data) {
        for (String query : List.of(new String(data, StandardCharsets.ISO_8859_1),
                new String(data, StandardCharsets.UTF_8))) {
            check(query, QueryDecoder.DEFAULT_MAX_PARAMS);
            check(query, 3);
        }
    }

    private static void check(String query, int maxParams) {
        Map<String, List<String>> expected = plainReading(query, maxParams);
        Params params;
        try {
            params = maxParams == QueryDecoder.DEFAULT_MAX_PARAMS ? QueryDecoder.parse(query)
                    : QueryDecoder.parse(query, maxParams);
        } catch (HttpException e) {
            assertThat(expected).as("the plain reading of rejected %s", query).isNull();
            Rejections.check(e, 400);
            return;
        }
        assertThat(expected).as("the plain reading of accepted %s", query).isNotNull();
        assertThat(entries(params)).as("params of %s", query).isEqualTo(List.copyOf(expected.entrySet()));

        StringJoiner encoded = new StringJoiner("&");
        params.asMap().forEach((name, values) -> values.forEach(v -> encoded.add(encode(name) + "=" + encode(v))));
        assertThat(entries(QueryDecoder.parse(encoded.toString(), maxParams))).as("params of %s", encoded)
                .isEqualTo(entries(params));
    }

    /** @return the params by name in first-seen order, or null when the query must be rejected */
    private static Map<String, List<String>> plainReading(String query, int maxParams) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int pairs = 0;
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++pairs > maxParams) {
                return null;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                return null;
            }
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        byte[] b = PercentEncoding.decode(s.getBytes(StandardCharsets.UTF_8), true);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return new String(PercentEncoding.encode(s.getBytes(StandardCharsets.UTF_8), true), StandardCharsets.US_ASCII);
    }

    private static List<Map.Entry<String, List<String>>> entries(Params p) {
        return List.copyOf(p.asMap().entrySet());
    }
}
