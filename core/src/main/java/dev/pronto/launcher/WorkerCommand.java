package dev.pronto.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of a worker JVM: the same {@code java} executable, the same JVM options and class path as this
 * JVM (Java cannot fork, so it launches), then {@code dev.pronto.Launcher --worker ...}.
 */
final class WorkerCommand {
    /** Launcher options whose value is the next argument (JDK 25 {@code java} launcher). */
    private static final Set<String> TAKES_VALUE = Set.of("-p", "--module-path", "--upgrade-module-path",
            "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
            "--enable-native-access", "--source");
    private static final Set<String> CLASS_PATH = Set.of("-cp", "-classpath", "--class-path");

    private final String java;
    private final List<String> jvmOptions;
    private final String classPath;
    private final boolean modular;

    private WorkerCommand(String java, List<String> jvmOptions, String classPath, boolean modular) {
        this.java = java;
        this.jvmOptions = jvmOptions;
        this.classPath = classPath;
        this.modular = modular;
    }

    /** @return the command that relaunches this JVM's configuration */
    static WorkerCommand ofThisJvm() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> arguments = ownArguments().or(() -> info.arguments().map(List::of)).orElseGet(() -> {
            System.err.println("[master] cannot read this JVM's options: processes start without them");
            return List.of();
        });
        return new WorkerCommand(java, jvmOptions(arguments), System.getProperty("java.class.path", ""),
                WorkerCommand.class.getModule().isNamed());
    }

    /**
     * Reads this process's arguments from {@code /proc/self/cmdline} where there is one (Linux):
     * {@link ProcessHandle.Info#arguments()} answers nothing when the command line is longer than a page, as
     * command lines with a long class path are.
     */
    private static Optional<List<String>> ownArguments() {
        Path cmdline = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(cmdline)) {
            return Optional.empty();
        }
        try {
            Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"),
                    StandardCharsets.UTF_8);
            List<String> argv = List.of(new String(Files.readAllBytes(cmdline), charset).split("\0"));
            return argv.isEmpty() ? Optional.empty() : Optional.of(argv.subList(1, argv.size())); // argv[0]: java
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Picks the JVM options out of a {@code java} command line: everything before the main class, {@code -jar} or
     * {@code -m}, except the class path (replaced by {@code java.class.path}), a JDWP agent (every worker would
     * try to listen on the debugger's port) and a port group (each master gives its workers their own).
     *
     * @param arguments the arguments after the executable
     * @return the options to pass on
     */
    static List<String> jvmOptions(List<String> arguments) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (!a.startsWith("-") || a.equals("-jar") || a.equals("-m") || a.equals("--module")
                    || a.startsWith("--module=")) {
                break; // the main class, jar or module: the program's own arguments follow
            }
            if (CLASS_PATH.contains(a)) {
                i++;
            } else if (a.startsWith("--class-path=") || a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-D" + PortClaim.PORT_GROUP + "=")) {
                continue;
            } else {
                options.add(a);
                if (TAKES_VALUE.contains(a) && i + 1 < arguments.size()) {
                    options.add(arguments.get(++i));
                }
            }
        }
        return List.copyOf(options);
    }

    /**
     * @param classPathPrefix folders to put before the class path (a reload's freshly compiled classes)
     * @param moreJvmOptions  JVM options after this JVM's own (the port group)
     * @param workerArgs      the arguments after the main class
     * @return the full command
     */
    List<String> command(List<Path> classPathPrefix, List<String> moreJvmOptions, List<String> workerArgs) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(moreJvmOptions);
        List<String> path = new ArrayList<>();
        classPathPrefix.forEach(p -> path.add(p.toString()));
        if (!classPath.isEmpty()) {
            path.add(classPath);
        }
        if (!path.isEmpty()) {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, path));
        }
        if (modular) {
            // The options above carry the module path; resolve all of it so the worker finds the application.
            command.addAll(List.of("--add-modules", "ALL-MODULE-PATH", "-m", "dev.pronto/dev.pronto.Launcher"));
        } else {
            command.add("dev.pronto.Launcher");
        }
        command.addAll(workerArgs);
        return command;
    }
}
