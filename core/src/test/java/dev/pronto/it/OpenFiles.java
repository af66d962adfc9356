package dev.pronto.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The descriptors this JVM holds open on one file, read from {@code /proc/self/fd} (Linux). */
public final class OpenFiles {
    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    /**
     * @param file a file
     * @return how many descriptors of this process point to it now
     * @throws IOException if {@code /proc/self/fd} cannot be listed
     */
    public static int count(Path file) throws IOException {
        Path target = file.toRealPath();
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed while listed (the directory stream's own descriptor among them)
                }
            }
        }
        return n;
    }

    /**
     * Waits, within {@code timeout}, until no descriptor points to the file: for a close that follows an event the
     * test cannot observe otherwise, such as the server seeing a client's reset.
     *
     * @param file    a file
     * @param timeout how long to wait at most
     * @return the descriptors still open on it at the end
     * @throws Exception if {@code /proc/self/fd} cannot be listed, or the wait is interrupted
     */
    public static int awaitNone(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n;
        while ((n = count(file)) > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10); // polling a condition with a deadline, not waiting out a race
        }
        return n;
    }
}
