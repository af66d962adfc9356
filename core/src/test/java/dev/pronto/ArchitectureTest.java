package dev.pronto;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the arrows pointing one way: the public API → nothing internal but its one entry point; the app side → no
 * protocol; parser → nothing; router → codecs; transport → no HTTP; loop → the transport at most; response and
 * codecs → the public API only; health probes → the API and the grammar leaf (its JSON writer); http1 → where they meet. The one
 * exception is {@code dev.pronto.http}, the leaf of HTTP grammar facts (the tchar table, the standard methods and
 * their ids, which statuses carry a body) that any package but the transport may import, so that each fact is stated
 * once; it imports nothing of ours and holds nothing but constants and pure static functions.
 */
class ArchitectureTest {
    /** The one internal class the public API may name: the door through which it starts the engine. */
    private static final String ENTRY_POINT = "dev.pronto.engine.Engine";
    /**
     * The launcher's facade: {@code Launcher} forwards to the process supervisor, which sits beside the engine as a
     * client of the API (LauncherPackageRulesTest); through the entry point it would close a cycle Server → Engine →
     * Command → Server.
     */
    private static final String LAUNCHER = "Launcher.java: dev.pronto.launcher.Command";
    private static final Pattern CLASS_IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Path MAIN = Path.of("src/main/java/dev/pronto");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    private static List<String> importsOf(String pkg) {
        return imports(MAIN.resolve(pkg.replace('.', '/')), Integer.MAX_VALUE, IMPORT);
    }

    /** @return "File.java: imported.Name" for each import of the files directly in the API package */
    private static List<String> importsOfTheApi() {
        return imports(MAIN, 1, CLASS_IMPORT);
    }

    /** @return "File.java: what the pattern's group 1 captures" for each import of the Java files under {@code dir} */
    private static List<String> imports(Path dir, int depth, Pattern importLine) {
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = importLine.matcher(Files.readString(f));
                    return m.results().map(r -> f.getFileName() + ": " + r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApiImportsNoInternalPackageButTheEntryPoint() {
        List<String> imports = importsOfTheApi();
        assertThat(imports).as("the API package's imports").isNotEmpty();
        // Besides the entry point: the grammar facts leaf, which every package but the transport may import.
        assertThat(imports).filteredOn(i -> i.matches(".*: dev\\.pronto\\.[a-z].*") && !i.endsWith(": " + ENTRY_POINT)
                && !i.matches(".*: dev\\.pronto\\.http\\.[A-Z]\\w*") && !i.equals(LAUNCHER))
                .isEmpty();
    }

    @Test
    void theFiltersAreWrittenOnThePublicApiOnly() {
        // They are public API themselves, beside it: a client of dev.pronto like any app, and the grammar facts.
        assertThat(importsOf("filter")).isNotEmpty().allSatisfy(i -> assertThat(i.replaceAll(
                ": dev\\.pronto(\\.(filter|http))?$", "")).doesNotContain(": dev.pronto"));
    }

    @Test
    void theAppSideKnowsNoProtocolNoConnectionAndNoTransport() {
        assertThat(importsOf("app")).isNotEmpty().allSatisfy(i -> assertThat(i).doesNotContainPattern(
                ": dev\\.pronto\\.(parser|http1|loop|transport|response|launcher|engine)"));
    }

    @Test
    void nothingInternalImportsTheEntryPoint() {
        for (String pkg : List.of("app", "codec", "filter", "health", "http", "http1", "launcher", "loop", "parser",
                "response", "router", "transport")) {
            assertThat(importsOf(pkg)).as(pkg).allSatisfy(i -> assertThat(i).doesNotContain(": dev.pronto.engine"));
        }
    }

    @Test
    void parserImportsNothingOfOursAndNoIo() {
        assertThat(importsOf("parser")).allSatisfy(i -> assertThat(i.replaceAll(": dev\\.pronto\\.(parser|http).*", ""))
                .doesNotContain(": dev.pronto").doesNotContain(": java.io").doesNotContain(": java.net")
                .doesNotContain(": java.nio.channels").doesNotContain(": sun."));
    }

    @Test
    void transportKnowsNoHttp() {
        assertThat(importsOf("transport")).allSatisfy(i -> assertThat(i.replaceAll(": dev\\.pronto\\.transport.*", ""))
                .doesNotContain(": dev.pronto"));
    }

    @Test
    void loopServicesImportNothingOfOursButTheTransport() {
        assertThat(importsOf("loop")).isNotEmpty().allSatisfy(i -> assertThat(
                i.replaceAll(": dev\\.pronto\\.(loop|transport)(\\..*)?$", "")).doesNotContain(": dev.pronto"));
    }

    @Test
    void http1ImportsOnlyWhatItJoins() {
        // The API (dev.pronto itself), the grammar facts, the parser, the encoder, the loop services and the
        // transport; of the app side the codecs and the router its request view decodes with (and the app package).
        assertThat(importsOf("http1")).isNotEmpty().allSatisfy(i -> assertThat(i.replaceAll(
                ": dev\\.pronto(\\.(http1|http|parser|response|loop|transport|codec|router|app)(\\..*)?|\\.[A-Z]\\w*)?$", ""))
                .doesNotContain(": dev.pronto"));
    }

    @Test
    void responseEncoderKnowsOnlyThePublicApi() {
        assertThat(importsOf("response")).allSatisfy(i -> assertThat(i).doesNotContainPattern(
                ": dev\\.pronto\\.(parser|http1|loop|transport)"));
    }

    @Test
    void routerImportsOnlyTheCodecs() {
        assertThat(importsOf("router")).allSatisfy(i -> assertThat(i.replaceAll(
                ": dev\\.pronto\\.(router|codec|http).*", ""))
                .doesNotContain(": dev.pronto"));
    }

    @Test
    void codecsKnowOnlyThePublicApi() {
        assertThat(importsOf("codec")).allSatisfy(i -> assertThat(i).doesNotContainPattern(
                ": dev\\.pronto\\.(parser|http1|loop|transport|router|response)"));
    }

    @Test
    void healthProbesKnowOnlyThePublicApiAndTheJsonWriter() {
        assertThat(importsOf("health")).isNotEmpty().allSatisfy(i -> assertThat(i.replaceAll(
                ": dev\\.pronto(\\.(health|http)(\\..*)?|\\.[A-Z]\\w*)?$", "")).doesNotContain(": dev.pronto"));
    }

    @Test
    void httpGrammarFactsAreALeafEveryoneMayImport() {
        assertThat(importsOf("http")).allSatisfy(i -> assertThat(i.replaceAll(": dev\\.pronto\\.http.*", ""))
                .doesNotContain(": dev.pronto").doesNotContain(": java.io").doesNotContain(": java.net")
                .doesNotContain(": java.nio").doesNotContain(": java.util.concurrent"));
    }

    @Test
    void httpGrammarFactsHoldNoState() throws Exception {
        List<String> classes;
        try (Stream<Path> files = Files.list(MAIN.resolve("http"))) {
            classes = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .filter(n -> !n.equals("package-info.java")).map(n -> n.substring(0, n.length() - 5)).toList();
        }
        assertThat(classes).isNotEmpty();
        for (String name : classes) {
            Class<?> c = Class.forName("dev.pronto.http." + name);
            assertThat(Modifier.isFinal(c.getModifiers())).as("%s is final", name).isTrue();
            assertThat(c.getDeclaredConstructors()).as("%s cannot be made", name)
                    .allSatisfy(k -> assertThat(Modifier.isPrivate(k.getModifiers())).isTrue());
            assertThat(c.getDeclaredFields()).as("%s holds only constants", name).allSatisfy(f -> assertThat(
                    Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                            && (f.getType().isPrimitive() || f.getType() == String.class
                            || Modifier.isPrivate(f.getModifiers()))).as(f.getName()).isTrue());
        }
    }

    @Test
    void apiPackageDoesNotImportTheEncoder() throws IOException {
        // The encoder reads a response through its public methods and keeps the cached heads itself: no accessor from
        // the value into the engine, so no file cycle between Response and ResponseEncoder.
        List<String> imports = importsOf("");
        try (Stream<Path> api = Files.list(MAIN)) {
            assertThat(api.map(f -> f.getFileName() + ": dev.pronto.response")).noneMatch(imports::contains);
        }
    }
}
