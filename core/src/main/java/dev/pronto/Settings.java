package dev.pronto;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's settings, one name each, read from command-line flags, system properties and environment variables:
 * the setting {@code max-body} is the flag {@code --max-body}, the property {@code pronto.max-body} and the
 * variable {@code PRONTO_MAX_BODY} (upper case, {@code -} becomes {@code _}). A flag wins over a property, a
 * property over a variable, a variable over the default. Sizes read {@code 512} (bytes), {@code 64KiB},
 * {@code 10MiB} or {@code 1GiB}; durations {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h} or a plain number
 * of seconds ({@code 2.5}). {@link ServerConfig#fromEnvironment()} and the {@link Launcher} read them; the table of
 * every setting is {@code docs/configuration.md}.
 *
 * <pre>{@code
 * ServerConfig config = Settings.read(List.of(args)).serverConfig();
 * }</pre>
 */
public final class Settings {
    private static final String FLAG = "--";
    private static final String PROPERTY = "pronto.";
    private static final String VARIABLE = "PRONTO_";
    /** The most one-character edits between an unknown variable and a setting for it to count as a typo of it. */
    private static final int MAX_TYPO_EDITS = 3;

    private final Map<Key, Object> values;
    private final Map<Key, String> sources;
    private final List<String> warnings;

    private Settings(Map<Key, Object> values, Map<Key, String> sources, List<String> warnings) {
        this.values = values;
        this.sources = sources;
        this.warnings = warnings;
    }

    /**
     * Reads flags over this process's system properties and environment.
     *
     * @param args {@code --name value} or {@code --name=value} for each setting given; a switch takes no value
     * @return the settings
     * @throws IllegalArgumentException for an unknown flag, a missing value or a value not of its setting's form,
     *                                  naming the flag, property or variable and the forms accepted
     */
    public static Settings read(List<String> args) {
        return read(args, System.getenv(), System.getProperties());
    }

    /**
     * Reads flags over the given properties and environment; for tests, which must not depend on the real ones.
     *
     * @param args       {@code --name value} or {@code --name=value} for each setting given
     * @param env        the environment variables
     * @param properties the system properties
     * @return the settings
     * @throws IllegalArgumentException for an unknown flag, a missing value or a malformed value, naming its source
     */
    public static Settings read(List<String> args, Map<String, String> env, Properties properties) {
        Map<Key, List<String>> given = flags(args);
        Map<Key, Object> values = new EnumMap<>(Key.class);
        Map<Key, String> sources = new EnumMap<>(Key.class);
        for (Key key : Key.values()) {
            List<String> fromFlags = given.get(key);
            String property = properties.getProperty(key.property());
            String variable = env.get(key.variable());
            if (fromFlags != null) {
                sources.put(key, key.flag());
                values.put(key, key.form.parseFlags(key.flag(), fromFlags));
            } else if (property != null) {
                sources.put(key, key.property());
                values.put(key, key.form.parse(key.property(), property));
            } else if (variable != null) {
                sources.put(key, key.variable());
                values.put(key, key.form.parse(key.variable(), variable));
            }
        }
        return new Settings(values, sources, unknownVariables(env));
    }

    /**
     * Makes the server configuration: the defaults, with each server setting given replaced.
     *
     * @return the configuration
     * @throws IllegalArgumentException for a value out of range, naming where it came from, e.g.
     *                                  {@code "PRONTO_PORT must be in [0, 65535], was 70000"}
     */
    public ServerConfig serverConfig() {
        ServerConfig.Builder b = ServerConfig.builder();
        values.forEach((key, value) -> {
            if (key.setter != null) {
                try {
                    key.setter.accept(b, value);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(sources.get(key) + " must be at most "
                            + Integer.MAX_VALUE + " bytes, was " + value, e);
                }
            }
        });
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // The builder names its setting ("idleTimeout must be positive, was PT0S"); say which source that was.
            String message = String.valueOf(e.getMessage());
            String field = message.split(" ", 2)[0];
            Optional<Key> key = Arrays.stream(Key.values()).filter(k -> field.equals(k.field)).findFirst();
            if (key.isEmpty() || !sources.containsKey(key.get())) {
                throw e;
            }
            Matcher was = Pattern.compile(" was (P\\S+)$").matcher(message);
            String text = was.find() ? message.substring(0, was.start(1)) + Form.format(Duration.parse(was.group(1)))
                    : message;
            throw new IllegalArgumentException(sources.get(key.get()) + text.substring(field.length()), e);
        }
    }

    /**
     * Returns a text setting, if given.
     *
     * @param key a setting of the text form
     * @return its value
     */
    public Optional<String> text(Key key) {
        return Optional.ofNullable((String) value(key, Form.TEXT));
    }

    /**
     * Returns a whole-number setting.
     *
     * @param key      a setting of the whole-number form
     * @param fallback the value when it is not given
     * @return its value
     */
    public int count(Key key, int fallback) {
        Object v = value(key, Form.COUNT);
        return v == null ? fallback : (Integer) v;
    }

    /**
     * Returns a switch: on when its flag is given, or its property or variable is {@code true}.
     *
     * @param key a setting of the switch form
     * @return whether it is on
     */
    public boolean on(Key key) {
        return Boolean.TRUE.equals(value(key, Form.SWITCH));
    }

    /**
     * Returns a list setting: each of its repeated flags, or its property or variable split at the path separator.
     *
     * @param key a setting of the list form
     * @return its values, empty when not given
     */
    @SuppressWarnings("unchecked")
    public List<String> list(Key key) {
        Object v = value(key, Form.LIST);
        return v == null ? List.of() : (List<String>) v;
    }

    /**
     * Tells where a setting came from.
     *
     * @param key the setting
     * @return its flag, property or variable name, or empty when it keeps its default
     */
    public Optional<String> source(Key key) {
        return Optional.ofNullable(sources.get(key));
    }

    /**
     * Names each environment variable that starts with {@code PRONTO_} but is no setting, with the closest one
     * that is, so that a typo never silently does nothing.
     *
     * @return one line per unknown variable
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The flags that make a configuration again, every server setting spelled out: for a process that must serve
     * with the same configuration as this one.
     *
     * @param config the configuration
     * @return flag, value, flag, value…
     */
    public static List<String> flagsOf(ServerConfig config) {
        List<String> args = new ArrayList<>();
        for (Key key : Key.values()) {
            if (key.getter != null) {
                args.add(key.flag());
                args.add(key.form.format(key.getter.apply(config)));
            }
        }
        return List.copyOf(args);
    }

    private Object value(Key key, Form form) {
        if (key.form != form) {
            throw new IllegalArgumentException(key.flag() + " is " + key.form.expected + ", not " + form.expected);
        }
        return values.get(key);
    }

    private static Map<Key, List<String>> flags(List<String> args) {
        Map<Key, List<String>> given = new EnumMap<>(Key.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith(FLAG) && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            Key key = Key.ofFlag(name).orElseThrow(() -> new IllegalArgumentException("unknown option " + arg));
            String value;
            if (key.form == Form.SWITCH) {
                if (inline != null) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                value = "true";
            } else if (inline != null) {
                value = inline;
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
            given.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return given;
    }

    private static List<String> unknownVariables(Map<String, String> env) {
        List<String> lines = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (name.startsWith(VARIABLE) && Key.ofVariable(name).isEmpty()) {
                String closest = Arrays.stream(Key.values()).map(Key::variable)
                        .min(Comparator.comparingInt(known -> distance(known, name))).orElseThrow();
                // A guess more than a few edits away would mislead more than help.
                String guess = distance(closest, name) <= MAX_TYPO_EDITS ? "; did you mean " + closest + "?" : "";
                lines.add(name + " is not a Pronto setting and is ignored" + guess
                        + " (every setting: docs/configuration.md)");
            }
        }
        return List.copyOf(lines);
    }

    /** The Levenshtein distance: the fewest one-character edits from one name to the other. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /**
     * The usage lines of every flag, with what it sets and its default, for a {@code --help}.
     *
     * @return one line per flag, each ending with a line break
     */
    public static String help() {
        StringBuilder b = new StringBuilder();
        for (Key key : Key.values()) {
            String flag = key.flag() + (key.form == Form.SWITCH ? "" : " " + key.placeholder());
            b.append(String.format(Locale.ROOT, "  %-24s %s (default %s)%n", flag, key.what,
                    key.defaultText().replace("`", "")));
        }
        return b.toString();
    }

    /**
     * The markdown rows of the settings table in {@code docs/configuration.md}, which a test holds to this code.
     *
     * @return one row per setting
     */
    static List<String> tableRows() {
        List<String> rows = new ArrayList<>();
        for (Key key : Key.values()) {
            rows.add("| `" + key.flag() + "` | `" + key.variable() + "` | `" + key.property() + "` | "
                    + key.defaultText() + " | " + key.form.expected + " | " + key.what + " |");
        }
        return rows;
    }

    /** The form a setting's value takes, how it is read and how it is written back. */
    private enum Form {
        SIZE("a size such as 512, 64KiB, 10MiB"),
        DURATION("a duration such as 250ms, 30s, 2m"),
        COUNT("a whole number such as 4"),
        TEXT("text"),
        SWITCH("true or false"),
        LIST("folders separated by : (; on Windows)");

        private static final Pattern SIZE_TEXT = Pattern.compile("(\\d{1,19})(B|KiB|MiB|GiB)?");
        private static final Pattern DURATION_TEXT = Pattern.compile("(-?\\d{1,15}(?:\\.\\d{1,9})?)(ms|s|m|h)?");
        private static final Pattern COUNT_TEXT = Pattern.compile("-?\\d{1,10}");

        private final String expected;

        Form(String expected) {
            this.expected = expected;
        }

        Object parseFlags(String flag, List<String> given) {
            if (this == LIST) {
                return List.copyOf(given);
            }
            return parse(flag, given.get(given.size() - 1)); // the last one given wins, as with most tools
        }

        Object parse(String source, String text) {
            IllegalArgumentException bad = new IllegalArgumentException(
                    source + "=\"" + text + "\": expected " + expected);
            switch (this) {
                case SIZE -> {
                    Matcher m = SIZE_TEXT.matcher(text);
                    if (!m.matches()) {
                        throw bad;
                    }
                    int shift = switch (m.group(2) == null ? "B" : m.group(2)) {
                        case "KiB" -> 10;
                        case "MiB" -> 20;
                        case "GiB" -> 30;
                        default -> 0;
                    };
                    try {
                        return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
                    } catch (ArithmeticException | NumberFormatException e) {
                        throw bad;
                    }
                }
                case DURATION -> {
                    Matcher m = DURATION_TEXT.matcher(text);
                    if (!m.matches()) {
                        throw bad;
                    }
                    long millisPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
                        case "ms" -> 1;
                        case "m" -> 60_000;
                        case "h" -> 3_600_000;
                        default -> 1000;
                    };
                    // Durations are whole milliseconds: the engine's clocks tick no finer.
                    return Duration.ofMillis(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(millisPerUnit))
                            .setScale(0, RoundingMode.HALF_UP).longValueExact());
                }
                case COUNT -> {
                    if (!COUNT_TEXT.matcher(text).matches()) {
                        throw bad;
                    }
                    try {
                        return Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw bad;
                    }
                }
                case SWITCH -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw bad;
                    }
                    return Boolean.valueOf(text);
                }
                case LIST -> {
                    return Arrays.stream(text.split(Pattern.quote(File.pathSeparator))).filter(s -> !s.isEmpty())
                            .toList();
                }
                default -> {
                    return text;
                }
            }
        }

        String format(Object value) {
            return switch (this) {
                case SIZE -> formatSize((Long) value);
                case DURATION -> format((Duration) value);
                default -> String.valueOf(value);
            };
        }

        static String formatSize(long bytes) {
            for (String unit : new String[] {"GiB", "MiB", "KiB"}) {
                int shift = unit.equals("GiB") ? 30 : unit.equals("MiB") ? 20 : 10;
                if (bytes != 0 && bytes % (1L << shift) == 0) {
                    return (bytes >> shift) + unit;
                }
            }
            return Long.toString(bytes);
        }

        static String format(Duration d) {
            long millis = d.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
    }

    /**
     * Every setting: those of {@link ServerConfig} (described on its {@link ServerConfig.Builder} methods), then the
     * launcher's.
     */
    public enum Key {
        /** {@link ServerConfig.Builder#host}. */
        HOST("host", "host", Form.TEXT, "address to bind", (b, v) -> b.host((String) v), ServerConfig::host),
        /** {@link ServerConfig.Builder#port}. */
        PORT("port", "port", Form.COUNT, "TCP port, 0 for any free one", (b, v) -> b.port((Integer) v),
                ServerConfig::port),
        /** {@link ServerConfig.Builder#eventLoops}. */
        EVENT_LOOPS("event-loops", "eventLoops", Form.COUNT, "event loops (threads) per process",
                (b, v) -> b.eventLoops((Integer) v), ServerConfig::eventLoops),
        /** {@link ServerConfig.Builder#transport}. */
        TRANSPORT("transport", "transport", Form.TEXT, "what the loops run on: auto, nio, or a module's id",
                (b, v) -> b.transport((String) v), ServerConfig::transport),
        /** {@link ServerConfig.Builder#maxConnections}. */
        MAX_CONNECTIONS("max-connections", "maxConnections", Form.COUNT, "503 for connections past this many",
                (b, v) -> b.maxConnections((Integer) v), ServerConfig::maxConnections),
        /** {@link ServerConfig.Builder#maxRequestLineBytes}. */
        MAX_REQUEST_LINE("max-request-line", "maxRequestLineBytes", Form.SIZE, "414 for longer request lines",
                (b, v) -> b.maxRequestLineBytes(toInt(v)), c -> (long) c.maxRequestLineBytes()),
        /** {@link ServerConfig.Builder#maxHeaderBytes}. */
        MAX_HEADER_BYTES("max-header-bytes", "maxHeaderBytes", Form.SIZE, "431 for larger header sections",
                (b, v) -> b.maxHeaderBytes(toInt(v)), c -> (long) c.maxHeaderBytes()),
        /** {@link ServerConfig.Builder#maxHeaderCount}. */
        MAX_HEADERS("max-headers", "maxHeaderCount", Form.COUNT, "431 for more header fields",
                (b, v) -> b.maxHeaderCount((Integer) v), ServerConfig::maxHeaderCount),
        /** {@link ServerConfig.Builder#maxBodyBytes}. */
        MAX_BODY("max-body", "maxBodyBytes", Form.SIZE, "413 for larger request bodies",
                (b, v) -> b.maxBodyBytes((Long) v), ServerConfig::maxBodyBytes),
        /** {@link ServerConfig.Builder#maxChunkBytes}. */
        MAX_CHUNK("max-chunk", "maxChunkBytes", Form.SIZE, "413 for a larger chunk of a chunked body",
                (b, v) -> b.maxChunkBytes((Long) v), ServerConfig::maxChunkBytes),
        /** {@link ServerConfig.Builder#minBodyRate}. */
        MIN_BODY_RATE("min-body-rate", "minBodyRate", Form.SIZE,
                "408 for a body slower than this per second (0: none)", (b, v) -> b.minBodyRate((Long) v),
                ServerConfig::minBodyRate),
        /** {@link ServerConfig.Builder#maxPipelinedRequests}. */
        MAX_PIPELINED("max-pipelined", "maxPipelinedRequests", Form.COUNT,
                "requests read ahead of their responses per connection", (b, v) -> b.maxPipelinedRequests((Integer) v),
                ServerConfig::maxPipelinedRequests),
        /** {@link ServerConfig.Builder#maxQueuedWriteBytes}. */
        MAX_QUEUED_WRITE("max-queued-write", "maxQueuedWriteBytes", Form.SIZE,
                "response bytes queued per connection before reading pauses", (b, v) -> b.maxQueuedWriteBytes(toInt(v)),
                c -> (long) c.maxQueuedWriteBytes()),
        /** {@link ServerConfig.Builder#writeTimeout}. */
        WRITE_TIMEOUT("write-timeout", "writeTimeout", Form.DURATION,
                "close a connection whose output stalls this long", (b, v) -> b.writeTimeout((Duration) v), ServerConfig::writeTimeout),
        /** {@link ServerConfig.Builder#idleTimeout}. */
        IDLE_TIMEOUT("idle-timeout", "idleTimeout", Form.DURATION, "close a keep-alive connection idle this long",
                (b, v) -> b.idleTimeout((Duration) v), ServerConfig::idleTimeout),
        /** {@link ServerConfig.Builder#headerTimeout}. */
        HEADER_TIMEOUT("header-timeout", "headerTimeout", Form.DURATION, "408 for a request head still arriving",
                (b, v) -> b.headerTimeout((Duration) v), ServerConfig::headerTimeout),
        /** {@link ServerConfig.Builder#handlerTimeout}. */
        HANDLER_TIMEOUT("handler-timeout", "handlerTimeout", Form.DURATION,
                "503 for a blocking or async handler still running", (b, v) -> b.handlerTimeout((Duration) v),
                ServerConfig::handlerTimeout),
        /** {@link ServerConfig.Builder#stallWarning}. */
        STALL_WARNING("stall-warning", "stallWarning", Form.DURATION, "log a plain handler holding its loop this long",
                (b, v) -> b.stallWarning((Duration) v), ServerConfig::stallWarning),
        /** {@link ServerConfig.Builder#shutdownGrace}. */
        GRACE("grace", "shutdownGrace", Form.DURATION, "how long in-flight requests may run once the listener closes",
                (b, v) -> b.shutdownGrace((Duration) v), ServerConfig::shutdownGrace),
        /** {@link ServerConfig.Builder#readinessDelay}. */
        READINESS_DELAY("readiness-delay", "readinessDelay", Form.DURATION,
                "how long a shutdown keeps serving with readiness 503 before the listener closes",
                (b, v) -> b.readinessDelay((Duration) v), ServerConfig::readinessDelay),
        /** The launcher's application class. */
        APP("app", null, Form.TEXT, "launcher: the application, a public class implementing dev.pronto.Application",
                null, null),
        /** The launcher's number of processes. */
        PROCESSES("processes", null, Form.COUNT, "launcher: processes (JVMs) sharing the port; 1 serves in this JVM",
                null, null),
        /** The launcher's development reload. */
        RELOAD("reload", null, Form.SWITCH, "launcher, development: one process, replaced when the code changes",
                null, null),
        /** With reload: sources to compile. */
        SRC("src", null, Form.LIST, "with reload: Java source folders to compile on change (flag repeatable)",
                null, null),
        /** With reload: class folders to watch. */
        CLASSES("classes", null, Form.LIST, "with reload: class folders to watch (flag repeatable)", null, null);

        private final String name;
        private final String field;
        private final Form form;
        private final String what;
        private final BiConsumer<ServerConfig.Builder, Object> setter;
        private final Function<ServerConfig, Object> getter;

        @SuppressWarnings("unchecked")
        Key(String name, String field, Form form, String what, BiConsumer<ServerConfig.Builder, Object> setter,
                Function<ServerConfig, ?> getter) {
            this.name = name;
            this.field = field;
            this.form = form;
            this.what = what;
            this.setter = setter;
            this.getter = (Function<ServerConfig, Object>) getter;
        }

        /** @return the command-line flag, e.g. {@code --max-body} */
        public String flag() {
            return FLAG + name;
        }

        /** @return the system property, e.g. {@code pronto.max-body} */
        public String property() {
            return PROPERTY + name;
        }

        /** @return the environment variable, e.g. {@code PRONTO_MAX_BODY} */
        public String variable() {
            return VARIABLE + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        /** @return what the value must look like, e.g. {@code a size such as 512, 64KiB, 10MiB} */
        public String form() {
            return form.expected;
        }

        /** @return whether this is a setting of {@link ServerConfig} (the others are the launcher's) */
        public boolean isServerSetting() {
            return setter != null;
        }

        private String placeholder() {
            return switch (this) {
                case HOST -> "HOST";
                case TRANSPORT -> "ID";
                case APP -> "CLASS";
                default -> switch (form) {
                    case SIZE -> "SIZE";
                    case DURATION -> "TIME";
                    case LIST -> "DIR";
                    default -> "N";
                };
            };
        }

        private String defaultText() {
            return switch (this) {
                case EVENT_LOOPS -> "one per core";
                case APP, SRC -> "none";
                case PROCESSES -> "`1`";
                case RELOAD -> "`false`";
                case CLASSES -> "the class path's folders";
                default -> "`" + form.format(getter.apply(ServerConfig.defaults())) + "`";
            };
        }

        static Optional<Key> ofFlag(String flag) {
            return Arrays.stream(values()).filter(k -> k.flag().equals(flag)).findFirst();
        }

        static Optional<Key> ofVariable(String variable) {
            return Arrays.stream(values()).filter(k -> k.variable().equals(variable)).findFirst();
        }

        private static int toInt(Object bytes) {
            return Math.toIntExact((Long) bytes); // these limits are ints: past one, serverConfig() names the source
        }
    }
}
