package dev.pronto.launcher;

import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A master's hold on its port, taken before its first worker starts, so that its workers, which share the port
 * ({@code SO_REUSEPORT}), share it with each other only. Linux lets any socket of the same user that sets
 * {@code SO_REUSEPORT} join a port whose sockets all set it; so a master makes sure that nobody listens on the port
 * (it listens once without {@code SO_REUSEPORT}, which fails on a port in use, whoever holds it), and holds a lock
 * file named
 * after the host and port for its whole life, so that a second master started at the same moment fails on the lock
 * instead of passing its probe while the first master's workers are still starting. Servers outside a launcher
 * never set {@code SO_REUSEPORT}: they cannot join, nor be joined.
 */
final class PortClaim implements AutoCloseable {
    /** The system property that tells a worker JVM it is one of its master's siblings (read by the engine). */
    static final String PORT_GROUP = "pronto.port.group";

    private final String token;
    private final FileChannel lockFile; // null when the port was 0, or the lock file could not be opened

    private PortClaim(String token, FileChannel lockFile) {
        this.token = token;
        this.lockFile = lockFile;
    }

    /**
     * Claims a port for a master's workers.
     *
     * @param host      the host to listen on
     * @param port      the port; 0 claims nothing (the first worker will pick a free port)
     * @param transport the transport id the workers will listen with, which the check listens with too
     * @return the claim, to close when the master ends
     * @throws UncheckedIOException     {@code Cannot listen on HOST:PORT: address already in use} (or why else not)
     * @throws IllegalArgumentException if no transport present has that id
     */
    static PortClaim take(String host, int port, String transport) {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        if (port == 0) {
            return new PortClaim(token, null);
        }
        FileChannel lock;
        try {
            lock = lock(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": address already in use", e);
        }
        try {
            // Listening once, as a server outside a launcher does, fails the same way on a port in use.
            Server.start(ServerConfig.builder().host(host).port(port).eventLoops(1).transport(transport).build(),
                    request -> Response.status(Status.SERVICE_UNAVAILABLE)).close();
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
        return new PortClaim(token, lock);
    }

    /** @return the open, locked file; null if it cannot be opened (another user's: the kernel keeps users apart) */
    private static FileChannel lock(String host, int port) throws IOException {
        Path path = Path.of(System.getProperty("java.io.tmpdir"),
                "pronto-port-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + port + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return null;
        }
        try {
            FileLock held = channel.tryLock();
            if (held == null) {
                throw new BindException("Address already in use");
            }
            return channel; // released when the master exits, however it ends
        } catch (IOException | OverlappingFileLockException e) {
            channel.close();
            throw e instanceof IOException io ? io : new BindException("Address already in use");
        }
    }

    /** @return the JVM option that makes a worker one of this master's siblings */
    String workerOption() {
        return "-D" + PORT_GROUP + "=" + token;
    }

    @Override
    public void close() {
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
