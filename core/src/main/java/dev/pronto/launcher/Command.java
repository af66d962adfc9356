package dev.pronto.launcher;

import dev.pronto.Application;
import dev.pronto.Server;
import dev.pronto.ServerConfig;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's command: parse the flags, then serve in this JVM, supervise worker JVMs as their master, or be one
 * of those workers. {@link dev.pronto.Launcher} is its public face.
 */
public final class Command {
    private Command() {
    }

    /**
     * Runs a command line.
     *
     * @param args     the arguments
     * @param fixedApp the application when the caller names it (then {@code --app} is refused), or empty
     * @return the exit status: 0 after a graceful shutdown, 1 on a failure, 2 on a bad command line
     */
    public static int run(List<String> args, Optional<Class<? extends Application>> fixedApp) {
        String usage = fixedApp.isPresent() ? "options:\n" + LaunchOptions.FLAGS.replaceFirst("(?m)^ *--app .*\\n", "")
                : "usage: pronto --app CLASS [options]\n"
                        + "   or: java -cp CLASSPATH dev.pronto.Launcher --app CLASS [options]\n" + LaunchOptions.FLAGS;
        LaunchOptions options;
        Class<? extends Application> app;
        try {
            options = LaunchOptions.parse(args);
            if (options.help()) {
                System.out.print(usage);
                return 0;
            }
            if (fixedApp.isPresent() && options.app().isPresent() && !options.worker()) {
                throw new IllegalArgumentException("this program runs " + fixedApp.get().getName()
                        + ": " + options.appSource().orElseThrow() + " is not accepted");
            }
            if (!options.worker()) {
                // A worker inherits the master's environment: only the master warns.
                options.warnings().forEach(w -> System.err.println("warning: " + w));
            }
            if (fixedApp.isPresent()) {
                app = fixedApp.get();
                ApplicationClass.check(app);
            } else {
                String name = options.app().orElseThrow(() -> new IllegalArgumentException(
                        "missing --app CLASS (or PRONTO_APP)"));
                app = ApplicationClass.find(name, Command.class.getClassLoader());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage);
            return 2;
        }
        try {
            if (options.worker()) {
                return Worker.run(options.config(), app);
            }
            if (options.processes() == 1 && !options.reload()) {
                return inProcess(options.config(), app);
            }
            return supervise(options, app.getName());
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage()); // e.g. Cannot listen on HOST:PORT: address already in use
            return 1;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            e.printStackTrace();
            return 1;
        }
    }

    /**
     * Creates the application and starts it.
     *
     * @param app    the application class
     * @param config the configuration
     * @return the running server
     */
    static Server start(Class<? extends Application> app, ServerConfig config) {
        Server server = ApplicationClass.instantiate(app).start(config);
        if (server == null) {
            throw new IllegalStateException(app.getName() + ".start returned null instead of the running server");
        }
        return server;
    }

    private static int inProcess(ServerConfig config, Class<? extends Application> app) {
        Server server = start(app, config).closeOnSignals();
        System.out.println(Server.acceptingLine(config.host(), server.port(), 1, config.eventLoops()));
        System.out.flush();
        server.awaitShutdown();
        System.out.println("Stopped");
        return 0;
    }

    private static int supervise(LaunchOptions options, String app) {
        Supervisor supervisor = new Supervisor(options.config(), app, options.processes(), WorkerCommand.ofThisJvm());
        if (!options.reload()) {
            return supervisor.run();
        }
        String classPath = System.getProperty("java.class.path", "");
        List<Path> classes = options.classes().isEmpty() ? directoriesOn(classPath) : options.classes();
        AutoCloseable reloader;
        try {
            reloader = ReloaderBridge.start(classes, options.sources(), classPath, supervisor::reload);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            return supervisor.run();
        } finally {
            try {
                reloader.close();
            } catch (Exception e) {
                System.err.println("[reload] closing: " + e);
            }
        }
    }

    private static List<Path> directoriesOn(String classPath) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isDirectory(Path.of(entry))) {
                dirs.add(Path.of(entry));
            }
        }
        return dirs;
    }
}
