package dev.pronto.codec;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code Content-Type} value (RFC 9110 §8.3.1): {@code type/subtype *( OWS ";" OWS parameter )}. Parsing is
 * a best effort and never throws: what cannot be read is skipped.
 *
 * @param mimeType   the type and subtype, lower-cased and trimmed, e.g. {@code text/html}; whatever came before the
 *                   first {@code ;} when that is not of this form
 * @param parameters the parameters, names lower-cased, values unquoted, in order; the first of a repeated name wins
 */
public record ContentType(String mimeType, Map<String, String> parameters) {
    /**
     * Creates a content type, lower-casing the parameters' names and keeping their order.
     *
     * @throws NullPointerException if a component, a name or a value is {@code null}
     */
    public ContentType {
        Objects.requireNonNull(mimeType, "mimeType");
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.putIfAbsent(name.toLowerCase(Locale.ROOT),
                Objects.requireNonNull(value, "value")));
        parameters = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a {@code Content-Type} value.
     *
     * @param value the field value
     * @return the content type
     */
    public static ContentType parse(String value) {
        int semi = value.indexOf(';');
        int end = semi < 0 ? value.length() : semi;
        String mimeType = value.substring(0, end).strip().toLowerCase(Locale.ROOT);
        return new ContentType(mimeType, ParameterList.parse(value, end));
    }

    /**
     * Returns a parameter's value.
     *
     * @param name the parameter's name, matched case-insensitively
     * @return the value, unquoted, if the parameter is present
     */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return the charset the {@code charset} parameter names, if it names one this JVM supports */
    public Optional<Charset> charset() {
        return parameter("charset").flatMap(name -> {
            try {
                return Optional.of(Charset.forName(name));
            } catch (IllegalArgumentException unknownOrIllegal) {
                return Optional.empty();
            }
        });
    }

    /**
     * Tells whether this is a JSON type: {@code application/json} (RFC 8259 §11) or any type with the structured
     * syntax suffix {@code +json} (RFC 6839 §3.1), such as {@code application/problem+json}; parameters play no part.
     *
     * @return whether a JSON parser can read the content
     */
    public boolean isJson() {
        if (mimeType.equals("application/json")) {
            return true;
        }
        int slash = mimeType.indexOf('/');
        // type "/" subtype, each non-empty, and the subtype more than the bare suffix
        return slash > 0 && mimeType.endsWith("+json") && mimeType.length() - slash - 1 > "+json".length();
    }

    /** @return the {@code boundary} parameter of a multipart type, if present */
    public Optional<String> boundary() {
        return parameter("boundary");
    }
}
