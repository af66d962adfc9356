package dev.pronto.filter;

import dev.pronto.Response;

import java.util.Map;
import java.util.function.UnaryOperator;

/** The header questions the filters ask of a response, which keeps its fields as a list. */
final class Fields {
    private Fields() {
    }

    /** @return whether the response has a field of that name (field names are case-insensitive, RFC 9110 §5.1) */
    static boolean has(Response response, String name) {
        for (Map.Entry<String, String> field : response.headers()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds to {@code Vary} the request fields the response depends on, as one more {@code Vary} line (a list-based
     * field may be split across lines, RFC 9110 §5.3) holding those not listed yet; {@code Vary: *} already covers
     * every field.
     *
     * @param response the response
     * @param fields   the request field names, e.g. {@code Origin}
     * @return the response, or a copy with the missing names
     */
    static Response vary(Response response, String... fields) {
        StringBuilder missing = new StringBuilder();
        for (String field : fields) {
            if (!varies(response, field)) {
                missing.append(missing.isEmpty() ? "" : ", ").append(field);
            }
        }
        return missing.isEmpty() ? response : response.withHeader("Vary", missing.toString());
    }

    private static boolean varies(Response response, String name) {
        for (Map.Entry<String, String> field : response.headers()) {
            if (field.getKey().equalsIgnoreCase("Vary")) {
                for (String listed : field.getValue().split(",")) {
                    String token = listed.trim();
                    if (token.equals("*") || token.equalsIgnoreCase(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Dresses a response the same way every time, remembering the last one: a handler that returns a constant
     * response gets back one constant dressed copy, whose head the engine encodes once, instead of a new response per
     * request. One entry, shared by every event loop without a lock: a racing loop may dress again or overwrite the
     * entry, never see half of one (a record's fields are final, so a published pair is whole).
     */
    static final class Memo {
        private final UnaryOperator<Response> dress;
        private Pair last = new Pair(null, null);

        Memo(UnaryOperator<Response> dress) {
            this.dress = dress;
        }

        Response apply(Response response) {
            Pair pair = last;
            if (pair.in == response) {
                return pair.out;
            }
            Response out = dress.apply(response);
            last = new Pair(response, out);
            return out;
        }

        private record Pair(Response in, Response out) {
        }
    }
}
