package dev.pronto.examples;

import dev.pronto.ServerConfig;
import dev.pronto.Settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code todo}, the one example that the launcher does not run: the server settings of
 * {@link Settings} (flags over system properties over {@code PRONTO_*} environment variables, the same names and
 * forms as the launcher's), plus the few flags of its own that an example declares (such as {@code --db}).
 *
 * @param config the server configuration
 * @param extras the example's own flags and their values
 */
record Options(ServerConfig config, Map<String, String> extras) {
    static final String USAGE = "[--host H] [--port P] [--event-loops N] [--max-body SIZE] [--grace TIME] …"
            + " (every setting: docs/configuration.md; PRONTO_PORT=9000 works too)";

    /**
     * Parses the common options only, over this process's properties and environment.
     *
     * @param args flag, value, flag, value…
     * @return the configuration
     * @throws IllegalArgumentException for an unknown flag, a missing value or a bad value, naming its source
     */
    static ServerConfig parse(String... args) {
        return parse(Set.of(), args).config();
    }

    /**
     * Parses the common options and an example's own flags, over this process's properties and environment.
     *
     * @param ownFlags the flags the example accepts besides the common ones, e.g. {@code --db}
     * @param args     flag, value, flag, value…
     * @return the options
     * @throws IllegalArgumentException for an unknown flag, a missing value or a bad value, naming its source
     */
    static Options parse(Set<String> ownFlags, String... args) {
        return parse(ownFlags, Set.of(), args);
    }

    /**
     * Parses as {@link #parse(Set, String...)} does, leaving out the environment variables the example reads itself
     * (so that they are not reported as unknown settings).
     *
     * @param ownFlags     the flags the example accepts besides the common ones
     * @param ownVariables the {@code PRONTO_*} variables the example reads itself, e.g. {@code PRONTO_CORS_ORIGINS}
     * @param args         flag, value, flag, value…
     * @return the options
     * @throws IllegalArgumentException for an unknown flag, a missing value or a bad value, naming its source
     */
    static Options parse(Set<String> ownFlags, Set<String> ownVariables, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(ownVariables);
        return parse(ownFlags, rest -> Settings.read(rest, env, System.getProperties()), args);
    }

    /**
     * Parses with a given reader of the server settings, for tests that must not depend on the environment.
     *
     * @param ownFlags the example's own flags
     * @param reader   reads the server settings from the flags that are not the example's own
     * @param args     flag, value, flag, value…
     * @return the options
     */
    static Options parse(Set<String> ownFlags, java.util.function.Function<List<String>, Settings> reader,
            String... args) {
        Map<String, String> extras = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!ownFlags.contains(name)) {
                rest.add(name);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            extras.put(name, args[++i]);
        }
        Settings settings = reader.apply(rest);
        for (Settings.Key key : Settings.Key.values()) {
            if (!key.isServerSetting() && settings.source(key).isPresent()) {
                throw new IllegalArgumentException(settings.source(key).get() + " is the launcher's; this example"
                        + " runs in one process and takes only the server settings");
            }
        }
        settings.warnings().forEach(w -> System.err.println("warning: " + w));
        return new Options(settings.serverConfig(), Map.copyOf(extras));
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
}
