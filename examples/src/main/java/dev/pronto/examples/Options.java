package dev.pronto.examples;

import dev.pronto.ServerConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command-line options of an example: those every example accepts, turned into a {@link ServerConfig}, plus the
 * few flags of its own that an example declares (such as {@code --db} for {@code todo}).
 *
 * @param config the server configuration
 * @param extras the example's own flags and their values
 */
record Options(ServerConfig config, Map<String, String> extras) {
    static final String USAGE = "[--host H] [--port P] [--event-loops N] [--transport ID] [--idle-timeout S]"
            + " [--header-timeout S] [--grace S] [--max-body BYTES]";

    /**
     * Parses the common options only.
     *
     * @param args flag, value, flag, value…
     * @return the configuration
     * @throws IllegalArgumentException for an unknown flag, a missing value or a bad number
     */
    static ServerConfig parse(String... args) {
        return parse(Set.of(), args).config();
    }

    /**
     * Parses the common options and an example's own flags.
     *
     * @param ownFlags the flags the example accepts besides the common ones, e.g. {@code --db}
     * @param args     flag, value, flag, value…
     * @return the options
     * @throws IllegalArgumentException for an unknown flag, a missing value or a bad number
     */
    static Options parse(Set<String> ownFlags, String... args) {
        ServerConfig.Builder b = ServerConfig.builder();
        Map<String, String> extras = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--host" -> b.host(value);
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--event-loops" -> b.eventLoops(Integer.parseInt(value));
                    case "--transport" -> b.transport(value);
                    case "--idle-timeout" -> b.idleTimeout(seconds(value));
                    case "--header-timeout" -> b.headerTimeout(seconds(value));
                    case "--grace" -> b.shutdownGrace(seconds(value));
                    case "--max-body" -> b.maxBodyBytes(Long.parseLong(value));
                    default -> {
                        if (!ownFlags.contains(name)) {
                            throw new IllegalArgumentException("unknown option " + name);
                        }
                        extras.put(name, value);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + name + ": " + value);
            }
        }
        return new Options(b.build(), Map.copyOf(extras));
    }

    /**
     * Returns the value of one of the example's own flags.
     *
     * @param flag the flag, e.g. {@code --db}
     * @return its value, if given
     */
    Optional<String> extra(String flag) {
        return Optional.ofNullable(extras.get(flag));
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
