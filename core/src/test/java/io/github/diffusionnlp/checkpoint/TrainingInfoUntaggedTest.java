package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingInfo#untagged} and {@link TrainingInfo#whyUntagged} over every recorded {@code tagged} (null in
 * configs before it was recorded) and layout (null in configs before that): the two never disagree, and each
 * reason names what the record tells.
 */
class TrainingInfoUntaggedTest {
    private static TrainingInfo record(Boolean tagged, CorpusLayout layout) {
        return new TrainingInfo("corpus.txt", 1, 1, 1, 1, 1e-3, 1, 1, 1, Double.NaN, Map.of(), 0, layout,
                MultiwordTokens.SURFACE, tagged);
    }

    @Test
    void untaggedIsTrueExactlyWhenThereIsAReason() {
        List<CorpusLayout> layouts = new ArrayList<>(Arrays.asList(CorpusLayout.values()));
        layouts.add(null);
        for (Boolean tagged : Arrays.asList(null, true, false)) {
            for (CorpusLayout layout : layouts) {
                TrainingInfo t = record(tagged, layout);
                boolean expected = tagged != null ? !tagged : layout != null && layout.untagged();
                assertEquals(expected, t.untagged(), "tagged " + tagged + ", layout " + layout);
                assertEquals(expected, t.whyUntagged() != null, "tagged " + tagged + ", layout " + layout);
            }
        }
    }

    @Test
    void theReasonNamesTheLayoutOrThatTheCorpusCarriedNoTags() {
        assertEquals("its corpus was read as plain text, one sentence a line",
                record(null, CorpusLayout.PLAIN).whyUntagged());
        assertEquals("its corpus was read as one word a line", record(false, CorpusLayout.WORDS).whyUntagged());
        assertEquals("its corpus, read as CoNLL-U, carried none: every word X",
                record(false, CorpusLayout.CONLLU).whyUntagged());
        assertEquals("its corpus carried none: every word X", record(false, CorpusLayout.AUTO).whyUntagged());
        assertEquals("its corpus carried none: every word X", record(false, null).whyUntagged());
        assertTrue(record(null, CorpusLayout.WORDS).untagged(), "a record before \"tagged\": its layout tells");
        assertFalse(record(true, CorpusLayout.PLAIN).untagged(), "a record that says tagged is tagged");
        assertNull(record(null, CorpusLayout.AUTO).whyUntagged(), "a guessed layout counts as tagged, as it did");
    }
}
