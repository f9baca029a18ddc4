package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link DiffusionLM.Builder#optNgramCorpusReading} says how a corpus given to {@code optNgramCorpus} is read, as the
 * command line's {@code --layout} says how {@code --ngram-corpus FILE} is: without one it was applied to the model's
 * own training corpus, which everything else reads as the model's config.json records it was.
 */
class NgramCorpusReadingTest {
    @Test
    void aReadingWithoutACorpusIsRefusedBeforeTheModelLoads() {
        for (DiffusionLM.Builder said : new DiffusionLM.Builder[] {
                DiffusionLM.builder().optNgramCorpusReading(CorpusLayout.PLAIN, null),
                DiffusionLM.builder().optNgramCorpusReading(null, MultiwordTokens.SURFACE),
                // given and then taken back: build() sees what is left
                DiffusionLM.builder().optNgramCorpus(TestModels.devCorpus())
                        .optNgramCorpusReading(CorpusLayout.PLAIN, null).optNgramCorpus(null)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> said.optModel(TestModels.root().resolve("no-such-model")).build());
            assertTrue(e.getMessage().contains("optNgramCorpus") && e.getMessage().contains("config.json"),
                    e.getMessage());
        }
    }

    @Test
    void aReadingWithACorpusIsHowThatCorpusIsRead() throws IOException {
        // said before the corpus is given: the builder's settings are order-free
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optNgramCorpusReading(CorpusLayout.CONLLU, MultiwordTokens.SURFACE)
                .optNgramCorpus(TestModels.devCorpus()).build()) {
            assertEquals(new TaggedCorpus.Reading(CorpusLayout.CONLLU, MultiwordTokens.SURFACE), lm.ngramCorpusReading());
        }
    }
}
