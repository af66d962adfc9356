package dev.pronto.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the status table of {@code docs/conformance.md}, so that tests hold the document to the code. */
final class StatusTable {
    /** The document, from the module's directory (where the build runs the tests) or the repository root. */
    private static final List<Path> PLACES = List.of(Path.of("../docs/conformance.md"), Path.of("docs/conformance.md"));
    private static final String SECTION = "## Parser rejections";
    // | `NAME` | 400 | yes | rule |
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z0-9_]+)`\\s*\\|\\s*(\\d{3})\\s*\\|\\s*yes\\s*\\|.*\\|$");

    private StatusTable() {
    }

    /** @return error name → status, for every row of the "Parser rejections" table; a row that does not close fails */
    static Map<String, Integer> parserRejections() {
        Path doc = PLACES.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new AssertionError("docs/conformance.md not found from " + Path.of("").toAbsolutePath()));
        List<String> lines;
        try {
            lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals(SECTION);
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("docs/conformance.md: a parser rejection row must read"
                        + " | `NAME` | status | yes | rule |, got: " + line);
            }
            if (rows.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                throw new AssertionError("docs/conformance.md lists " + m.group(1) + " twice");
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("docs/conformance.md has no table under '" + SECTION + "'");
        }
        return rows;
    }
}
