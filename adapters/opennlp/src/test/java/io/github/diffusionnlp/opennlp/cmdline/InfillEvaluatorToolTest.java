package io.github.diffusionnlp.opennlp.cmdline;

import static io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code InfillEvaluator} through the launcher: its report and its refusals. */
class InfillEvaluatorToolTest {
    static final String SENTENCES = """
            The_DET jury_NOUN said_VERB it_PRON did_AUX not_PART find_VERB any_DET evidence_NOUN ._PUNCT
            He_PRON went_VERB to_ADP the_DET hall_NOUN in_ADP the_DET afternoon_NOUN ._PUNCT
            Go_VERB home_ADV ._PUNCT
            I_PRON was_AUX nearly_ADV thirty_NUM at_ADP the_DET time_NOUN ._PUNCT
            """;

    @Test
    void printsTheAccuracyAsOpenNlpsEvaluatorsDoWithTheSentencesEvaluatedAndSkipped(@TempDir Path tmp)
            throws IOException {
        Path data = Files.writeString(tmp.resolve("test.pos"), SENTENCES);
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-steps", "4", "-misclassified");

        assertEquals(0, r.code(), r.stderr());
        assertTrue(Pattern.compile("Accuracy: [01]\\.\\d{4}\n").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("Sentences: 3 evaluated, 1 skipped"), r.out());
        assertTrue(r.stderr().contains("Evaluating ..."), r.stderr());
    }

    @Test
    void theLauncherListsTheToolAndItsHelpNamesItsParameters() {
        assertTrue(run("").out().contains("InfillEvaluator"));
        Run help = run("", "InfillEvaluator", "-help");
        assertEquals(0, help.code());
        for (String p : List.of("-data sampleData", "-encoding charsetName", "-misclassified true|false", "-span 1|3",
                "-model", "-steps num", "-seed num")) {
            assertTrue(help.out().contains(p), p + " in\n" + help.out());
        }
    }

    @Test
    void aBadSamplingParameterIsRefusedNamingItAsTheOtherToolsDo(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("test.pos"), SENTENCES);
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-steps", "0");
        assertEquals(1, r.code());
        assertTrue(r.stderr().startsWith("-steps: ") && r.stderr().contains("got 0"), r.stderr());
    }

    @Test
    void missingDataIsABadParameter() {
        Run r = run("", "InfillEvaluator", "-steps", "4");
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("-data"), r.stderr());
    }

    @Test
    void dataThatIsNotAFileIsABadParameterNamingIt(@TempDir Path tmp) {
        Run r = run("", "InfillEvaluator", "-data", tmp.resolve("nothing.pos").toString());
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("nothing.pos: not a readable file"), r.stderr());
    }

    @Test
    void anUnknownEncodingIsABadParameterNamingIt(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("test.pos"), SENTENCES);
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-encoding", "UTF-9");
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("-encoding UTF-9: not a charset this Java knows"), r.stderr());
    }

    @Test
    void dataNotInItsEncodingSaysSoAndHowToGiveIt(@TempDir Path tmp) throws IOException {
        Path data = Files.write(tmp.resolve("latin1.pos"),
                "Caf\u00e9_NOUN au_ADP lait_NOUN ici_ADV ._PUNCT\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-steps", "4");
        assertEquals(1, r.code(), r.stderr());
        assertTrue(r.stderr().contains("not UTF-8 text") && r.stderr().contains("-encoding"), r.stderr());
        assertEquals(0, run("", "InfillEvaluator", "-data", data.toString(), "-steps", "4", "-encoding",
                "ISO-8859-1").code());
    }

    @Test
    void dataWithNoSentenceToEvaluateIsRefusedSayingWhy(@TempDir Path tmp) throws IOException {
        // an empty file is refused before the model loads: EmptyEvaluationDataTest
        Path shortOnly = Files.writeString(tmp.resolve("short.pos"), "A_DET cat_NOUN ._PUNCT\n");
        Run r = run("", "InfillEvaluator", "-data", shortOnly.toString(), "-steps", "4");
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("no sentence to evaluate (1 read, each shorter than 4 tokens"), r.stderr());
    }

    @Test
    void aLineThatIsNotWordTagTokensIsNamed(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("plain.pos"), "The jury said it .\n");
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-steps", "4");
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("plain.pos:1: not word_TAG tokens"), r.stderr());
    }

    /**
     * Untagged text (a user's own corpus) is refused before anything is evaluated, as the other tools refuse
     * bad data: the error alone, not after "Evaluating ..." and a throughput of 0 sentences; and it says where
     * untagged text is evaluated.
     */
    @Test
    void untaggedTextIsRefusedAloneSayingWhereItCanBeEvaluated(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("plain.txt"), String.join("\n", SENTENCES.lines()
                .map(line -> line.replaceAll("_[A-Z]+", "")).toList()) + "\n");
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-steps", "4");
        assertEquals(1, r.code(), r.stderr());
        assertTrue(r.stderr().startsWith("-data: " + data + ":1: not word_TAG tokens"), r.stderr());
        assertFalse(r.stderr().contains("Evaluating") || r.stderr().contains("Average"), r.stderr());
        assertTrue(r.stderr().contains("evaluate --model DIR --heldout " + data + " --layout plain"), r.stderr());
        // the command is to be pasted into a shell: a file whose name holds a space or a quote is quoted for one
        Path spaced = Files.copy(data, Files.createDirectory(tmp.resolve("it's mine")).resolve("plain.txt"));
        Run quoted = run("", "InfillEvaluator", "-data", spaced.toString(), "-steps", "4");
        assertTrue(quoted.stderr().contains("evaluate --model DIR --heldout '" + spaced.toString().replace("'",
                "'\\''") + "' --layout plain"), quoted.stderr());
    }

    @Test
    void aSpanOtherThanOneOrThreeIsABadParameter(@TempDir Path tmp) throws IOException {
        Path data = Files.writeString(tmp.resolve("test.pos"), SENTENCES);
        Run r = run("", "InfillEvaluator", "-data", data.toString(), "-span", "2");
        assertEquals(1, r.code());
        assertTrue(r.stderr().contains("-span 2: 1 (one word a sentence) or 3"), r.stderr());
    }
}
