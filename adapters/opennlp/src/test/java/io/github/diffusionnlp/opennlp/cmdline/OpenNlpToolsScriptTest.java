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
 * InfillEvaluator, and the Infill that reads their package) runs here as written (a file it names found from the
 * repository's root, where the script runs), in this JVM, with the text the line pipes in; it must succeed and write
 * one line per input line (no {@code [MASK]} left by Infill), {@code -count} lines (Generate), or the header and
 * {@code -top} rows of every mask (Suggest, whose lines must show its n-gram fusion and its sentiment). A renamed or
 * removed parameter, or a value a tool no longer takes, fails it.
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
        List<String> suggestions = new ArrayList<>(); // the arguments of the Suggest lines
        for (Command c : commands) {
            DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run(c.input() == null ? "" : c.input(),
                    fromTheRoot(c.args()));
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
                suggestions.addAll(c.args());
                assertRowsOfEveryMask(c, run.lines(), said);
            }
        }
        // the script shows Suggest's n-gram fusion and its sentiment, as it shows the other tools' options
        assertTrue(suggestions.contains("-ngramWeight") && suggestions.contains("-sentiment"),
                "no Suggest line with -ngramWeight and one with -sentiment: " + suggestions);
    }

    /** The arguments, a file the script names from the repository's root (-ngramCorpus FILE) found there. */
    private static String[] fromTheRoot(List<String> args) {
        String[] found = args.toArray(String[]::new);
        for (int i = 1; i < found.length; i++) {
            if (found[i - 1].equals("-ngramCorpus")) {
                found[i] = TestModels.root().resolve(found[i]).toString();
            }
        }
        return found;
    }

    /**
     * Suggest's rows have their shape: the header, then for each input line and each of its masks, in order, -top
     * rows (5 by default) of line, mask and rank counted from 1, a word and a probability, best first.
     */
    private static void assertRowsOfEveryMask(Command c, List<String> lines, String said) {
        int at = c.args().indexOf("-top");
        int top = at < 0 ? 5 : Integer.parseInt(c.args().get(at + 1));
        List<String> expected = new ArrayList<>(); // "line<TAB>mask<TAB>rank" of every row
        String[] input = c.input() == null ? new String[0] : c.input().split("\n");
        for (int line = 1; line <= input.length; line++) {
            int masks = input[line - 1].split("\\[MASK]", -1).length - 1;
            for (int mask = 1; mask <= masks; mask++) {
                for (int rank = 1; rank <= top; rank++) {
                    expected.add(line + "\t" + mask + "\t" + rank);
                }
            }
        }
        assertFalse(expected.isEmpty(), "a Suggest line with no mask to suggest for: " + said);
        assertEquals("line\tmask\trank\tword\tprobability", lines.get(0), said);
        assertEquals(expected.size() + 1, lines.size(), said);
        double before = 1;
        for (int r = 0; r < expected.size(); r++) {
            String[] row = lines.get(r + 1).split("\t", -1);
            assertEquals(5, row.length, said);
            assertEquals(expected.get(r), String.join("\t", row[0], row[1], row[2]), said);
            assertFalse(row[3].isBlank(), said);
            double p = Double.parseDouble(row[4]);
            assertTrue(p > 0 && p <= (row[2].equals("1") ? 1 : before), "row " + (r + 1) + ": " + said);
            before = p;
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
