package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real judges on sentences whose answer is not in doubt. */
class JudgesTest {
    static SentimentJudge sentiment;

    @BeforeAll
    static void load() {
        sentiment = new SentimentJudge();
    }

    @Test
    void openNlpTagsUpos() throws Exception {
        PosJudge pos = new PosJudge();
        List<Upos> tags = pos.tag(List.of("The", "dog", "barked", "loudly", "."));
        assertEquals(List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.ADV, Upos.PUNCT), tags);
        assertEquals(List.of(), pos.tag(List.of()));
    }

    @Test
    void coreNlpJudgesClearSentimentOnPreTokenizedInput() {
        int good = sentiment.classify(List.of("This", "is", "a", "wonderful", ",", "beautiful", "and", "excellent",
                "film", "."));
        int bad = sentiment.classify(List.of("This", "is", "a", "terrible", ",", "awful", "and", "stupid", "film", "."));
        assertEquals(Sentiment.POSITIVE, Metrics.sentimentOfClass(good), "class " + good);
        assertEquals(Sentiment.NEGATIVE, Metrics.sentimentOfClass(bad), "class " + bad);
        assertEquals(-1, sentiment.classify(List.of()));
        // tokens are kept as given: a sentence-final period mid-line does not split the line
        int c = sentiment.classify(List.of("He", "left", ".", "She", "stayed", "."));
        assertTrue(c >= 0 && c <= 4);
    }
}
