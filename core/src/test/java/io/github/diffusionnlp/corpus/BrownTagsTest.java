package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BrownTagsTest {
    @Test
    void mapsPlainAndCompoundTags() {
        assertEquals(Upos.NOUN, BrownTags.toUpos("nn"));
        assertEquals(Upos.NOUN, BrownTags.toUpos("nns-tl"));
        assertEquals(Upos.PROPN, BrownTags.toUpos("np$"));
        assertEquals(Upos.PROPN, BrownTags.toUpos("np-tl-hl"));
        assertEquals(Upos.AUX, BrownTags.toUpos("md*"));
        assertEquals(Upos.PRON, BrownTags.toUpos("ppss+ber"));
        assertEquals(Upos.PRON, BrownTags.toUpos("pp$"));
        assertEquals(Upos.PART, BrownTags.toUpos("*"));
        assertEquals(Upos.PUNCT, BrownTags.toUpos("''"));
        assertEquals(Upos.PUNCT, BrownTags.toUpos("---hl"));
        assertEquals(Upos.X, BrownTags.toUpos("fw-nn"));
        assertEquals(Upos.DET, BrownTags.toUpos("AT"));
        assertEquals(Upos.X, BrownTags.toUpos("zzz"));
    }

    @Test
    void parsesUposNamesAndRejectsOthers() {
        assertEquals(Upos.ADJ, Upos.parse("adj"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Upos.parse("ADJECTIVE"));
        assertEquals(true, e.getMessage().contains("ADJECTIVE") && e.getMessage().contains("PROPN"));
        // the tags one may type, not a Java array's toString ("[ADJ, ADP, ...]")
        assertEquals("unknown UPOS tag 'ADJECTIVE'; allowed: ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART,"
                + " PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X", e.getMessage());
    }

    @Test
    void parsesBrownLines() {
        var sentences = BrownCorpus.parse("\n\tThe/at jury/nn said/vbd ./.\n\n\tIt/pps ran/vbd\n");
        assertEquals(2, sentences.size());
        assertEquals(java.util.List.of("The", "jury", "said", "."), sentences.get(0).words());
        assertEquals(java.util.List.of(Upos.DET, Upos.NOUN, Upos.VERB, Upos.PUNCT), sentences.get(0).tags());
    }
}
