package dev.pronto;

import dev.pronto.http.JsonText;

import java.nio.charset.StandardCharsets;

/**
 * Checks the members that apps put into the documents the core writes itself (a problem's extension members, a
 * health check's data): plain JSON values as they are, any other object through the app's {@link JsonCodec}.
 */
final class JsonMembers {
    private JsonMembers() {
    }

    /**
     * @param value the value
     * @return its checked, unmodifiable copy
     * @throws IllegalArgumentException if it cannot be written as JSON
     * @see JsonText#member
     */
    static Object member(Object value) {
        return JsonText.member(value, JsonMembers::encoded);
    }

    private static String encoded(Object value) {
        JsonCodec codec;
        try {
            codec = JsonCodec.get();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("Cannot put a " + value.getClass().getName()
                    + " in a JSON document without a JSON module (add pronto-json): use a String, Number, Boolean,"
                    + " null, or a List, Map or array of those", e);
        }
        try {
            return new String(codec.write(value), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }
}
