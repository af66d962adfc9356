package dev.pronto.hostile;

import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.Requests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server of {@link IdleConnectionsIT}, run in a child JVM so that its memory and file descriptors are its own:
 * one event loop, at most {@code args[0]} connections, {@code GET} anything answers {@code ok}. It prints
 * {@code port P fdlimit L} once listening; each line {@code measure} on standard input prints
 * {@code measured heap=B direct=B rss=KB fds=N} (heap in use after a full collection, direct buffers, resident set,
 * open file descriptors); the end of standard input shuts it down.
 */
public final class IdleConnectionsServer {
    private IdleConnectionsServer() {
    }

    /**
     * Runs until standard input ends.
     *
     * @param args the connection cap
     * @throws IOException if standard input or /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        int cap = Integer.parseInt(args[0]);
        Response ok = Response.text("ok");
        // Idle and header timeouts far beyond the test's length: every held connection stays until the client closes.
        Server server = Server.start(Requests.localServer().maxConnections(cap).idleTimeout(Duration.ofMinutes(5))
                .headerTimeout(Duration.ofMinutes(5)).build(), request -> ok);
        System.out.println("port " + server.port() + " fdlimit " + openFilesLimits()[0]);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("measure")) {
                    System.out.println(measure());
                }
            }
        } finally {
            server.close();
        }
    }

    private static String measure() throws IOException {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
        long fds;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.count();
        }
        return "measured heap=" + heap + " direct=" + direct + " rss=" + rssKb + " fds=" + fds;
    }

    /** @return this process's soft and hard limits on open files, from /proc/self/limits; -1 where unknown */
    static long[] openFilesLimits() throws IOException {
        // Lines, not Files.readString: on some kernels a procfs file read whole by its size (0) comes back cut.
        List<String> limits = Files.readAllLines(Path.of("/proc/self/limits"));
        for (String line : limits) {
            if (line.startsWith("Max open files")) {
                String[] values = line.substring("Max open files".length()).trim().split("\\s+");
                return new long[] {limit(values[0]), limit(values[1])};
            }
        }
        return new long[] {-1, -1};
    }

    private static long limit(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
    }
}
