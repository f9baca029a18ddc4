package io.github.diffusionnlp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The {@code ```java} blocks of the READMEs are documentation a user copies, so each module's tests keep
 * them compiling (nothing is run), as {@link ExampleSources} does for examples/.
 *
 * <p>Every {@code ```java} block has, on the line just before its fence, an HTML comment (invisible on
 * GitHub) {@code <!-- snippet: MODULE/NAME -->} saying which module's test compiles it ({@code core},
 * {@code opennlp} or {@code corenlp}: the one whose classpath has what it uses) and under which name that
 * test keeps its {@link Prelude}: the imports it needs and the variables it uses without declaring them.
 * Each block becomes one class whose fields are those variables and whose one method is the block.
 */
public final class ReadmeSnippets {
    private static final Set<String> MODULES = Set.of("core", "opennlp", "corenlp");
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([a-z]+)/([a-z0-9-]+) -->");

    private ReadmeSnippets() {}

    /**
     * What a snippet needs around it to compile.
     *
     * @param imports fully qualified names of the classes it uses
     * @param fields declarations of the variables it uses without declaring them, e.g. {@code "DiffusionLM lm"}
     */
    public record Prelude(List<String> imports, List<String> fields) {
        public static Prelude of(List<String> imports, String... fields) {
            return new Prelude(imports, List.of(fields));
        }
    }

    /** One {@code ```java} block: its README, the README line of its first code line, its marker's name. */
    record Snippet(Path readme, int firstLine, String module, String name, String code) {
        String where() {
            return TestModels.root().relativize(readme) + ":" + firstLine;
        }
    }

    /**
     * Compiles the blocks of {@code readme} (a path from the repository root) marked for {@code module},
     * each with its prelude from {@code preludes}, against the running tests' classpath into {@code out};
     * fails with javac's messages at their README lines, and on a block with no marker or no prelude.
     */
    public static void assertCompile(String readme, String module, Map<String, Prelude> preludes, Path out) {
        List<Snippet> mine = snippets(TestModels.root().resolve(readme)).stream()
                .filter(s -> s.module().equals(module)).collect(Collectors.toList());
        List<JavaFileObject> units = new ArrayList<>();
        for (Snippet s : mine) {
            Prelude prelude = preludes.get(s.name());
            if (prelude == null) {
                fail(s.where() + ": the snippet " + module + "/" + s.name() + " has no prelude: add it to the map"
                        + " of preludes in " + module + "'s ReadmeSnippetsTest");
            }
            units.add(new Unit(s, prelude));
        }
        if (units.isEmpty()) {
            return; // javac refuses a task without sources
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        boolean ok = javac.getTask(null, null, diagnostics, List.of("-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")), null, units).call();
        String errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(ReadmeSnippets::describe)
                .collect(Collectors.joining("\n"));
        if (!ok) {
            fail("README snippets do not compile (fix the snippet, or its prelude in " + module
                    + "'s ReadmeSnippetsTest if it names a new variable or class):\n" + errors);
        }
    }

    /** The names of the blocks of {@code readme} marked for {@code module}, to check no prelude is stale. */
    public static Set<String> names(String readme, String module) {
        return snippets(TestModels.root().resolve(readme)).stream().filter(s -> s.module().equals(module))
                .map(Snippet::name).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<Snippet> snippets(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            String where = TestModels.root().relativize(readme) + ":" + (i + 1);
            Matcher marker = MARKER.matcher(i > 0 ? lines.get(i - 1).strip() : "");
            if (!marker.matches()) {
                fail(where + ": a ```java block needs the line <!-- snippet: MODULE/NAME --> just before it"
                        + " (MODULE one of " + new TreeSet<>(MODULES) + ", the one whose test compiles it)");
            }
            if (!MODULES.contains(marker.group(1))) {
                fail(where + ": unknown module " + marker.group(1) + " in the snippet marker; one of "
                        + new TreeSet<>(MODULES));
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            assertTrue(end < lines.size(), where + ": the ```java block is not closed");
            String code = String.join("\n", lines.subList(i + 1, end));
            Snippet s = new Snippet(readme, i + 2, marker.group(1), marker.group(2), code);
            for (Snippet other : snippets) {
                if (other.module().equals(s.module()) && other.name().equals(s.name())) {
                    fail(where + ": the snippet name " + s.module() + "/" + s.name() + " is used already at "
                            + other.where());
                }
            }
            snippets.add(s);
            i = end;
        }
        return snippets;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        if (!(d.getSource() instanceof Unit unit)) {
            return d.getMessage(Locale.ROOT);
        }
        long readmeLine = unit.snippet.firstLine() + d.getLineNumber() - unit.firstCodeLine;
        boolean inSnippet = d.getLineNumber() >= unit.firstCodeLine;
        return (inSnippet ? TestModels.root().relativize(unit.snippet.readme()) + ":" + readmeLine
                : unit.snippet.where() + " (in its prelude, line " + d.getLineNumber() + ")")
                + ": " + d.getMessage(Locale.ROOT);
    }

    /** A snippet as a compilation unit: imports, a class with the prelude's fields, the code in a method. */
    private static final class Unit extends SimpleJavaFileObject {
        final Snippet snippet;
        final String source;
        final int firstCodeLine;

        Unit(Snippet snippet, Prelude prelude) {
            super(URI.create("string:///" + className(snippet) + ".java"), Kind.SOURCE);
            this.snippet = snippet;
            StringBuilder head = new StringBuilder();
            prelude.imports().forEach(i -> head.append("import ").append(i).append(";\n"));
            head.append("class ").append(className(snippet)).append(" {\n");
            prelude.fields().forEach(f -> head.append("    ").append(f).append(";\n"));
            // throws Exception: a snippet shows calls, not how its caller handles their checked exceptions
            head.append("    void snippet() throws Exception {\n");
            this.firstCodeLine = (int) head.chars().filter(c -> c == '\n').count() + 1;
            this.source = head + snippet.code() + "\n    }\n}\n";
        }

        private static String className(Snippet s) {
            return "ReadmeSnippet_" + s.name().replace('-', '_');
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }
}
