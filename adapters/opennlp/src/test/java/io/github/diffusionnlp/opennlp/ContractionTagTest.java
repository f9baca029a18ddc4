package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSSample;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.ObjectStreamUtils;
import org.junit.jupiter.api.Test;

/**
 * The joined tags OpenNLP's UD English POS model gives a contraction ({@code can't}: {@code AUX+PART}, {@code It's}:
 * {@code PRON+AUX}), which its own {@code TokenizerME} leaves whole, read as their first part wherever a tag is taken:
 * they were refused in templates ("'AUX+PART' is not a UPOS tag") and trained as X.
 */
class ContractionTagTest {

    /** OpenNLP's own tokenizer and tagger, as a user runs them, not through EnglishText or EnglishPosTagger. */
    private static String[][] tokensAndTags(String text) throws IOException {
        TokenizerME tokenizer;
        try (InputStream in = EnglishText.class.getResourceAsStream(EnglishText.TOKENIZER_MODEL)) {
            tokenizer = new TokenizerME(new TokenizerModel(in));
        }
        POSTaggerME tagger;
        try (InputStream in = EnglishPosTagger.class.getResourceAsStream(EnglishPosTagger.POS_MODEL)) {
            tagger = new POSTaggerME(new POSModel(in), POSTagFormat.UD);
        }
        String[] tokens = tokenizer.tokenize(text);
        return new String[][] {tokens, tagger.tag(tokens)};
    }

    @Test
    void aTemplateOfPosTaggerMesOwnTagsIsTaken() throws IOException {
        String[][] tagged = tokensAndTags("We can't stay and it's late.");
        List<String> tags = Arrays.asList(tagged[1]);
        assertTrue(tags.contains("AUX+PART") && tags.contains("PRON+AUX"), "the model's joined tags: " + tags
                + " for " + Arrays.asList(tagged[0]));
        String[] expected = Arrays.stream(tagged[1]).map(EnglishPosTagger::upos).toArray(String[]::new);
        assertEquals(List.of(expected), List.of(ConstraintSpec.NONE.withTemplate(tagged[1]).getTemplate()));
        assertEquals(List.of(expected),
                List.of(ConstraintSpec.NONE.parseTemplate(String.join(" ", tagged[1])).getTemplate()));
        assertEquals("AUX", expected[tags.indexOf("AUX+PART")]);
        assertEquals("PRON", expected[tags.indexOf("PRON+AUX")]);
    }

    @Test
    void aJoinedTagThatIsNoUposTagIsStillRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.parseTemplate("PRON FOO+PART VERB"));
        assertTrue(e.getMessage().startsWith("'FOO+PART' in the POS template is not a UPOS tag; allowed: ADJ, "),
                e.getMessage());
    }

    /**
     * A joined tag was taken by its first part whatever followed: NOUN+VREB, AUX+ and DET+NOUN+VERB were NOUN, AUX
     * and DET. A joined tag is two parts, each a UPOS or Penn tag; any other is refused by its whole name.
     */
    @Test
    void aJoinedTagOfOtherThanTwoTagsIsRefusedByName() {
        for (String tag : new String[] {"NOUN+VREB", "AUX+", "DET+NOUN+VERB", "+PART"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ConstraintSpec.NONE.parseTemplate("DET " + tag), tag);
            assertTrue(e.getMessage().startsWith("'" + tag + "' in the POS template is not a UPOS tag; allowed: ADJ, "),
                    e.getMessage());
            assertEquals(tag, EnglishPosTagger.firstPart(tag));
        }
        assertEquals("AUX", EnglishPosTagger.firstPart("AUX+PART"));
        assertEquals("aux", EnglishPosTagger.firstPart("aux+rb"), "any case, Penn's second part");
    }

    @Test
    void samplesTaggedByPosTaggerMeTrainTheirContractionsAsTheirFirstPart() throws IOException {
        String[][] tagged = tokensAndTags("We can't stay.");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<TaggedSentence> read = ModelTraining.read(ObjectStreamUtils.createObjectStream(
                new POSSample(tagged[0], tagged[1])), new PrintStream(log, true, StandardCharsets.UTF_8));
        int cant = Arrays.asList(tagged[0]).indexOf("can't");
        assertEquals("AUX+PART", tagged[1][cant]);
        assertEquals(Upos.AUX, read.get(0).tags().get(cant));
        assertEquals("", log.toString(StandardCharsets.UTF_8), "no tag noted as neither UPOS nor PTB");
    }
}
