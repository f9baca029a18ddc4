package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Library arguments that cannot work fail before any sampling, naming the argument and what would do. */
class ArgumentMessagesTest {
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBatching(0, Duration.ZERO).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void aMissingTagOfATemplateIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Constraints.none().withTemplate(Arrays.asList(Upos.DET, null, Upos.NOUN)));
        assertEquals("tag 1 of the POS template is null", e.getMessage());
    }

    /** The model's reading of a sentence's sentiment is one window: unlike infill and rewrite it has no pieces. */
    @Test
    void aSentenceTooLongToReadForItsSentimentSaysSoAndHowToFixIt() {
        int len = lm.info().config().maxLength();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.sentimentPosterior(Collections.nCopies(len + 1, "the"), 1));
        assertEquals("sentimentPosterior reads a sentence of 1 to " + len + " tokens (the model's length), got "
                + (len + 1) + "; split a longer one", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lm.sentimentPosterior(List.of(), 1));
        assertEquals("sentimentPosterior reads a sentence of 1 to " + len + " tokens (the model's length), got 0",
                e.getMessage());
    }

    @Test
    void aMissingManagerForTheEmbeddingTableIsNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> lm.embeddingTable(null));
        assertEquals("target (the NDManager the copy goes to)", e.getMessage());
    }
}
