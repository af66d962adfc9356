package dev.pronto;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns the text of a query parameter, form field or path parameter into the type a handler asks for; the one place
 * both {@link Params#get(String, Class)} and {@link Request#pathParam(String, Class)} convert. A value that does not
 * parse is the client's mistake (400 naming the parameter, where it came from and the type expected); a type not
 * supported is the programmer's ({@link IllegalArgumentException}).
 */
final class ParamConverter {
    /** The types {@link #convert} accepts, as its error message lists them. */
    static final String SUPPORTED = "String, int, Integer, long, Long, boolean, Boolean, UUID or an enum";
    /** Past this many characters a value is cut in an error message: the message is for a person, not an echo. */
    private static final int MAX_QUOTED = 64;

    private ParamConverter() {
    }

    /**
     * Checks that a type can be converted to, before a value is looked at: asking for an unsupported type is a bug
     * whether the parameter was sent or not.
     *
     * @param type the type asked for
     * @throws IllegalArgumentException if it is not one of {@link #SUPPORTED}
     */
    static void requireSupported(Class<?> type) {
        if (type != String.class && type != int.class && type != Integer.class && type != long.class
                && type != Long.class && type != boolean.class && type != Boolean.class && type != UUID.class
                && !type.isEnum()) {
            throw new IllegalArgumentException("Cannot convert a parameter to " + type.getName() + ": the types are "
                    + SUPPORTED);
        }
    }

    /**
     * Converts one value.
     *
     * @param kind  what holds the value, capitalised, as the message names it: {@code "Query parameter"}
     * @param name  the parameter's name
     * @param value the text sent
     * @param type  one of {@link #SUPPORTED}
     * @param <T>   the type (boxed for a primitive class)
     * @return the value
     * @throws HttpException 400 if the text is not a value of the type
     * @throws IllegalArgumentException if the type is not supported
     */
    @SuppressWarnings("unchecked") // each branch returns the boxed form of the type it tested
    static <T> T convert(String kind, String name, String value, Class<T> type) {
        requireSupported(type);
        if (type == String.class) {
            return (T) value;
        }
        if (type == int.class || type == Integer.class) {
            return (T) Integer.valueOf((int) integer(kind, name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (type == long.class || type == Long.class) {
            return (T) Long.valueOf(integer(kind, name, value, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (type == boolean.class || type == Boolean.class) {
            return (T) bool(kind, name, value);
        }
        if (type == UUID.class) {
            return (T) uuid(kind, name, value);
        }
        return (T) constant(kind, name, value, type);
    }

    /**
     * Decimal only, ASCII digits, an optional {@code +} or {@code -}: {@link Long#parseLong} would also take other
     * scripts' digits, which no client means as a number.
     */
    private static long integer(String kind, String name, String value, long min, long max) {
        int n = value.length();
        int i = n > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        if (i == n) {
            throw invalid(kind, name, value, "an integer");
        }
        boolean negative = value.charAt(0) == '-';
        long limit = negative ? min : -max; // accumulated negatively: the negative range is one larger
        long result = 0;
        for (; i < n; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw invalid(kind, name, value, "an integer");
            }
            if (result < (limit + digit) / 10) { // result * 10 - digit would pass the limit (rounds toward 0)
                throw invalid(kind, name, value, "an integer from " + min + " to " + max);
            }
            result = result * 10 - digit;
        }
        return negative ? result : -result;
    }

    /** What an HTML checkbox ({@code on}) and the usual spellings send; anything else is no boolean. */
    private static Boolean bool(String kind, String name, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> {
                return Boolean.TRUE;
            }
            case "false", "off", "no", "0" -> {
                return Boolean.FALSE;
            }
            default -> throw invalid(kind, name, value, "true or false (or on/off, yes/no, 1/0)");
        }
    }

    /**
     * Only the canonical 8-4-4-4-12 hex form (RFC 9562 §4): {@link UUID#fromString} alone would also take
     * {@code 1-2-3-4-5}.
     */
    private static UUID uuid(String kind, String name, String value) {
        if (value.length() != 36) {
            throw invalid(kind, name, value, "a UUID");
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : Character.digit(c, 16) >= 0 && c < 128;
            if (!ok) {
                throw invalid(kind, name, value, "a UUID");
            }
        }
        return UUID.fromString(value);
    }

    /** The constant's name, case-insensitively; an exact match first, for an enum whose names differ only in case. */
    private static Object constant(String kind, String name, String value, Class<?> type) {
        Object[] constants = type.getEnumConstants();
        Object loose = null;
        for (Object c : constants) {
            String constantName = ((Enum<?>) c).name();
            if (constantName.equals(value)) {
                return c;
            }
            if (loose == null && constantName.equalsIgnoreCase(value)) {
                loose = c;
            }
        }
        if (loose == null) {
            throw invalid(kind, name, value, "one of " + String.join(", ",
                    Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList()));
        }
        return loose;
    }

    private static HttpException invalid(String kind, String name, String value, String expected) {
        return new HttpException(Status.BAD_REQUEST,
                kind + " '" + name + "' must be " + expected + ", got " + quoted(value));
    }

    /** The value in double quotes, control characters escaped and cut past {@value #MAX_QUOTED} characters. */
    private static String quoted(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            if (i == MAX_QUOTED) {
                return sb.append("\"…").toString();
            }
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
