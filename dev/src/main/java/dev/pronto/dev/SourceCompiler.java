package dev.pronto.dev;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles every Java source under some folders, in this JVM, with the JDK's compiler, into a folder of its own.
 * All of them each time: simpler than tracking dependencies, and an application small enough to reload compiles in
 * well under a second once the compiler is warm.
 */
final class SourceCompiler {
    private final JavaCompiler javac;
    private final List<Path> roots;
    private final String classPath;

    /**
     * The outcome of one compilation.
     *
     * @param ok     whether it succeeded
     * @param files  how many sources were compiled
     * @param errors how many errors
     * @param report the errors, each as {@code file:line:column: error: message}, the source line and a caret
     */
    record Result(boolean ok, int files, int errors, String report) {
    }

    /**
     * @param roots     the source folders
     * @param classPath the class path to compile against
     * @throws IllegalStateException if this JVM has no compiler (a runtime image rather than a JDK)
     */
    SourceCompiler(List<Path> roots, String classPath) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("--src needs a JDK: this Java runtime has no compiler");
        }
        this.roots = List.copyOf(roots);
        this.classPath = classPath;
    }

    /**
     * @param output an empty folder for the classes
     * @return the outcome
     */
    Result compile(Path output) {
        List<Path> sources = sources();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter other = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", output.toString(), "-cp", classPath, "-g", "-parameters",
                    "-encoding", "UTF-8");
            ok = sources.isEmpty() || javac.getTask(other, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // The compiler itself failed (a bad option, a crash): report it like an error.
            return new Result(false, sources.size(), 1, "the compiler failed: " + e + "\n");
        }
        StringBuilder report = new StringBuilder();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors++;
                describe(d, report);
            }
        }
        if (!ok && errors == 0) {
            report.append(other);
            errors = 1;
        }
        return new Result(ok, sources.size(), errors, report.toString());
    }

    private List<Path> sources() {
        List<Path> sources = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> tree = Files.walk(root)) {
                tree.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                        .filter(p -> !p.getFileName().toString().equals("module-info.java")) // workers use the class path
                        .sorted()
                        .forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static void describe(Diagnostic<? extends JavaFileObject> d, StringBuilder out) {
        JavaFileObject source = d.getSource();
        if (source != null) {
            out.append(source.getName()).append(':').append(d.getLineNumber()).append(':')
                    .append(d.getColumnNumber()).append(": ");
        }
        out.append("error: ").append(d.getMessage(Locale.ROOT)).append('\n');
        if (source != null && d.getLineNumber() > 0) {
            try {
                String text = source.getCharContent(true).toString();
                String[] lines = text.split("\\R", -1);
                if (d.getLineNumber() <= lines.length) {
                    String line = lines[(int) d.getLineNumber() - 1];
                    out.append("    ").append(line).append('\n');
                    StringBuilder caret = new StringBuilder("    ");
                    for (int i = 0; i < d.getColumnNumber() - 1 && i < line.length(); i++) {
                        caret.append(line.charAt(i) == '\t' ? '\t' : ' ');
                    }
                    out.append(caret).append("^\n");
                }
            } catch (IOException e) {
                // the file changed or vanished since: the position alone will do
            }
        }
    }
}
