package dev.pronto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Named values in the order they were sent, a name possibly repeated: query parameters or form fields. Immutable;
 * names are case-sensitive.
 *
 * <pre>{@code
 * Params p = Params.builder().add("tag", "a").add("tag", "b").add("q", "x").build();
 * p.first("tag");  // Optional[a]
 * p.all("tag");    // [a, b]
 * }</pre>
 * <p>
 * <b>Typed values.</b> {@link #get(String, Class)} and {@link #get(String, Class, Object)} convert the first value of
 * a name to {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long}, {@code boolean}/{@code Boolean},
 * {@code UUID} or any enum, the same way {@link Request#pathParam(String, Class)} does:
 * <ul>
 *   <li>{@code int} and {@code long}: decimal ASCII digits with an optional {@code +} or {@code -}; a value out of
 *       range is not a number of the type;</li>
 *   <li>{@code boolean}: {@code true}/{@code false}, {@code on}/{@code off} (what an HTML checkbox sends),
 *       {@code yes}/{@code no}, {@code 1}/{@code 0}, in any case;</li>
 *   <li>{@code UUID}: the canonical {@code 8-4-4-4-12} hexadecimal form, in any case;</li>
 *   <li>an enum: a constant's name, in any case (an exact match first).</li>
 * </ul>
 * An empty value ({@code ?page=}) is a {@code String} but no value of the other types. A value that does not convert
 * is the client's mistake: an {@link HttpException} 400 whose message names the parameter, where it came from and
 * the type expected ({@code Query parameter 'page' must be an integer, got "abc"}). Asking for any other type is a
 * programmer's: an {@link IllegalArgumentException}, even when the name is absent.
 *
 * <pre>{@code
 * int page = request.queryParams().get("page", int.class, 1);        // 1 when absent, 400 when "abc"
 * Optional<Sort> sort = request.queryParams().get("sort", Sort.class); // empty when absent
 * boolean subscribe = request.form().get("subscribe", boolean.class, false);
 * }</pre>
 */
public final class Params {
    /** Names a value of params built without saying what they hold. */
    private static final String DEFAULT_KIND = "Parameter";
    private static final Params EMPTY = new Params(Map.of(), DEFAULT_KIND);

    /** Unmodifiable, in first-seen order of names; each list unmodifiable, non-empty, in the order added. */
    private final Map<String, List<String>> values;
    /** What one value is called in an error message, e.g. {@code Query parameter}; not part of equality. */
    private final String kind;

    private Params(Map<String, List<String>> values, String kind) {
        this.values = values;
        this.kind = kind;
    }

    /** @return the params with no names */
    public static Params empty() {
        return EMPTY;
    }

    /** @return a builder for new params, whose values error messages call {@code Parameter} */
    public static Builder builder() {
        return new Builder(DEFAULT_KIND);
    }

    /**
     * Returns a builder for new params that says what they hold, for the message of a value that does not convert.
     *
     * @param kind what one value is called, capitalised: {@code "Query parameter"}, {@code "Form field"}
     * @return the builder
     */
    public static Builder builder(String kind) {
        return new Builder(Objects.requireNonNull(kind, "kind"));
    }

    /**
     * Returns the first value of a name.
     *
     * @param name the name, case-sensitive
     * @return the first value, if the name is present
     */
    public Optional<String> first(String name) {
        List<String> list = values.get(Objects.requireNonNull(name, "name"));
        return list == null ? Optional.empty() : Optional.of(list.getFirst());
    }

    /**
     * Returns every value of a name, in order.
     *
     * @param name the name, case-sensitive
     * @return the values, empty when the name is absent
     */
    public List<String> all(String name) {
        return values.getOrDefault(Objects.requireNonNull(name, "name"), List.of());
    }

    /**
     * Returns the first value of a name, converted to a type (see the class description for the types and forms).
     *
     * @param name the name, case-sensitive
     * @param type {@code String.class}, {@code int.class}, {@code Integer.class}, {@code long.class},
     *             {@code Long.class}, {@code boolean.class}, {@code Boolean.class}, {@code UUID.class} or an enum
     * @param <T>  the type, boxed for a primitive class
     * @return the value, empty when the name is absent
     * @throws HttpException 400 if the value does not convert
     * @throws IllegalArgumentException if the type is none of those
     */
    public <T> Optional<T> get(String name, Class<T> type) {
        ParamConverter.requireSupported(Objects.requireNonNull(type, "type"));
        List<String> list = values.get(Objects.requireNonNull(name, "name"));
        return list == null ? Optional.empty()
                : Optional.of(ParamConverter.convert(kind, name, list.getFirst(), type));
    }

    /**
     * Returns the first value of a name converted to a type, or a default when the name is absent; a value that is
     * present but does not convert is still a 400, never the default.
     *
     * @param name         the name, case-sensitive
     * @param type         as for {@link #get(String, Class)}
     * @param defaultValue the value when the name is absent
     * @param <T>          the type, boxed for a primitive class
     * @return the value, or the default
     * @throws HttpException 400 if the value does not convert
     * @throws IllegalArgumentException if the type is not supported
     */
    public <T> T get(String name, Class<T> type, T defaultValue) {
        Objects.requireNonNull(defaultValue, "defaultValue");
        return get(name, type).orElse(defaultValue);
    }

    /** @return the distinct names, in the order they were first added */
    public Set<String> names() {
        return values.keySet();
    }

    /** @return an unmodifiable view: each distinct name to its values, in order */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /** @return whether there are no names */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return the number of distinct names */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Params" + values;
    }

    /**
     * Collects values for new {@link Params}. Public so that the codecs of the engine can fill it; not thread-safe.
     */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final String kind;

        private Builder(String kind) {
            this.kind = kind;
        }

        /**
         * Adds a value after those already added for the name.
         *
         * @param name  the name, case-sensitive; may be empty
         * @param value the value; may be empty
         * @return this builder
         */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** @return params holding what was added so far; the builder may go on being used */
        public Params build() {
            if (values.isEmpty()) {
                return EMPTY;
            }
            Map<String, List<String>> copy = new LinkedHashMap<>(values.size() * 2);
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new Params(Collections.unmodifiableMap(copy), kind);
        }
    }
}
