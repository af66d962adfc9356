package dev.pronto.dev;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dev.pronto.Launcher} in a child JVM, with its merged output collected; closing it kills the child and the
 * workers it started, and waits until they are gone.
 */
final class LauncherProcess implements AutoCloseable {
    private static final Pattern ACCEPTING = Pattern.compile("^Accepting connections on http://[^:]+:(\\d+) \\(");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private LauncherProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("launcher-output").start(this::collect);
    }

    /**
     * @param classPath what to add to the test's class path (the application's classes)
     * @param args      the launcher's arguments
     */
    static LauncherProcess launch(List<Path> classPath, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(classPath),
                "dev.pronto.Launcher"));
        command.addAll(List.of(args));
        return new LauncherProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * The test's class path, the dev and core classes (surefire may pass a manifest-only jar), and more.
     *
     * @param more entries to add
     * @return the class path
     */
    static String classPath(List<Path> more) {
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path"),
                locationOf(Reloader.class).toString(), coreClasses().toString()));
        more.forEach(p -> entries.add(p.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** @return where pronto-core's classes are (a folder or a jar) */
    static Path coreClasses() {
        try {
            return locationOf(Class.forName("dev.pronto.Launcher"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("pronto-core is not on the test class path", e);
        }
    }

    private static Path locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
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

    synchronized int mark() {
        return lines.size();
    }

    /** @return the first line from {@code from} on that matches, waiting up to {@code within} */
    synchronized Matcher awaitLine(Pattern pattern, int from, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (int next = from; ; ) {
            for (; next < lines.size(); next++) {
                Matcher m = pattern.matcher(lines.get(next));
                if (m.find()) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("no line matching /" + pattern + "/ within " + within + "; output:\n"
                        + output());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<String> linesFrom(int from) {
        return List.copyOf(lines.subList(from, lines.size()));
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    int awaitAccepting(Duration within) throws InterruptedException {
        return Integer.parseInt(awaitLine(ACCEPTING, 0, within).group(1));
    }

    /**
     * One {@code GET /} on a fresh connection.
     *
     * @return the body of a 200 response, or empty if the request failed in any way
     */
    static Optional<String> get(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int bodyAt = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200 ") || bodyAt < 0) {
                return Optional.empty();
            }
            return Optional.of(response.substring(bodyAt + 4));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("process " + h.pid() + " survived SIGKILL for 10 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
