package dev.pronto.launcher;

import dev.pronto.Launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dev.pronto.Launcher} running in a child JVM, with its merged output collected line by line. Closing it
 * kills the child and every worker JVM it started (found through the process tree and through the worker pids its
 * log named), and waits until they are gone.
 */
final class ChildJvm implements AutoCloseable {
    /** JVM options for the child; the master passes them on to its workers (the tests check one of them). */
    static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dpronto.test.child=true");
    private static final Pattern WORKER_PID = Pattern.compile("process (\\d+)");
    private static final Pattern ACCEPTING = Pattern.compile("^Accepting connections on http://[^:]+:(\\d+) \\(");
    /**
     * What the child is started under: {@code env --default-signal=HUP}, where this machine's {@code env} has it, so
     * that a test runner started with SIGHUP ignored (under {@code nohup}) does not hand that to the child, whose JVM
     * could not take it back (the master says so, and {@code SupervisionIT} checks that it does).
     */
    private static final List<String> DEFAULT_SIGHUP = defaultSighup();

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Set<Long> workerPids = new HashSet<>();
    private boolean ended;

    private ChildJvm(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("child-output-" + process.pid()).start(this::collect);
    }

    /**
     * Starts {@code java -cp <the test class path> dev.pronto.Launcher ARGS}.
     *
     * @param env  extra environment variables
     * @param args the launcher's arguments
     * @return the running child
     * @throws IOException if it cannot start
     */
    static ChildJvm launch(Map<String, String> env, String... args) throws IOException {
        return launch(env, List.of(), args);
    }

    /**
     * Starts the launcher with more class path entries (e.g. to make its command line long).
     *
     * @param env            extra environment variables
     * @param moreClassPath  entries appended to the class path
     * @param args           the launcher's arguments
     * @return the running child
     * @throws IOException if it cannot start
     */
    static ChildJvm launch(Map<String, String> env, List<String> moreClassPath, String... args) throws IOException {
        return launch(DEFAULT_SIGHUP, env, moreClassPath, args);
    }

    /**
     * Starts the launcher under {@code nohup}: SIGHUP ignored from the start, as a user's {@code nohup} leaves it.
     *
     * @param args the launcher's arguments
     * @return the running child
     * @throws IOException if it cannot start
     */
    static ChildJvm launchUnderNohup(String... args) throws IOException {
        return launch(List.of("nohup"), Map.of(), List.of(), args);
    }

    /**
     * Starts another main class than the launcher's, e.g. a program that calls {@code App.run}.
     *
     * @param main the class whose {@code main} runs
     * @param args its arguments
     * @return the running child
     * @throws IOException if it cannot start
     */
    static ChildJvm launchMain(Class<?> main, String... args) throws IOException {
        return launch(DEFAULT_SIGHUP, main.getName(), Map.of(), List.of(), args);
    }

    private static ChildJvm launch(List<String> prefix, Map<String, String> env, List<String> moreClassPath,
                                   String... args) throws IOException {
        return launch(prefix, Launcher.class.getName(), env, moreClassPath, args);
    }

    private static ChildJvm launch(List<String> prefix, String main, Map<String, String> env,
                                   List<String> moreClassPath, String... args) throws IOException {
        // The prefix commands exec the JVM, so the child's pid stays the JVM's.
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        List<String> classPath = new ArrayList<>(List.of(classPath()));
        classPath.addAll(moreClassPath);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), main));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new ChildJvm(builder.start());
    }

    static ChildJvm launch(String... args) throws IOException {
        return launch(Map.of(), args);
    }

    private static List<String> defaultSighup() {
        List<String> prefix = List.of("env", "--default-signal=HUP");
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=HUP", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 ? prefix : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The test's class path, plus where the test and main classes are (surefire may pass a manifest-only jar). */
    static String classPath() {
        try {
            return String.join(File.pathSeparator, System.getProperty("java.class.path"),
                    Path.of(TestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString(),
                    Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    Matcher m = WORKER_PID.matcher(line);
                    while (m.find()) {
                        workerPids.add(Long.parseLong(m.group(1)));
                    }
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.add("(output ended: " + e + ")");
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** @return how many lines have been printed so far: a mark for {@link #awaitLine(Pattern, int, Duration)} */
    synchronized int mark() {
        return lines.size();
    }

    /**
     * Waits for a line matching a pattern.
     *
     * @param pattern what to find (anywhere in the line)
     * @param from    the first line index to look at
     * @param within  how long to wait
     * @return the match
     * @throws AssertionError if no such line appeared in time
     */
    synchronized Matcher awaitLine(Pattern pattern, int from, Duration within) throws InterruptedException {
        Matcher m = pattern.matcher(lines.get(awaitLineIndex(pattern, from, System.nanoTime() + within.toNanos())));
        m.find();
        return m;
    }

    /**
     * Waits until a number of lines match a pattern.
     *
     * @return the first {@code count} matches from the mark on
     */
    synchronized List<Matcher> awaitLines(Pattern pattern, int from, int count, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Matcher> found = new ArrayList<>();
        for (int next = from; found.size() < count; next++) {
            next = awaitLineIndex(pattern, next, deadline);
            Matcher m = pattern.matcher(lines.get(next));
            m.find();
            found.add(m);
        }
        return found;
    }

    private int awaitLineIndex(Pattern pattern, int from, long deadline) throws InterruptedException {
        int next = from;
        while (true) {
            for (; next < lines.size(); next++) {
                if (pattern.matcher(lines.get(next)).find()) {
                    return next;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("no line matching /" + pattern + "/ in time; output:\n" + output());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** @return every line matching a pattern so far, from a mark on */
    synchronized List<Matcher> linesMatching(Pattern pattern, int from) {
        List<Matcher> found = new ArrayList<>();
        for (int i = from; i < lines.size(); i++) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.find()) {
                found.add(m);
            }
        }
        return found;
    }

    /** @return the port from the {@code Accepting connections} line, once printed */
    int awaitAccepting(Duration within) throws InterruptedException {
        return Integer.parseInt(awaitLine(ACCEPTING, 0, within).group(1));
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Sends SIGTERM through the handle (Process.destroy() would also close the pipe the output comes from). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Sends a signal with the {@code kill} command, e.g. {@code HUP}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            throw new IOException("kill -" + name + " failed");
        }
    }

    /**
     * @return the exit status, waiting up to {@code within}
     * @throws AssertionError if it is still running
     */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + within + "; output:\n" + output());
        }
        synchronized (this) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!ended && deadline - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }
        return process.exitValue();
    }

    private boolean isOurWorker(ProcessHandle h) {
        ProcessHandle.Info info = h.info();
        boolean worker = info.arguments().map(a -> List.of(a).contains("--worker")).orElse(false);
        boolean startedSince = info.startInstant().flatMap(started -> process.info().startInstant()
                .map(masterStarted -> !started.isBefore(masterStarted))).orElse(false);
        return worker && startedSince;
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        synchronized (this) {
            // Workers whose master died are no longer its descendants; the pid must still be one of our workers.
            workerPids.forEach(pid -> ProcessHandle.of(pid).filter(this::isOurWorker).ifPresent(all::add));
        }
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported below if it is still alive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                throw new AssertionError("process " + h.pid() + " survived SIGKILL for 10 s");
            }
        }
    }
}
