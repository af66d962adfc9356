package dev.pronto.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the conformance corpus: Markdown files under {@code conformance/} on the test class path, one case per
 * {@code ###} heading, each a raw byte stream (one or more pipelined requests) and the outcome expected for every
 * request in it. Public so that socket-level tests in other packages can replay the same cases against a server
 * configured with the limits below. The format is described in {@code conformance/README.md}.
 */
public final class ConformanceCorpus {
    /** The request-line limit the cases assume. */
    public static final int MAX_REQUEST_LINE_BYTES = 128;
    /** The header-section limit the cases assume. */
    public static final int MAX_HEADER_BYTES = 512;
    /** The header-count limit the cases assume. */
    public static final int MAX_HEADER_COUNT = 16;
    /** The body limit the cases assume (a larger Content-Length is answered 413 before the body is read). */
    public static final long MAX_BODY_BYTES = 64;
    /** The chunk limit the cases assume. */
    public static final long MAX_CHUNK_BYTES = 32;

    /** One expected field of an accepted request, e.g. {@code method: GET}; values may hold escapes. */
    public record Field(String key, String value) {
    }

    /**
     * The expected outcome for one request of a case.
     *
     * @param ok     whether the request is accepted
     * @param status the status it is rejected with, 0 when accepted
     * @param fields what to check: head fields and {@code body} when accepted, optionally {@code error} when not
     */
    public record Outcome(boolean ok, int status, List<Field> fields) {
        /** @return the value of the first field with this key, or null */
        public String field(String key) {
            return fields.stream().filter(f -> f.key().equals(key)).map(Field::value).findFirst().orElse(null);
        }
    }

    /**
     * One case.
     *
     * @param file     the Markdown file it comes from
     * @param name     its heading
     * @param raw      the bytes a client sends
     * @param outcomes one per request, in order; a rejection ends the list since the connection then closes
     */
    public record Case(String file, String name, byte[] raw, List<Outcome> outcomes) {
        @Override
        public String toString() {
            return file.replaceFirst("\\.md$", "") + ": " + name;
        }
    }

    private ConformanceCorpus() {
    }

    /** @return every case of every corpus file, files in name order */
    public static List<Case> load() {
        URL url = ConformanceCorpus.class.getClassLoader().getResource("conformance");
        if (url == null) {
            throw new IllegalStateException("conformance/ is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return loadDirectory(fs.getPath("conformance"));
                }
            }
            return loadDirectory(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> loadDirectory(Path dir) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("README.md")) {
                    cases.addAll(parse(name, Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
        }
        return cases;
    }

    /**
     * Parses one corpus file.
     *
     * @param file     its name, for messages
     * @param markdown its text
     * @return its cases in order
     */
    public static List<Case> parse(String file, String markdown) {
        List<Case> cases = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (!lines[i].startsWith("### ")) {
                i++;
                continue;
            }
            String name = lines[i].substring(4).strip();
            i++;
            while (i < lines.length && !lines[i].startsWith("```") && !lines[i].startsWith("#")) {
                i++;
            }
            if (i == lines.length || !lines[i].startsWith("```")) {
                throw new IllegalArgumentException(file + ": case '" + name + "' has no fenced block");
            }
            i++;
            StringBuilder raw = new StringBuilder();
            while (i < lines.length && !lines[i].startsWith("```")) {
                raw.append(lines[i].stripTrailing());
                i++;
            }
            i++;
            List<Outcome> outcomes = new ArrayList<>();
            List<Field> fields = null;
            for (; i < lines.length && !lines[i].startsWith("#"); i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(file + ": case '" + name + "': not a field line: " + line);
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (key.equals("expect")) {
                    fields = new ArrayList<>();
                    outcomes.add(outcome(file, name, value, fields));
                } else if (fields == null) {
                    throw new IllegalArgumentException(file + ": case '" + name + "': field before expect: " + line);
                } else {
                    fields.add(new Field(key, value));
                }
            }
            if (outcomes.isEmpty()) {
                throw new IllegalArgumentException(file + ": case '" + name + "' has no expect line");
            }
            cases.add(new Case(file, name, unescape(raw.toString()), List.copyOf(outcomes)));
        }
        return cases;
    }

    private static Outcome outcome(String file, String name, String value, List<Field> fields) {
        if (value.equals("ok")) {
            return new Outcome(true, 0, fields);
        }
        if (value.matches("status [1-5][0-9][0-9]")) {
            return new Outcome(false, Integer.parseInt(value.substring(7)), fields);
        }
        throw new IllegalArgumentException(file + ": case '" + name + "': bad expect: " + value);
    }

    /**
     * Turns the corpus escapes {@code \r \n \t \0 \\ \xHH} into bytes; every other character stands for itself
     * (characters above U+00FF are not allowed: write their bytes as {@code \xHH}).
     *
     * @param text escaped text
     * @return the bytes it stands for
     */
    public static byte[] unescape(String text) {
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c > 0xFF) {
                    throw new IllegalArgumentException("not a byte: " + c + " in " + text);
                }
                out[n++] = (byte) c;
                continue;
            }
            if (++i == text.length()) {
                throw new IllegalArgumentException("dangling backslash in " + text);
            }
            switch (text.charAt(i)) {
                case 'r' -> out[n++] = '\r';
                case 'n' -> out[n++] = '\n';
                case 't' -> out[n++] = '\t';
                case '0' -> out[n++] = 0;
                case '\\' -> out[n++] = '\\';
                case 'x' -> {
                    out[n++] = (byte) HexFormat.fromHexDigits(text, i + 1, i + 3);
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + text.charAt(i) + " in " + text);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
