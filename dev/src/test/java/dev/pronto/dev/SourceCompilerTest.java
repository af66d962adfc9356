package dev.pronto.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceCompilerTest {
    @TempDir
    Path dir;

    @Test
    void compilesEverySourceUnderTheFoldersIntoTheOutput() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/a/b"));
        Files.writeString(src.resolve("One.java"), "package a.b; public class One { Two two; }");
        Files.writeString(src.resolve("Two.java"), "package a.b; class Two { }");
        Files.writeString(dir.resolve("src/module-info.java"), "module ignored { }");
        Path out = Files.createDirectories(dir.resolve("out"));

        SourceCompiler.Result result = new SourceCompiler(List.of(dir.resolve("src")), "").compile(out);

        assertThat(result.ok()).as(result.report()).isTrue();
        assertThat(result.files()).isEqualTo(2);
        assertThat(out.resolve("a/b/One.class")).exists();
        assertThat(out.resolve("a/b/Two.class")).exists();
        assertThat(out.resolve("module-info.class")).doesNotExist();
    }

    @Test
    void reportsEachErrorWithItsPositionTheLineAndACaret() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Broken.java"), """
                class Broken {
                    int x = "text";
                    void f() { undefined(); }
                }
                """);

        SourceCompiler.Result result = new SourceCompiler(List.of(src), "")
                .compile(Files.createDirectories(dir.resolve("out")));

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).isEqualTo(2);
        String file = src.resolve("Broken.java").toString();
        assertThat(result.report()).isEqualTo(file + ":2:13: error: incompatible types: java.lang.String cannot be converted"
                + " to int\n"
                + "        int x = \"text\";\n"
                + "                ^\n"
                + file + ":3:16: error: cannot find symbol\n"
                + "  symbol:   method undefined()\n"
                + "  location: class Broken\n"
                + "        void f() { undefined(); }\n"
                + "                   ^\n");
    }
}
