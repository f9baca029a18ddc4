package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.Sentiment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SamplingOptions.Builder#drawLength}: training records its rows' lengths, generation draws each sentence's
 * length from them with the sentence's seed (by default wherever the length is free, guided and recorded), and asked
 * for explicitly, the settings that fix the length, or a model without the record, are refused by name.
 */
class DrawLengthTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static SamplingOptions drawing(long seed) {
        return SamplingOptions.builder().steps(2).seed(seed).batchSize(8).drawLength(true).build();
    }

    @Test
    void trainingRecordsHowManyRowsHadEachLength() {
        List<Integer> counts = lm.info().training().rowLengths();
        assertEquals(lm.info().config().maxLength(), counts.size());
        assertEquals(lm.info().training().trainSentences(), counts.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void eachSentenceHasTheLengthItsSeedDraws() {
        LengthPrior prior = LengthPrior.of(lm.info().training().rowLengths());
        List<List<String>> sentences = lm.generate(12, Constraints.none(), drawing(40));
        for (int i = 0; i < sentences.size(); i++) {
            assertEquals(prior.draw(drawing(40).sentenceSeed(i)), sentences.get(i).size(),
                    "sentence " + i + ": " + sentences.get(i));
        }
        assertTrue(sentences.stream().mapToInt(List::size).distinct().count() > 3, sentences.toString());
        assertEquals(sentences, lm.generate(12, Constraints.none(), drawing(40)));
    }

    @Test
    void unsetByDefaultAndThenDrawnAtAFreeLength() {
        assertEquals(Optional.empty(), SamplingOptions.defaults().drawLength());
        SamplingOptions free = SamplingOptions.builder().steps(2).seed(40).batchSize(8).build();
        assertNotEquals(free, drawing(40), "unset is not the same setting as asked");
        assertEquals(drawing(40), free.toBuilder().drawLength(true).build());
        assertTrue(drawing(40).toString().contains("drawLength=true"), drawing(40).toString());
        assertTrue(free.toString().contains("drawLength=default"), free.toString());
        assertEquals(lm.generate(12, Constraints.none(), drawing(40)), lm.generate(12, Constraints.none(), free));
    }

    @Test
    void byDefaultALengthOrTemplateSetsItInstead() {
        SamplingOptions free = SamplingOptions.builder().steps(2).seed(3).batchSize(8).build();
        for (List<String> s : lm.generate(4, Constraints.none(), free.toBuilder().length(5).build())) {
            assertEquals(5, s.size(), s.toString());
        }
        for (List<String> s : lm.generate(4, Constraints.none().withTemplate(List.of(Upos.DET, Upos.NOUN,
                Upos.VERB)), free)) {
            assertEquals(3, s.size(), s.toString());
        }
    }

    @Test
    void byDefaultUnguidedLengthOrNoRecordLeavesTheLengthToTheModel(@TempDir Path tmp) throws Exception {
        SamplingOptions free = SamplingOptions.builder().steps(2).seed(40).batchSize(8).build();
        SamplingOptions chosen = free.toBuilder().drawLength(false).build();
        List<List<String>> modelsOwn = lm.generate(12, Constraints.none(), chosen);
        assertNotEquals(modelsOwn, lm.generate(12, Constraints.none(), free));
        assertEquals(modelsOwn, lm.generate(12, Constraints.none(), free.toBuilder().guideLength(false).build()),
                "unguided length asks for the model's own choice of length");
        Path model = TestModels.copyOfTinyModelWithoutRowLengths(tmp);
        try (DiffusionLM older = DiffusionLM.builder().optModel(model).build()) {
            assertEquals(older.generate(12, Constraints.none(), chosen), older.generate(12, Constraints.none(), free));
        }
    }

    @Test
    void refusedWhereTheLengthIsSetOtherwise() {
        IllegalArgumentException withLength = assertThrows(IllegalArgumentException.class, () -> lm.generate(1,
                Constraints.none(), drawing(1).toBuilder().length(5).build()));
        assertEquals("drawLength draws each sentence's length, but a length is set (5); give one or the other",
                withLength.getMessage());
        IllegalArgumentException withTemplate = assertThrows(IllegalArgumentException.class, () -> lm.generate(1,
                Constraints.none().withTemplate(List.of(Upos.DET, Upos.NOUN, Upos.VERB)), drawing(1)));
        assertEquals("drawLength draws each sentence's length, but the POS template sets it (3 tags); give one or"
                + " the other", withTemplate.getMessage());
    }

    /**
     * Unguided length asks for the model's own choice of length, which a drawn length leaves it none of: the pair
     * sampled exactly as drawLength(true) alone (shipped model, sentiment at guidance 3), and every front end
     * refuses it (generate's --draw-length with --unguided-length, OpenNLP's, CoreNLP's), so the options do too.
     */
    @Test
    void refusedWithUnguidedLengthWhenBuilt() {
        SamplingOptions.Builder both = SamplingOptions.builder().drawLength(true).guideLength(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, both::build);
        assertEquals("drawLength(true) draws each sentence's length before sampling, and guideLength(false) asks for"
                + " the model's own choice of length, left out of guidance; a drawn length leaves the model no"
                + " choice, so give one or the other", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> drawing(1).toBuilder().guideLength(false).build());
        assertEquals(Optional.of(false), SamplingOptions.builder().drawLength(false).guideLength(false).build()
                .drawLength(), "the model's choice, unguided: one request");
    }

    @Test
    void aModelWithoutTheRecordSaysHowToMakeIt(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModelWithoutRowLengths(tmp);
        try (DiffusionLM older = DiffusionLM.builder().optModel(model).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> older.generate(1, Constraints.none(), drawing(1)));
            // the same words as every front end's, each naming the setting its own way
            assertTrue(e.getMessage().startsWith("drawLength draws each sentence's length from the lengths of the"
                    + " model's training rows, and model " + model + " records none (models trained before 2026-12-06"
                    + " do not): record them with `diffusion-nlp row-lengths --model DIR --corpus")
                    && e.getMessage().endsWith(", or leave drawLength unset"), e.getMessage());
            assertEquals(1, older.generate(1, Constraints.none(), drawing(1).toBuilder().drawLength(false)
                    .build()).size());
        }
    }

    @Test
    void aDamagedRecordIsRefusedAtLoadNamingTheFile(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        editTraining(model, training -> training.putArray("rowLengths").add(3).add(4));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> DiffusionLM.builder().optModel(model).build());
        assertTrue(e.getMessage().contains(model.resolve(ModelCheckpoint.CONFIG).toString())
                && e.getMessage().contains("(\"rowLengths\") have 2 counts for a model of 32 positions"),
                e.getMessage());
    }

    /**
     * A sentence generated with a sentiment label draws its length from that label's rows' lengths: a model whose
     * neutral rows all had 3 words writes neutral sentences of 3, while its positive ones draw from the positive rows'
     * lengths and unlabelled ones from all rows' (each sentence alone in its call, seeded with the call's seed).
     */
    @Test
    void aLabelledSentenceDrawsFromItsLabelsRows(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        editTraining(model, training -> {
            ArrayNode neutral = ((ObjectNode) training.get("rowLengthsByLabel")).putArray("neutral");
            for (int i = 1; i <= lm.info().config().maxLength(); i++) {
                neutral.add(i == 3 ? 7 : 0);
            }
        });
        try (DiffusionLM edited = DiffusionLM.builder().optModel(model).build()) {
            LengthPrior positive = LengthPrior.of(edited.info().training().rowLengthsByLabel().get(Sentiment.POSITIVE));
            LengthPrior all = LengthPrior.of(edited.info().training().rowLengths());
            for (long seed = 60; seed < 72; seed++) {
                SamplingOptions options = drawing(seed);
                assertEquals(3, edited.generate(1, Constraints.none().withSentiment(Sentiment.NEUTRAL), options)
                        .get(0).size(), "seed " + seed);
                assertEquals(positive.draw(seed), edited.generate(1, Constraints.none().withSentiment(
                        Sentiment.POSITIVE), options).get(0).size(), "seed " + seed);
                assertEquals(all.draw(seed), edited.generate(1, Constraints.none(), options).get(0).size(),
                        "seed " + seed);
            }
        }
    }

    /** A config that records no lengths by label (written before they were) loads, and every label draws from all. */
    @Test
    void withoutLengthsByLabelEveryLabelDrawsFromAllRows(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        editTraining(model, training -> training.remove("rowLengthsByLabel"));
        try (DiffusionLM older = DiffusionLM.builder().optModel(model).build()) {
            assertEquals(null, older.info().training().rowLengthsByLabel());
            LengthPrior all = LengthPrior.of(older.info().training().rowLengths());
            for (long seed = 60; seed < 66; seed++) {
                assertEquals(all.draw(seed), older.generate(1, Constraints.none().withSentiment(Sentiment.NEUTRAL),
                        drawing(seed)).get(0).size(), "seed " + seed);
            }
        }
    }

    private static void editTraining(Path model, Consumer<ObjectNode> edit) throws Exception {
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        edit.accept((ObjectNode) tree.get("training"));
        json.writeValue(config.toFile(), tree);
    }
}
