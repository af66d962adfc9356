package dev.pronto.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reloads an application under development: watches its class folders and source folders, compiles the sources
 * in this JVM on a change (into a fresh folder), and tells the launcher that a new worker should start with that
 * folder first on its class path. A compilation error is printed, and the old worker keeps serving.
 * {@code dev.pronto.Launcher --reload} finds this class by name; its contract uses JDK types only.
 */
public final class Reloader implements AutoCloseable {
    /** A burst of file events ends after this long without one. */
    static final Duration QUIET = Duration.ofMillis(150);
    /** The longest burst: a folder that never stops changing is still acted on. */
    static final Duration LONGEST_BURST = Duration.ofSeconds(1);

    private final List<Path> classDirs;
    private final List<Path> sourceDirs;
    private final TreeWatcher watcher;
    private final SourceCompiler compiler; // null without source folders
    private final Consumer<List<Path>> onChange;
    private final Path outputRoot;
    private final Deque<Path> outputs = new ArrayDeque<>(); // the newest last: in use, or draining
    private final Thread thread;
    private volatile boolean closed;
    private int compilations;

    private Reloader(List<Path> classDirs, List<Path> sourceDirs, String classPath, Consumer<List<Path>> onChange)
            throws IOException {
        this.classDirs = classDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.sourceDirs = sourceDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.compiler = sourceDirs.isEmpty() ? null : new SourceCompiler(this.sourceDirs, classPath);
        this.onChange = onChange;
        List<Path> all = new ArrayList<>(this.classDirs);
        all.addAll(this.sourceDirs);
        this.watcher = new TreeWatcher(all);
        this.outputRoot = Files.createTempDirectory("pronto-reload-");
        this.thread = Thread.ofPlatform().daemon().name("pronto-reload").unstarted(this::watch);
    }

    /**
     * Starts watching.
     *
     * @param classDirs  class folders to watch: a change restarts the worker
     * @param sourceDirs source folders: a change to a {@code .java} file compiles them all, then restarts
     * @param classPath  the class path to compile against (the application's)
     * @param onChange   called, on the reloader's thread, with the folders to put first on the next worker's
     *                   class path (empty when there are no source folders)
     * @return the running reloader; close it to stop watching and delete its compiled classes
     * @throws IOException              if watching cannot start
     * @throws IllegalArgumentException if a folder does not exist
     * @throws IllegalStateException    if sources are given but this JVM has no compiler
     */
    public static Reloader start(List<Path> classDirs, List<Path> sourceDirs, String classPath,
            Consumer<List<Path>> onChange) throws IOException {
        if (classDirs.isEmpty() && sourceDirs.isEmpty()) {
            throw new IllegalArgumentException("nothing to watch: give --classes DIR or --src DIR");
        }
        Reloader reloader = new Reloader(classDirs, sourceDirs, classPath, onChange);
        System.out.println("[reload] watching " + String.join(", ", Stream.concat(reloader.sourceDirs.stream(),
                reloader.classDirs.stream()).map(Path::toString).toList()));
        reloader.thread.start();
        return reloader;
    }

    private void watch() {
        try {
            if (compiler != null) {
                warmUp();
            }
            while (!closed) {
                Set<Path> changed = watcher.awaitChanges(QUIET, LONGEST_BURST);
                List<Path> relevant = changed.stream().filter(this::matters).toList();
                if (!relevant.isEmpty()) {
                    onChanges(relevant);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            System.err.println("[reload] stopped watching: " + e);
        }
    }

    /** A source change is a {@code .java} file (or a whole folder); any change under a class folder counts. */
    private boolean matters(Path p) {
        for (Path dir : sourceDirs) {
            if (p.startsWith(dir)) {
                return p.toString().endsWith(".java") || Files.isDirectory(p) || p.equals(dir);
            }
        }
        return classDirs.stream().anyMatch(p::startsWith);
    }

    private void onChanges(List<Path> changed) {
        String what = changed.size() == 1 ? relative(changed.getFirst()) : changed.size() + " files";
        if (compiler == null) {
            System.out.println("[reload] " + what + " changed: starting a new process");
            onChange.accept(List.of());
            return;
        }
        long start = System.nanoTime();
        Path output = nextOutput();
        SourceCompiler.Result result = compiler.compile(output);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!result.ok()) {
            delete(output);
            System.err.print("[reload] " + what + " changed, and the sources do not compile; the previous code"
                    + " goes on serving:\n" + result.report() + "[reload] " + result.errors()
                    + (result.errors() == 1 ? " error\n" : " errors\n"));
            System.err.flush();
            return;
        }
        outputs.addLast(output);
        while (outputs.size() > 2) {
            delete(outputs.removeFirst()); // the worker before last has been drained by now
        }
        System.out.println("[reload] " + what + " changed: compiled " + files(result.files()) + " in " + millis
                + " ms; starting a new process");
        onChange.accept(List.of(output));
    }

    /** Compiles once at start: the compiler's first run is its slowest, and errors show before the first edit. */
    private void warmUp() {
        Path output = nextOutput();
        long start = System.nanoTime();
        SourceCompiler.Result result = compiler.compile(output);
        delete(output);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (result.ok()) {
            System.out.println("[reload] " + files(result.files()) + " compiled (" + millis + " ms)");
        } else {
            System.err.print("[reload] the sources do not compile yet; the classes on the class path are served:\n"
                    + result.report());
        }
    }

    private Path nextOutput() {
        try {
            return Files.createDirectory(outputRoot.resolve(Integer.toString(++compilations)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String files(int n) {
        return n + (n == 1 ? " source file" : " source files");
    }

    private String relative(Path p) {
        for (Path dir : sourceDirs) {
            if (p.startsWith(dir)) {
                return dir.relativize(p).toString();
            }
        }
        for (Path dir : classDirs) {
            if (p.startsWith(dir)) {
                return dir.relativize(p).toString();
            }
        }
        return p.toString();
    }

    /** Stops watching and deletes the compiled classes. */
    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
            thread.join(Duration.ofSeconds(10));
        } catch (IOException e) {
            System.err.println("[reload] closing the watcher: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(outputRoot);
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[reload] cannot delete " + tree + ": " + e);
        }
    }
}
