package dev.pronto;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One check of a health probe ({@link App#health(Health)}): whether a dependency or a part of the service works, and
 * data that says how. Each check of a probe runs on a virtual thread of its own, beside the others, so it may block
 * (a {@code SELECT 1}, a ping); one that throws is down with the exception's message, and one that has not answered
 * within the probe's {@link Health.Builder#timeout timeout} is down too, so a probe never hangs.
 *
 * <pre>{@code
 * HealthCheck db = () -> {
 *     try (Connection c = dataSource.getConnection()) {
 *         return c.isValid(1) ? HealthCheck.Result.up(Map.of("pool", "main")) : HealthCheck.Result.down("invalid");
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * Checks.
     *
     * @return what the check found
     * @throws Exception any failure, which makes the check down with the exception's message
     */
    Result check() throws Exception;

    /**
     * What a check found: up or down, and data for the probe's JSON document ({@code "data"} of the check).
     *
     * @param isUp whether the check passed
     * @param data names and values: strings, numbers, booleans, {@code null}, and lists, maps or arrays of those;
     *             copied, in their order
     */
    record Result(boolean isUp, Map<String, Object> data) {
        /**
         * Checks and copies the data.
         *
         * @param isUp whether the check passed
         * @param data the data, possibly empty
         * @throws IllegalArgumentException if a value cannot be written as JSON
         */
        @SuppressWarnings("unchecked")
        public Result {
            data = (Map<String, Object>) JsonMembers.member(Objects.requireNonNull(data, "data"));
        }

        /** @return a passed check without data */
        public static Result up() {
            return new Result(true, Map.of());
        }

        /**
         * A passed check, with data.
         *
         * @param data the data, such as {@code Map.of("free", 1234)}
         * @return the result
         */
        public static Result up(Map<String, ?> data) {
            return new Result(true, new LinkedHashMap<>(Objects.requireNonNull(data, "data")));
        }

        /**
         * A failed check, saying why: its data is {@code {"message": message}}.
         *
         * @param message why it failed
         * @return the result
         */
        public static Result down(String message) {
            return new Result(false, Map.of("message", Objects.requireNonNull(message, "message")));
        }

        /**
         * A failed check, with data.
         *
         * @param data the data
         * @return the result
         */
        public static Result down(Map<String, ?> data) {
            return new Result(false, new LinkedHashMap<>(Objects.requireNonNull(data, "data")));
        }
    }
}
