package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code withTemplate(String...)} takes a tag an element (what {@code POSTaggerME.tag} returns); a string of tags is
 * {@code parseTemplate}'s. ConstraintSpec's own Javadoc example passed one string to {@code withTemplate}, which
 * compiles (varargs) and threw "'DET ADJ NOUN VERB ADV PUNCT' in the POS template is not a UPOS tag" at run time.
 */
class TemplateTagsTest {
    @Test
    void aStringOfTagsGivenAsOneElementNamesParseTemplate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.withTemplate("DET ADJ NOUN VERB ADV PUNCT"));
        assertEquals("'DET ADJ NOUN VERB ADV PUNCT' is 6 tags in one element: withTemplate(String...) takes one tag"
                + " an element, as POSTaggerME.tag returns them; parseTemplate(String) reads tags separated by spaces"
                + " or commas", e.getMessage());
        IllegalArgumentException commas = assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.withTemplate("DET", "ADJ,NOUN"));
        assertTrue(commas.getMessage().startsWith("'ADJ,NOUN' is 2 tags in one element"), commas.getMessage());
    }

    @Test
    void theClassJavadocExampleRunsAsWritten() {
        ConstraintSpec spec = ConstraintSpec.NONE.withSentiment("positive").parseTemplate("DET ADJ NOUN VERB ADV PUNCT")
                .withGuidance(2.0);
        assertEquals(6, spec.templateLength());
        assertEquals(6, ConstraintSpec.NONE.withTemplate("DET", "ADJ", "NOUN", "VERB", "ADV", "PUNCT").templateLength());
    }

    @Test
    void aWordThatIsNoTagIsRefusedAsBefore() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConstraintSpec.NONE.withTemplate("DET", "FOO"));
        assertTrue(e.getMessage().startsWith("'FOO' in the POS template is not a UPOS tag; allowed: ADJ, "),
                e.getMessage());
    }
}
