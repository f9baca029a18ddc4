package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on an untagged corpus (its tag lexicon all X) saw one template condition and cannot
 * follow a POS template: every call given one says so, rather than sampling as if given none.
 */
class UntaggedModelTest {
    private static final SamplingOptions FAST = SamplingOptions.builder().steps(2).seed(3).build();
    private static final List<Upos> TEMPLATE = List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.PUNCT);

    private static void refused(Path dir, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals("model " + dir + " was trained without UPOS tags (its tag-lexicon.tsv holds only X), so it"
                + " cannot follow a POS template; train it on word<TAB>UPOS or CoNLL-U data", e.getMessage());
    }

    @Test
    void everyCallWithATemplateSaysTheModelCannotFollowIt() throws Exception {
        Path dir = TestModels.untaggedTinyModel();
        try (DiffusionLM lm = DiffusionLM.builder().optModel(dir).build()) {
            Constraints template = Constraints.none().withTemplate(TEMPLATE);
            refused(dir, lm::requireTemplates);
            refused(dir, () -> lm.generate(1, template, FAST));
            refused(dir, () -> lm.generate(1, template.withLexical(true), FAST));
            List<String> sentence = List.of("The", "cat", "sat", ".");
            refused(dir, () -> lm.rewriteAll(List.of(sentence), java.util.Arrays.asList((boolean[]) null), 0.5,
                    template, FAST));
            refused(dir, () -> lm.infillAll(List.of(List.of("The", DiffusionLM.MASK, "sat", ".")), template, FAST));
            // what it did learn still works
            assertEquals(2, lm.generate(2, Constraints.none().withSentiment(Sentiment.NEUTRAL), FAST).size());
            assertEquals(4, lm.rewrite(sentence, null, 0.5, FAST).size());
        }
    }

    /**
     * Without its tag lexicon (deleted, or saved before there was one) the training record's layout tells: a
     * model trained on plain text refused no template until 2026-12-05 and ignored it; one read from word/tag
     * columns, or whose layout was not recorded, counts as tagged.
     */
    @Test
    void withoutItsTagLexiconTheTrainingRecordTells(@TempDir Path tmp) throws Exception {
        Path plain = TestModels.copyOfModelWithout(TestModels.untaggedTinyModel(), tmp.resolve("u"),
                ModelCheckpoint.TAG_LEXICON);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(plain).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, lm::requireTemplates);
            assertEquals("model " + plain + " was trained without UPOS tags (its corpus was read as plain text, one"
                    + " sentence a line), so it cannot follow a POS template; train it on word<TAB>UPOS or CoNLL-U data",
                    e.getMessage());
        }
        Path tagged = TestModels.copyOfModelWithout(TestModels.tinyModel(), tmp.resolve("t"),
                ModelCheckpoint.TAG_LEXICON);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(tagged).build()) {
            lm.requireTemplates();
            assertEquals(4, lm.generate(1, Constraints.none().withTemplate(TEMPLATE), FAST).get(0).size());
        }
    }

    /**
     * A CoNLL-U Plus corpus whose global.columns names no UPOS reads as untagged text, but its layout is recorded
     * as conllu (which reads it again): until the record said whether tags were read, such a model without its
     * lexicon counted as tagged and took templates it ignored. A record of before that (no "tagged") keeps its
     * meaning: its layout tells.
     */
    @Test
    void aCorpusOfColumnsWithoutUposIsRecordedAsUntagged(@TempDir Path tmp) throws Exception {
        Path corpus = tmp.resolve("words.conllup");
        Files.writeString(corpus, "# global.columns = ID FORM\n"
                + "1\tThe\n2\tcat\n3\tsat\n4\t.\n\n1\tA\n2\tdog\n3\tran\n4\t.\n\n".repeat(20));
        Path trained = tmp.resolve("model");
        new DiffusionTrainer(TrainOptions.builder(corpus, trained).size("tiny").steps(3).maxLength(16).batchSize(8)
                .build(), new PrintStream(PrintStream.nullOutputStream())).run();
        Path dir = TestModels.copyOfModelWithout(trained, tmp.resolve("copy"), ModelCheckpoint.TAG_LEXICON);
        try (DiffusionLM lm = DiffusionLM.builder().optModel(dir).build()) {
            assertEquals(CorpusLayout.CONLLU, lm.info().training().layout());
            assertFalse(lm.followsTemplates());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, lm::requireTemplates);
            assertEquals("model " + dir + " was trained without UPOS tags (its corpus, read as CoNLL-U, carried none:"
                    + " every word X), so it cannot follow a POS template; train it on word<TAB>UPOS or CoNLL-U data",
                    e.getMessage());
        }
        Path config = dir.resolve("config.json");
        String written = Files.readString(config);
        assertTrue(written.contains("\"tagged\" : false"), written);
        Files.writeString(config, written.replace("\"tagged\" : false", "\"tagged\" : null"));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(dir).build()) {
            assertTrue(lm.followsTemplates(), "a record without \"tagged\": its layout, conllu, tells tagged");
        }
    }
}
