package dev.pronto.launcher;

import dev.pronto.ServerConfig;
import dev.pronto.Settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The launcher's settings: the engine's configuration plus how to run it (which application, how many processes,
 * reload), each from its flag, system property or environment variable ({@link Settings}: {@code --processes},
 * {@code pronto.processes}, {@code PRONTO_PROCESSES}, in that order of precedence). Flags take their value as the
 * next argument or after {@code =}.
 *
 * @param config    the server configuration
 * @param app       the application class name, if given
 * @param appSource where the application class name came from ({@code --app}, {@code PRONTO_APP}…), if given
 * @param processes how many processes (worker JVMs); 1 runs in this JVM (unless reloading)
 * @param reload    whether to replace the worker process on changes to classes or sources
 * @param sources   with reload: source folders to compile on change
 * @param classes   with reload: class folders to watch (empty: the class path's folders)
 * @param worker    whether this JVM is a worker started by a master (internal)
 * @param help      whether {@code --help} was asked for
 * @param warnings  unknown {@code PRONTO_*} variables, each with the closest setting
 */
record LaunchOptions(ServerConfig config, Optional<String> app, Optional<String> appSource, int processes,
        boolean reload, List<Path> sources, List<Path> classes, boolean worker, boolean help, List<String> warnings) {

    /** The flags, one per line, for usage messages. */
    static final String FLAGS = Settings.help() + String.format("  %-24s %s%n", "--help", "print this help")
            + "Each flag --NAME is also the system property pronto.NAME and the environment variable PRONTO_NAME\n"
            + "(PRONTO_MAX_BODY=64KiB): a flag wins over a property, a property over a variable.\n";

    /**
     * Parses a command line over this process's system properties and environment.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException naming the faulty flag, property or variable, or value
     */
    static LaunchOptions parse(List<String> args) {
        return parse(args, System.getenv(), System.getProperties());
    }

    /**
     * Parses a command line over given properties and environment.
     *
     * @param args       the arguments
     * @param env        the environment variables
     * @param properties the system properties
     * @return the options
     * @throws IllegalArgumentException naming the faulty flag, property or variable, or value
     */
    static LaunchOptions parse(List<String> args, Map<String, String> env, Properties properties) {
        boolean worker = false;
        boolean help = false;
        List<String> settingArgs = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--worker" -> worker = true;
                case "--help", "-h" -> help = true;
                default -> settingArgs.add(arg);
            }
        }
        Settings settings = Settings.read(settingArgs, env, properties);
        ServerConfig config = settings.serverConfig();
        int processes = settings.count(Settings.Key.PROCESSES, 1);
        boolean reload = settings.on(Settings.Key.RELOAD);
        List<Path> sources = settings.list(Settings.Key.SRC).stream().map(Path::of).toList();
        List<Path> classes = settings.list(Settings.Key.CLASSES).stream().map(Path::of).toList();
        if (processes < 1) {
            throw new IllegalArgumentException(settings.source(Settings.Key.PROCESSES).orElseThrow()
                    + " must be at least 1, was " + processes);
        }
        if (reload && processes > 1) {
            throw new IllegalArgumentException(settings.source(Settings.Key.RELOAD).orElseThrow()
                    + " runs exactly one process: drop " + settings.source(Settings.Key.PROCESSES).orElseThrow());
        }
        if (!reload && !(sources.isEmpty() && classes.isEmpty())) {
            throw new IllegalArgumentException("--src and --classes need --reload");
        }
        return new LaunchOptions(config, settings.text(Settings.Key.APP), settings.source(Settings.Key.APP),
                processes, reload, sources, classes, worker, help, settings.warnings());
    }

    /**
     * The arguments that make a worker JVM build the same server: every server setting as a flag, which wins over
     * the properties and environment the worker inherits.
     *
     * @param config the configuration, with the port the master chose
     * @param app    the application class name
     * @return the worker's arguments, after the main class
     */
    static List<String> workerArgs(ServerConfig config, String app) {
        List<String> args = new ArrayList<>(List.of("--worker", "--app", app));
        args.addAll(Settings.flagsOf(config));
        return List.copyOf(args);
    }
}
