package dev.pronto.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches folder trees, folders created later included, and reports changes in bursts: an editor's save or a
 * build's output is several events, so a burst ends only after a quiet spell.
 */
final class TreeWatcher implements AutoCloseable {
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();

    /**
     * @param roots the trees to watch; each must be an existing folder
     * @throws IOException if watching cannot start
     * @throws IllegalArgumentException if a root is not a folder
     */
    TreeWatcher(List<Path> roots) throws IOException {
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("not a folder: " + root);
            }
        }
        service = FileSystems.getDefault().newWatchService();
        try {
            for (Path root : roots) {
                registerTree(root, null);
            }
        } catch (IOException | UncheckedIOException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Waits for the next burst of changes.
     *
     * @param quiet how long without events ends a burst
     * @param most  the longest a burst may last, so that a busy folder still gets reported
     * @return the changed paths (files, or a folder when the events overflowed)
     * @throws InterruptedException        if interrupted
     * @throws ClosedWatchServiceException once closed
     */
    Set<Path> awaitChanges(Duration quiet, Duration most) throws InterruptedException {
        Set<Path> changed = new LinkedHashSet<>();
        collect(service.take(), changed);
        long deadline = System.nanoTime() + most.toNanos();
        while (true) {
            long wait = Math.min(quiet.toNanos(), deadline - System.nanoTime());
            WatchKey key = wait > 0 ? service.poll(wait, TimeUnit.NANOSECONDS) : null;
            if (key == null) {
                return changed;
            }
            collect(key, changed);
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        Path folder = folders.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (folder == null) {
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add(folder);
                continue;
            }
            Path child = folder.resolve((Path) event.context());
            changed.add(child);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child, changed); // a new package: watch it, and count what is already inside
                } catch (IOException | UncheckedIOException e) {
                    changed.add(child); // it vanished again, or cannot be read: the change is reported anyway
                }
            }
        }
        if (!key.reset()) {
            folders.remove(key);
        }
    }

    private void registerTree(Path root, Set<Path> found) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                if (Files.isDirectory(p)) {
                    WatchKey key = p.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    folders.put(key, p);
                } else if (found != null) {
                    found.add(p);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
