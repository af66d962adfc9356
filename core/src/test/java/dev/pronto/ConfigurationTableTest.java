package dev.pronto;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds the settings table of {@code docs/configuration.md} to {@link Settings}, so that neither drifts. */
class ConfigurationTableTest {
    /** The document, from the module's directory (where the build runs the tests) or the repository root. */
    private static final List<Path> PLACES = List.of(Path.of("../docs/configuration.md"),
            Path.of("docs/configuration.md"));
    private static final String SECTION = "## Every setting";

    @Test
    void theDocumentedTableIsTheCodesTable() throws IOException {
        Path doc = PLACES.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new AssertionError("docs/configuration.md not found from "
                        + Path.of("").toAbsolutePath()));
        List<String> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.equals(SECTION);
            } else if (inSection && line.startsWith("| `")) {
                rows.add(line);
            }
        }
        // On a difference, the message shows the rows to paste under the section's header.
        assertThat(String.join("\n", rows)).as("the rows of '%s' in docs/configuration.md", SECTION)
                .isEqualTo(String.join("\n", Settings.tableRows()));
    }
}
