package dev.pronto.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/tutorial} in step with the examples: every {@code ```java} block of a page is a verbatim excerpt
 * of its example's source (indentation and blank lines aside), every {@code ```ftl} block of a template, every
 * page says how to run its example, and the testing page quotes the examples' tests.
 */
class TutorialTest {
    private static final Path TUTORIAL = Path.of("../docs/tutorial");
    private static final Path SOURCES = Path.of("src/main/java/dev/pronto/examples");
    private static final Path TESTS = Path.of("src/test/java/dev/pronto/examples");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final List<String> PAGES = List.of("01-hello", "02-async", "03-router", "04-request",
            "05-response", "06-exceptions", "07-extend", "08-template", "09-todo", "10-dump", "13-orders");

    @Test
    void theIndexLinksEveryPageInOrder() throws IOException {
        String index = Files.readString(TUTORIAL.resolve("README.md"));
        int last = -1;
        for (String page : PAGES) {
            int at = index.indexOf("(" + page + ".md)");
            assertThat(at).as(page).isGreaterThan(last);
            last = at;
        }
        assertThat(index).contains("JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q package -DskipTests");
    }

    @Test
    void everyPageSaysHowToRunItsExample() throws IOException {
        for (String page : PAGES) {
            String name = page.substring(3);
            assertThat(Files.readString(TUTORIAL.resolve(page + ".md"))).as(page)
                    .contains("java -jar examples/target/pronto-examples.jar " + name + " --port 8080");
        }
    }

    @Test
    void everyJavaBlockIsAnExcerptOfItsExample() throws IOException {
        for (String page : PAGES) {
            String name = page.substring(3);
            Path source = SOURCES.resolve(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Example.java");
            List<String> code = significantLines(Files.readString(source));
            List<List<String>> blocks = blocks(Files.readString(TUTORIAL.resolve(page + ".md")), "java");
            assertThat(blocks).as(page + " shows code").isNotEmpty();
            for (List<String> block : blocks) {
                assertThat(Collections.indexOfSubList(code, block)).as(page + ": not in " + source + ":\n"
                        + String.join("\n", block)).isNotNegative();
            }
        }
    }

    @Test
    void theTestingPageQuotesTheExamplesTests() throws IOException {
        String page = Files.readString(TUTORIAL.resolve("11-testing.md"));
        assertThat(Files.readString(TUTORIAL.resolve("README.md"))).contains("(11-testing.md)");
        List<List<String>> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith("IT.java")).toList()) {
                tests.add(significantLines(Files.readString(file)));
            }
        }
        List<List<String>> blocks = blocks(page, "java");
        assertThat(blocks).isNotEmpty();
        for (List<String> block : blocks) {
            assertThat(tests).as("11-testing: not in a test of " + TESTS + ":\n" + String.join("\n", block))
                    .anyMatch(t -> Collections.indexOfSubList(t, block) >= 0);
        }
    }

    @Test
    void everyTemplateBlockIsATemplate() throws IOException {
        List<List<String>> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.toList()) {
                templates.add(significantLines(Files.readString(file)));
            }
        }
        for (String page : PAGES) {
            for (List<String> block : blocks(Files.readString(TUTORIAL.resolve(page + ".md")), "ftl")) {
                assertThat(templates).as(page + ": not a template:\n" + String.join("\n", block))
                        .anyMatch(t -> Collections.indexOfSubList(t, block) >= 0);
            }
        }
    }

    /** The fenced blocks whose info string is exactly {@code language}, as significant lines. */
    private static List<List<String>> blocks(String markdown, String language) {
        List<List<String>> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.equals("```" + language)) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(significantLines(block.toString()));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static List<String> significantLines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
