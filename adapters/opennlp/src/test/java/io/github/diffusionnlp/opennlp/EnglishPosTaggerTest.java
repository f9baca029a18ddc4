package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.PtbTags;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The UD English-EWT POS model, read through {@link EnglishPosTagger}. */
class EnglishPosTaggerTest {

    /**
     * The model tags a contraction it meets as one token with a joined tag ({@code AUX+PART}); every tag
     * given out must be one of the 17 UPOS classes, the contraction's being its first part's, as a CoNLL-U
     * multiword token is tagged (the README's {@code --multiword surface}).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "We can't stay .|1|AUX",
        "It's late .|0|PRON",
        "I don’t think so|1|AUX",
        "I don't think so , she said .|1|AUX"})
    void aContractionGetsItsFirstPartsUposTag(String sentence, int index, String expected) {
        String[] tokens = EnglishText.get().sentences(sentence).get(0);
        String[] tags = EnglishPosTagger.get().tag(tokens);
        List<String> shown = Arrays.asList(tags);
        assertEquals(tokens.length, tags.length);
        for (String t : tags) {
            assertTrue(PtbTags.isUpos(t), t + " is not a UPOS tag: " + shown + " for "
                    + Arrays.asList(tokens));
        }
        assertEquals(expected, tags[index], shown + " for " + Arrays.asList(tokens));
    }

    @ParameterizedTest
    @CsvSource({"AUX+PART,AUX", "PRON+AUX,PRON", "NOUN,NOUN", "NN,X", "'',X"})
    void aModelTagIsReadAsOneUposTag(String modelTag, String expected) {
        assertEquals(expected, EnglishPosTagger.upos(modelTag));
    }
}
