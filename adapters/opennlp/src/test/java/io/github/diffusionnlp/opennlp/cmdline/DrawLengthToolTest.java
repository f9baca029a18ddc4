package io.github.diffusionnlp.opennlp.cmdline;

import static io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.GeneratorME;
import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Generate -drawLength} and {@link GeneratorME} with {@link SamplingOptions#drawLength()}: each sentence has the
 * length core draws for its seed from the model's training rows, by default too; asked for, the parameters that set
 * the length are refused by their names before the model loads, and a model without the record names what to run
 * (left unset, that model chooses).
 */
class DrawLengthToolTest {
    private static final SamplingOptions SEED_40 = SamplingOptions.builder().seed(40).build();
    private static final String TINY = TestModels.tinyModel().toString();

    @Test
    void eachLineHasTheLengthCoreDrawsForItsSeed() throws Exception {
        Run r = run("", "Generate", "-model", TINY, "-count", "10", "-steps", "2", "-batch", "4", "-seed", "40",
                "-drawLength", "true");
        assertEquals(0, r.code(), r.stderr());
        assertEquals(10, r.lines().size(), r.out());
        List<List<String>> lines = new ArrayList<>();
        for (String line : r.lines()) {
            lines.add(List.of(line.split(" ")));
        }
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            LengthPrior prior = LengthPrior.of(lm.info().training().rowLengths());
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(prior.draw(SEED_40.sentenceSeed(i)), lines.get(i).size(), "line " + i + ": " + lines.get(i));
            }
            assertTrue(lines.stream().mapToInt(List::size).distinct().count() > 3, r.out());
            assertEquals(lm.generate(10, Constraints.none(), SamplingOptions.builder().steps(2).seed(40)
                    .drawLength(true).build()), lines, "the library's sentences for the same seeds");
        }
        Run bare = run("", "Generate", "-model", TINY, "-count", "10", "-steps", "2", "-batch", "4", "-seed", "40",
                "-drawLength");
        assertEquals(r.out(), bare.out(), "a bare -drawLength is -drawLength true");
        Run off = run("", "Generate", "-model", TINY, "-count", "10", "-steps", "2", "-batch", "4", "-seed", "40",
                "-drawLength", "false");
        assertEquals(0, off.code(), off.stderr());
        assertFalse(r.out().equals(off.out()), "-drawLength false lets the model choose");
        assertEquals(r.out(), run("", "Generate", "-model", TINY, "-count", "10", "-steps", "2", "-batch", "4",
                "-seed", "40").out(), "drawn by default");
    }

    @Test
    void theGeneratorDrawsTheSameLengths() throws Exception {
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            SamplingOptions options = model.getFactory().defaultSamplingOptions().toBuilder().steps(2).seed(40)
                    .drawLength(true).build();
            String[][] drawn = new GeneratorME(model, options).generate(10);
            LengthPrior prior = LengthPrior.of(model.getInfo().training().rowLengths());
            Run tool = run("", "Generate", "-model", TINY, "-count", "10", "-steps", "2", "-seed", "40",
                    "-drawLength");
            for (int i = 0; i < drawn.length; i++) {
                assertEquals(prior.draw(SEED_40.sentenceSeed(i)), drawn[i].length, Arrays.toString(drawn[i]));
                assertEquals(String.join(" ", drawn[i]), tool.lines().get(i));
            }
            GeneratorME byDefault = new GeneratorME(model, model.getFactory().defaultSamplingOptions().toBuilder()
                    .steps(2).seed(40).build());
            assertTrue(Arrays.deepEquals(drawn, byDefault.generate(10)), "drawn by default");
            for (String[] s : byDefault.generate(2, 7)) {
                assertEquals(7, s.length, "by default a length asked for wins: " + Arrays.toString(s));
            }
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                    () -> new GeneratorME(model, options).generate(2, 7));
            assertEquals("drawLength draws each sentence's length, and a length of 7 is asked; give one or the other",
                    length.getMessage());
            IllegalArgumentException inOptions = assertThrows(IllegalArgumentException.class,
                    () -> new GeneratorME(model, options.toBuilder().length(7).build()));
            assertEquals(length.getMessage(), inOptions.getMessage());
            IllegalArgumentException template = assertThrows(IllegalArgumentException.class,
                    () -> new GeneratorME(model, options, ConstraintSpec.NONE.parseTemplate("DET NOUN VERB")));
            assertEquals("drawLength draws each sentence's length, and the POS template sets it (3 tags); give one or"
                    + " the other", template.getMessage());
        }
    }

    @Test
    void theParametersThatSetTheLengthAreRefusedByName() {
        for (String[] args : List.of(
                new String[] {"-length", "7"},
                new String[] {"-posTemplate", "DET NOUN VERB"},
                new String[] {"-sentiment", "positive", "-guidance", "3", "-unguidedLength", "true"},
                new String[] {"-drawLength", "maybe"})) {
            List<String> all = new ArrayList<>(List.of("Generate", "-model", "/nonexistent/model", "-drawLength"));
            all.addAll(List.of(args));
            Run r = run("", all.toArray(String[]::new));
            assertEquals(1, r.code(), Arrays.toString(args) + ": " + r.stderr());
            assertTrue(r.stderr().contains("Usage:"), r.stderr());
            assertFalse(r.stderr().contains("/nonexistent/model"), "refused before the model loads: " + r.stderr());
        }
        assertTrue(run("", "Generate", "-drawLength", "-length", "7").stderr().startsWith("-drawLength true draws each"
                + " sentence's length, and -length 7 sets it; give one or the other"));
        assertTrue(run("", "Generate", "-drawLength", "-posTemplate", "DET NOUN VERB").stderr().startsWith(
                "-drawLength true draws each sentence's length, and the -posTemplate sets it; give one or the other"));
        assertTrue(run("", "Generate", "-drawLength", "-sentiment", "positive", "-guidance", "3", "-unguidedLength")
                .stderr().startsWith("-unguidedLength true leaves the model's choice of length out of guidance, and"
                        + " -drawLength true chooses it before sampling; give one or the other"));
        String maybe = run("", "Generate", "-drawLength", "maybe").stderr();
        assertTrue(maybe.startsWith("-drawLength takes true or false (or nothing, for true), got 'maybe'"), maybe);
        String help = run("", "Generate", "help").out();
        assertTrue(help.contains("-drawLength true|false"), help);
        // -length 0 is drawn by default: the help said "0 lets the model choose"
        assertTrue(help.contains("0 is a free length, drawn or the model's choice as -drawLength says"), help);
    }

    /**
     * A package keeps the record (its config.json is the directory's): sampled from it, each sentence is the one the
     * directory gives; a package made from a model without the record is refused, saying to package again.
     */
    @Test
    void aPackageDrawsAsItsDirectoryDoes(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("tiny.bin");
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            model.serialize(bin);
        }
        String[] drawing = {"Generate", "-count", "6", "-steps", "2", "-seed", "7", "-drawLength"};
        Run packaged = run("", concat(new String[] {"-model", bin.toString()}, drawing));
        assertEquals(0, packaged.code(), packaged.stderr());
        assertEquals(run("", concat(new String[] {"-model", TINY}, drawing)).out(), packaged.out());

        Path older = tmp.resolve("older.bin");
        try (DiffusionModel model = DiffusionModel.load(TestModels.copyOfTinyModelWithoutRowLengths(tmp))) {
            model.serialize(older);
        }
        Run refused = run("", concat(new String[] {"-model", older.toString()}, drawing));
        assertEquals(1, refused.code(), refused.stderr());
        assertTrue(refused.stderr().contains("model package " + older + " records none")
                && refused.stderr().contains("(for a package, the one it was made from, then Package it again)"),
                refused.stderr());
    }

    /** The tool's name first, then {@code model}'s arguments and {@code rest}'s. */
    private static String[] concat(String[] model, String[] rest) {
        List<String> all = new ArrayList<>(List.of(rest[0]));
        all.addAll(List.of(model));
        all.addAll(List.of(rest).subList(1, rest.length));
        return all.toArray(String[]::new);
    }

    @Test
    void aModelWithoutTheRecordSaysWhatToRun(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModelWithoutRowLengths(tmp);
        Run r = run("", "Generate", "-model", model.toString(), "-count", "2", "-steps", "2", "-drawLength");
        assertEquals(1, r.code(), r.stderr());
        assertEquals(0, r.stdout().length);
        assertTrue(r.stderr().startsWith("-drawLength true draws each sentence's length from the lengths of the"
                + " model's training rows, and model " + model + " records none"), r.stderr());
        assertTrue(r.stderr().contains("`diffusion-nlp row-lengths --model DIR --corpus ITS_TRAINING_CORPUS`")
                && r.stderr().contains("or leave -drawLength out"), r.stderr());
        Run unset = run("", "Generate", "-model", model.toString(), "-count", "6", "-steps", "2", "-seed", "40");
        assertEquals(0, unset.code(), unset.stderr());
        assertEquals(run("", "Generate", "-model", TINY, "-count", "6", "-steps", "2", "-seed", "40", "-drawLength",
                "false").out(), unset.out(), "unset, a model without the record chooses, as false on the same weights");
        try (DiffusionModel older = DiffusionModel.load(model)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GeneratorME(older,
                    SamplingOptions.builder().steps(2).drawLength(true).build()));
            assertTrue(e.getMessage().startsWith("SamplingOptions.drawLength draws each sentence's length")
                    && e.getMessage().endsWith("or leave drawLength unset"), e.getMessage());
            SamplingOptions unsetOptions = SamplingOptions.builder().steps(2).seed(40).build();
            assertEquals(List.of(new GeneratorME(older, unsetOptions.toBuilder().drawLength(false).build())
                    .generate(4)).stream().map(List::of).toList(), List.of(new GeneratorME(older, unsetOptions)
                    .generate(4)).stream().map(List::of).toList());
        }
    }
}
