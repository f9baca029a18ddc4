package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.corpus.Upos;
import org.junit.jupiter.api.Test;

/** {@link KeepSpec#parse} names what is wrong with a spec, as the CLI's --keep and CoreNLP's keep do. */
class KeepSpecTest {
    @Test
    void aNegativeOrHugeIndexIsAnIndexOutOfRange() {
        for (String index : new String[] {"-1", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeepSpec.parse("0," + index));
            assertEquals("token index " + index + " in keep spec '0," + index + "' is out of range; allowed: 0-based"
                    + " token indexes, 0 (the first token) or more, each below its line's token count", e.getMessage());
        }
    }

    /** Classes are read in any case, written in the tags' order, and keep a token whose tag is exactly theirs. */
    @Test
    void classesAreUposTagsInAnyCase() {
        KeepSpec spec = KeepSpec.parse("propn, 2, noun,NOUN, 0");
        assertEquals("0,2,NOUN,PROPN", spec.toString());
        assertEquals(spec, KeepSpec.indexes(2, 0).and(KeepSpec.classes("Noun", " PROPN ")));
        assertEquals(spec, KeepSpec.parse(spec.toString()));
        assertArrayEquals(new boolean[] {true, true, true, false, false}, spec.mask(new String[] {"a", "b", "c", "d", "e"},
                new String[] {"DET", "NOUN", "VERB", "noun", "X"}));
        assertEquals("'NOUNS' in keep spec '0,NOUNS' is neither a token index nor a UPOS class; allowed: 0-based token"
                + " indexes and the classes " + Upos.names(),
                assertThrows(IllegalArgumentException.class, () -> KeepSpec.parse("0,NOUNS")).getMessage());
        assertEquals("'nouns' is not a UPOS class; allowed: " + Upos.names(),
                assertThrows(IllegalArgumentException.class, () -> KeepSpec.classes("nouns")).getMessage());
    }
}
