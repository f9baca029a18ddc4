package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/opennlp/opennlp-tools.sh, whose whole run takes a minute and a half (a JVM that loads PyTorch per line),
 * kept true cheaply: each of its tool lines that reads no temporary file (every one but Package, Train and
 * InfillEvaluator, and the Infill that reads their package) runs here as written, in this JVM, with the text the
 * line pipes in; it must succeed and write one line per input line (no {@code [MASK]} left by Infill), or
 * {@code -count} lines (Generate). A renamed or removed parameter, or a value a tool no longer takes, fails it.
 * (The script's Java example is compiled by the module's ExampleTest.)
 */
class OpenNlpToolsScriptTest {
    private static final String TOOL = "java -jar \"$JAR\"";

    /** One tool line of the script: its arguments and what it pipes in (null: nothing). */
    record Command(List<String> args, String input) {}

    @Test
    void everyToolLineOfTheScriptRunsAsWrittenOnTheShippedModel() throws IOException {
        List<Command> commands = commands(Files.readString(
                TestModels.root().resolve("examples/opennlp/opennlp-tools.sh"), StandardCharsets.UTF_8));
        assertTrue(commands.size() >= 12, "the script's tool lines were not found: " + commands);
        for (Command c : commands) {
            DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run(c.input() == null ? "" : c.input(),
                    c.args().toArray(String[]::new));
            String said = c.args() + " wrote:\n" + run.out() + "\nand on stderr:\n" + run.stderr();
            assertEquals(0, run.code(), said);
            assertFalse(run.out().isBlank(), said);
            String tool = c.args().isEmpty() ? "" : c.args().get(0);
            if (c.input() != null && !tool.equals("Suggest")) {
                assertEquals(c.input().split("\n").length, run.lines().size(), said);
            }
            if (tool.equals("Infill") && c.input() != null) {
                assertFalse(run.out().contains("[MASK]"), said);
            }
            int count = c.args().indexOf("-count");
            if (tool.equals("Generate") && count >= 0) {
                assertEquals(Integer.parseInt(c.args().get(count + 1)), run.lines().size(), said);
            }
            if (tool.equals("Suggest")) {
                assertTrue(run.out().startsWith("line\tmask\trank\tword\tprobability\n"), said);
            }
        }
    }

    /** The script's tool lines, continuation lines joined, but those naming a shell variable other than the jar. */
    static List<Command> commands(String script) {
        List<Command> commands = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            int at = line.indexOf(TOOL);
            if (line.startsWith("#") || at < 0) {
                continue;
            }
            String rest = line.substring(at + TOOL.length());
            if (rest.contains("$")) {
                continue; // a temporary file of the script's
            }
            String input = null;
            String before = line.substring(0, at).strip();
            if (!before.isEmpty()) {
                assertTrue(before.endsWith("|"), "not a pipe into the tool: " + line);
                List<String> feeder = words(before.substring(0, before.length() - 1));
                assertTrue(feeder.size() == 2 && List.of("echo", "printf").contains(feeder.get(0)),
                        "not one echo or printf: " + line);
                input = feeder.get(0).equals("echo") ? feeder.get(1) + "\n" : feeder.get(1).replace("\\n", "\n");
            }
            commands.add(new Command(words(rest), input));
        }
        return commands;
    }

    /** Shell words: split at spaces outside quotes, the quotes removed (no escapes or expansions in these lines). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char ch : text.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(ch);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
