package dev.pronto.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class TreeWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(150);
    private static final Duration MOST = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void reportsABurstOfChangesAtOnceIncludingFilesInAFolderCreatedSince() throws Exception {
        Path root = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(root.resolve("Old.class"), "0");
        try (TreeWatcher watcher = new TreeWatcher(List.of(root))) {
            Files.writeString(root.resolve("Old.class"), "1");
            Path pkg = Files.createDirectories(root.resolve("com/example"));
            Files.writeString(pkg.resolve("New.class"), "2");

            Set<Path> changed = watcher.awaitChanges(QUIET, MOST);

            assertThat(changed).contains(root.resolve("Old.class"), root.resolve("com"), pkg.resolve("New.class"));
            // The new folders are watched from now on.
            Files.writeString(pkg.resolve("New.class"), "3");
            assertThat(watcher.awaitChanges(QUIET, MOST)).contains(pkg.resolve("New.class"));
        }
    }

    @Test
    void rejectsAMissingFolder() {
        assertThatThrownBy(() -> new TreeWatcher(List.of(dir.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a folder: ");
    }
}
