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
 */
public final class Params {
    private static final Params EMPTY = new Params(Map.of());

    /** Unmodifiable, in first-seen order of names; each list unmodifiable, non-empty, in the order added. */
    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @return the params with no names */
    public static Params empty() {
        return EMPTY;
    }

    /** @return a builder for new params */
    public static Builder builder() {
        return new Builder();
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

        private Builder() {
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
            return new Params(Collections.unmodifiableMap(copy));
        }
    }
}
