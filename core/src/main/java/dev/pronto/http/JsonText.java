package dev.pronto.http;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the JSON text (RFC 8259) of the framework's own documents, such as problem details and health answers, so
 * that the core needs no JSON library for them. It writes strings, numbers, booleans, {@code null}, lists, maps with
 * string keys and arrays of those; any other object must first go through {@link #member}, which hands it to an
 * encoder the caller names (the app's JSON codec).
 */
public final class JsonText {
    /** How deep lists and maps may nest: a value that contains itself fails here instead of overflowing the stack. */
    static final int MAX_DEPTH = 64;

    private JsonText() {
    }

    /**
     * A value an encoder has already written: its text goes into the document as it is.
     *
     * @param json the JSON text of one value
     */
    public record Raw(String json) {
    }

    /**
     * Checks a value for a document and copies it: strings, booleans, {@code null} and finite numbers of the JDK's
     * own types stay as they are, lists, maps and arrays become unmodifiable copies of checked elements (so that a
     * later change to the original cannot reach the document), and any other object is written by {@code encoder} at
     * once into a {@link Raw}.
     *
     * @param value   the value
     * @param encoder writes any other object's JSON text; throws {@link IllegalArgumentException} when it cannot
     * @return the checked copy
     * @throws IllegalArgumentException for a NaN or infinite number, a map key that is not a string, nesting deeper
     *                                  than 64, or another object the encoder cannot write
     */
    public static Object member(Object value, Function<Object, String> encoder) {
        return member(value, encoder, 0);
    }

    private static Object member(Object value, Function<Object, String> encoder, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Raw) {
            return value;
        }
        if (isJdkNumber(value)) {
            if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
                throw new IllegalArgumentException("JSON has no NaN or Infinity (RFC 8259 §6): " + value);
            }
            return value;
        }
        if (depth == MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nested deeper than " + MAX_DEPTH
                    + " (does a list or map contain itself?)");
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(member(element, encoder, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> copy = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                copy.add(member(Array.get(value, i), encoder, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys are strings, not " + e.getKey());
                }
                copy.put(key, member(e.getValue(), encoder, depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        return new Raw(encoder.apply(value));
    }

    /** The JDK's numbers, whose {@code toString} is a JSON number once NaN and the infinities are excluded. */
    private static boolean isJdkNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Short
                || value instanceof Byte || value instanceof Float || value instanceof BigInteger
                || value instanceof BigDecimal;
    }

    /**
     * Writes a value as JSON text.
     *
     * @param value a string, number, boolean, {@code null}, {@link Raw}, or a list, map or array of those
     * @return the JSON text, without insignificant whitespace
     * @throws IllegalArgumentException for any other value, as {@link #member} would
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, member(value, JsonText::refused));
        return out.toString();
    }

    private static String refused(Object value) {
        throw new IllegalArgumentException("Not a plain JSON value: a " + value.getClass().getName()
                + " (pass it through member with an encoder first)");
    }

    /** Writes a value that {@link #member} has checked. */
    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else {
            out.append(value); // a boolean or a finite JDK number, which Java prints in JSON's grammar (RFC 8259 §6)
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * A string, quoted and escaped as RFC 8259 §7 requires: the quotation mark, the reverse solidus and the controls
     * U+0000–U+001F. Other characters stay as they are (UTF-8 once encoded), but for a lone surrogate, written as
     * its escape since it has no UTF-8 form.
     */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !paired(s, i)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(s.charAt(++i)); // a whole pair
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** @return whether the surrogate at {@code i} is the high half of a pair (a low half met here is alone) */
    private static boolean paired(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
