package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model path holding an ESC sequence was printed raw in the tools' errors, and the terminal ran it (audit h130,
 * finding 7): its control characters are written as code points now.
 */
class ControlCharactersInMessagesTest {
    @Test
    void aModelPathIsQuotedWithItsControlCharactersShown(@TempDir Path tmp) {
        Path model = tmp.resolve("\u001B]0;OWNED\u0007\u001B[2Jmodel.bin");
        for (String tool : new String[] {"Infill", "Package"}) {
            DiffusionNlpToolTest.Run run = tool.equals("Package")
                    ? DiffusionNlpToolTest.run("", tool, "-model", model.toString(), "-out", tmp.resolve("o.bin").toString())
                    : DiffusionNlpToolTest.run("", tool, "-model", model.toString());
            assertTrue(run.code() != 0, tool + ": " + run.stderr());
            assertTrue(run.stderr().contains(tmp.resolve("<U+001B>]0;OWNED<U+0007><U+001B>[2Jmodel.bin").toString()),
                    tool + ": " + run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\u0007"), tool + ": " + run.stderr());
        }
    }

    /**
     * The messages a tool writes about one input line and goes on (a mask that is not one, a kept token outside the
     * template) quoted the token raw: an ESC sequence in it was run by the terminal, and a combining mark beside
     * [MASK] was drawn over the quote, so that the token named looked like a mask.
     */
    @Test
    void aTokenQuotedInALineMessageIsShownWithItsHiddenCharacters() {
        String input = "fine [MASK]\u001B[2J .\nsaid \u0301[MASK] .\n";
        for (String tool : new String[] {"Infill", "Suggest"}) {
            DiffusionNlpToolTest.Run run = tool.equals("Infill")
                    ? DiffusionNlpToolTest.run(input, tool, "-tokenized", "-steps", "1")
                    : DiffusionNlpToolTest.run(input, tool, "-tokenized", "-top", "1");
            assertTrue(run.stderr().contains("line 1: '[MASK]<U+001B>[2J' is not a mask"), tool + ": " + run.stderr());
            assertTrue(run.stderr().contains("line 2: '<U+0301>[MASK]' is not a mask"), tool + ": " + run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\u0301"), tool + ": " + run.stderr());
        }
        DiffusionNlpToolTest.Run rewrite = DiffusionNlpToolTest.run("the dog \u001B[2Jbarked\n", "Rewrite",
                "-tokenized", "-keep", "2", "-posTemplate", "DET NOUN", "-steps", "1");
        assertTrue(rewrite.stderr().contains("token 2 ('<U+001B>[2Jbarked') is kept but the POS template"),
                rewrite.stderr());
        assertFalse(rewrite.stderr().contains("\u001B"), rewrite.stderr());
    }

    /**
     * The library's own refusals of a model path (a directory given to new DiffusionModel(Path), a package that is
     * none) named it raw, so a line break in the name split the message a caller logs (audit h193).
     */
    @Test
    void theLibraryNamesAModelPathVisibly(@TempDir Path tmp) throws IOException {
        String forging = "\u001B]0;OWNED\u0007\u001B[2J\nERROR forged";
        Path dir = Files.createDirectory(tmp.resolve("d" + forging));
        IOException e = assertThrows(IOException.class, () -> new DiffusionModel(dir));
        assertTrue(e.getMessage().startsWith("model " + Visible.of(dir) + " is a directory"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001B") || e.getMessage().contains("\n"), e.getMessage());
        Path empty = Files.createFile(tmp.resolve("e" + forging + ".bin"));
        for (IOException refused : new IOException[] {assertThrows(IOException.class, () -> DiffusionModel.load(empty)),
                assertThrows(IOException.class, () -> new DiffusionModel(empty))}) {
            assertTrue(refused.getMessage().startsWith(Visible.of(empty) + " is empty"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\u001B") || refused.getMessage().contains("\n"),
                    refused.getMessage());
        }
    }

    /** A tool name that is none was quoted raw: a line break in it forged a line of the usage after it (audit h193). */
    @Test
    void anUnknownToolIsQuotedVisibly() {
        DiffusionNlpToolTest.Run run = DiffusionNlpToolTest.run("", "Infil\u001B[2J\nERROR forged");
        assertTrue(run.code() != 0, run.stderr());
        assertTrue(run.stderr().contains("Tool Infil<U+001B>[2J<U+000A>ERROR forged is not found."), run.stderr());
        assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\nERROR forged"), run.stderr());
    }

    /**
     * The tools' refusals of a parameter quoted a file name or value given raw (audit h193): a line break in it forged
     * a line of the message, which the tools print keeping the message's own line breaks.
     */
    @Test
    void aParameterValueIsQuotedVisibly(@TempDir Path tmp) throws IOException {
        String forging = "x\u001B[2J\nERROR forged";
        String shown = "x<U+001B>[2J<U+000A>ERROR forged";
        DiffusionNlpToolTest.Run corpus = DiffusionNlpToolTest.run("", "Suggest", "-tokenized", "-ngramCorpus", forging);
        DiffusionNlpToolTest.Run model = DiffusionNlpToolTest.run("", "Package", "-model", forging, "-out", "o.bin");
        Path data = Files.writeString(tmp.resolve("d.txt"), "The_DET dog_NOUN ran_VERB ._PUNCT\n");
        DiffusionNlpToolTest.Run format = DiffusionNlpToolTest.run("", "Train", "-format", forging, "-model",
                tmp.resolve("m.bin").toString(), "-data", data.toString());
        DiffusionNlpToolTest.Run template = DiffusionNlpToolTest.run("", "Generate", "-posTemplate", forging);
        for (DiffusionNlpToolTest.Run run : List.of(corpus, model, format, template)) {
            assertTrue(run.code() != 0, run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\nERROR forged"), run.stderr());
        }
        assertTrue(corpus.stderr().startsWith("-ngramCorpus " + shown + ": only used with"), corpus.stderr());
        assertTrue(model.stderr().startsWith("-model " + shown + ": not a model directory"), model.stderr());
        assertTrue(format.stderr().startsWith("-format " + shown + ": not a data format"), format.stderr());
        assertTrue(template.stderr().startsWith("-posTemplate \"" + shown + "\": "), template.stderr());
    }
    /**
     * The refusals of a -data, -encoding, -model or -out value (not a readable file, no charset, no directory to
     * write in) and the failure to load a -model quoted the value raw: the tools print a message keeping its line
     * breaks, so one in the value forged a line of its own.
     */
    @Test
    void aFileParameterIsQuotedVisibly(@TempDir Path tmp) throws IOException {
        String forging = "x\u001B[2J\nERROR forged";
        String shown = "x<U+001B>[2J<U+000A>ERROR forged";
        Path data = Files.writeString(tmp.resolve("d.txt"), "The_DET dog_NOUN ran_VERB ._PUNCT\n");
        String model = tmp.resolve("m.bin").toString();
        DiffusionNlpToolTest.Run train = DiffusionNlpToolTest.run("", "Train", "-model", model, "-data", forging);
        DiffusionNlpToolTest.Run evaluate = DiffusionNlpToolTest.run("", "InfillEvaluator", "-data", forging);
        DiffusionNlpToolTest.Run encoding = DiffusionNlpToolTest.run("", "Train", "-model", model, "-data",
                data.toString(), "-encoding", forging);
        Path nowhere = tmp.resolve(forging).resolve("m.bin");
        DiffusionNlpToolTest.Run out = DiffusionNlpToolTest.run("", "Train", "-model", nowhere.toString(), "-data",
                data.toString());
        Path missing = tmp.resolve("gone" + forging);
        DiffusionNlpToolTest.Run load = DiffusionNlpToolTest.run("", "Infill", "-model", missing.toString());
        for (DiffusionNlpToolTest.Run run : List.of(train, evaluate, encoding, out, load)) {
            assertTrue(run.code() != 0, run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\nERROR forged"), run.stderr());
        }
        assertTrue(train.stderr().startsWith("-data " + shown + ": not a readable file"), train.stderr());
        assertTrue(evaluate.stderr().startsWith("-data " + shown + ": not a readable file"), evaluate.stderr());
        assertTrue(encoding.stderr().startsWith("-encoding " + shown + ": not a charset"), encoding.stderr());
        assertTrue(out.stderr().startsWith("-model " + Visible.of(nowhere) + ": give a file to write"),
                out.stderr());
        assertTrue(load.stderr().contains("cannot load model " + Visible.of(missing) + ": "), load.stderr());

        Path written = Files.createDirectory(tmp.resolve("o" + forging)).resolve("o.bin");
        DiffusionNlpToolTest.Run packaged = DiffusionNlpToolTest.run("", "Package", "-model",
                io.github.diffusionnlp.TestModels.tinyModel().toString(), "-out", written.toString());
        assertTrue(packaged.code() == 0, packaged.stderr());
        assertTrue(packaged.stderr().contains("Wrote the model package to " + Visible.of(written) + " ("),
                packaged.stderr());
        assertFalse(packaged.stderr().contains("\u001B") || packaged.stderr().contains("\nERROR forged"),
                packaged.stderr());
    }

    /** -data that holds no sentence, and a -params file with a namespaced key, are refused quoting them visibly. */
    @Test
    void trainsDataAndParamsRefusalsQuoteThemVisibly(@TempDir Path tmp) throws IOException {
        String forging = "\u001B[2J\nERROR forged";
        Path dir = Files.createDirectory(tmp.resolve("d" + forging));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        String model = tmp.resolve("m.bin").toString();
        DiffusionNlpToolTest.Run blank = DiffusionNlpToolTest.run("", "Train", "-model", model, "-data",
                empty.toString());
        assertTrue(blank.stderr().startsWith("-data " + Visible.of(empty) + ": no word_TAG sentence to train on"),
                blank.stderr());
        Path data = Files.writeString(tmp.resolve("d.txt"), "The_DET dog_NOUN ran_VERB ._PUNCT\n");
        Path params = Files.writeString(tmp.resolve("p.properties"),
                "x\\u001B[2J\\nERROR\\ forged.Iterations=1\n");
        DiffusionNlpToolTest.Run namespaced = DiffusionNlpToolTest.run("", "Train", "-model", model, "-data",
                data.toString(), "-params", params.toString());
        assertTrue(namespaced.stderr().contains("namespaced training parameter 'x<U+001B>[2J<U+000A>ERROR forged"
                + ".Iterations'"), namespaced.stderr());
        Path unknown = Files.writeString(tmp.resolve("u.properties"), "x\\u001B[2J\\nERROR\\ forged=1\n");
        DiffusionNlpToolTest.Run unknownKey = DiffusionNlpToolTest.run("", "Train", "-model", model, "-data",
                data.toString(), "-params", unknown.toString());
        assertTrue(unknownKey.stderr().contains("unknown training parameter 'x<U+001B>[2J<U+000A>ERROR forged'"),
                unknownKey.stderr());
        for (DiffusionNlpToolTest.Run run : List.of(blank, namespaced, unknownKey)) {
            assertTrue(run.code() != 0, run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\nERROR forged"), run.stderr());
        }
    }

    /**
     * What Train says when a signal stops it: reading -data, or once its CheckpointDir's run was stopped during its
     * start-up, naming the file or the directory.
     */
    @Test
    void trainsSignalMessagesNameTheirFilesVisibly(@TempDir Path tmp) throws Exception {
        String forging = "\u001B[2J\nERROR forged";
        Path data = tmp.resolve("d" + forging + ".txt");
        String reading = new StopReadingOnSignal.ReadingStopped(data, 3).getMessage();
        assertTrue(reading.equals("stopped by signal while reading -data " + Visible.of(data) + " (after line 3)"),
                reading);
        Path checkpoints = io.github.diffusionnlp.TestModels.copyOfTinyModel(
                Files.createDirectory(tmp.resolve("c" + forging)));
        io.github.diffusionnlp.train.DiffusionTrainer trainer = new io.github.diffusionnlp.train.DiffusionTrainer(
                io.github.diffusionnlp.TestModels.tinyRun(checkpoints, 30, true, null, 0),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        trainer.stop();
        io.github.diffusionnlp.train.TrainingStopped stopped =
                assertThrows(io.github.diffusionnlp.train.TrainingStopped.class, trainer::run);
        String said = TrainTool.stoppedBySignal(stopped);
        assertTrue(said.contains("the checkpoint in " + Visible.of(checkpoints) + " (step 20) is untouched"), said);
        for (String message : List.of(reading, said, stopped.getMessage())) {
            assertFalse(message.contains("\u001B") || message.contains("\n"), message);
        }
    }

    /**
     * Refusals of a value as the tools read the command line, before any model loads: a whole number in other digits,
     * a boolean parameter followed by something else, a -strength that is no number, a -steps of the wrong type.
     * They quoted the value raw, and the tools print a message keeping its line breaks: one in the value forged a line.
     */
    @Test
    void aValueRefusedWhileReadingTheCommandLineIsQuotedVisibly() {
        String forging = "x\u001B[2J\nERROR forged";
        String shown = "x<U+001B>[2J<U+000A>ERROR forged";
        DiffusionNlpToolTest.Run digits = DiffusionNlpToolTest.run("", "Infill", "-steps", "\u0663" + forging);
        DiffusionNlpToolTest.Run flag = DiffusionNlpToolTest.run("", "Infill", "-tokenized", forging);
        DiffusionNlpToolTest.Run strength = DiffusionNlpToolTest.run("", "Rewrite", "-strength", forging);
        DiffusionNlpToolTest.Run type = DiffusionNlpToolTest.run("", "Infill", "-steps", forging);
        for (DiffusionNlpToolTest.Run run : List.of(digits, flag, strength, type)) {
            assertTrue(run.code() != 0, run.stderr());
            assertFalse(run.stderr().contains("\u001B") || run.stderr().contains("\nERROR forged"), run.stderr());
        }
        assertTrue(digits.stderr().startsWith("-steps \u0663" + shown + " is not a whole number"), digits.stderr());
        assertTrue(flag.stderr().startsWith("-tokenized takes true or false (or nothing, for true), got '" + shown
                + "'"), flag.stderr());
        assertTrue(strength.stderr().startsWith("-strength " + shown + " is not a number"), strength.stderr());
        assertTrue(type.stderr().startsWith("Invalid argument: -steps " + shown + " \nValue must be an integer!"),
                type.stderr()); // OpenNLP's own line break stays
    }
}
