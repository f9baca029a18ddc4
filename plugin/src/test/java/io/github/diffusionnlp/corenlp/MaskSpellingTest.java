package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.logOf;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** A mask in another case is named in the log (captured from stderr, where the simple logger writes). */
@Isolated
class MaskSpellingTest {
    @Test
    void aMaskInAnotherCaseIsNamedNotSkippedSilently() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "infill"));
        Annotation[] docs = new Annotation[2];
        String log = logOf(() -> {
            docs[0] = annotate(pipeline, "He said [mask] and [MASK].");
            docs[1] = annotate(pipeline, "He said [MASK].");
        });
        Annotation doc = docs[0];
        Annotation fine = docs[1];
        assertTrue(log.contains("'[mask]' at character 8 is not a mask and is not filled"), log);
        assertEquals(1, log.lines().filter(l -> l.contains("is not a mask")).count(), "one warning for the two documents: "
                + log);
        assertTrue(String.join(" ", words(doc)).contains("[ mask ]"), "written back as it was");
        assertFalse(String.join(" ", words(doc)).contains("[MASK]"), "the real mask is filled");
        assertFalse(String.join(" ", words(fine)).contains("[MASK]"));
    }

    @Test
    void aMaskGluedToPunctuationByAWhitespaceTokenizerIsNamed() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "infill",
                "tokenize.whitespace", "true"));
        Annotation[] docs = new Annotation[1];
        String log = logOf(() -> docs[0] = annotate(pipeline, "He said [MASK]. Then [MASK] left ."));
        Annotation doc = docs[0];
        assertTrue(log.contains("the token '[MASK].' at character 8 holds a mask glued to other characters"), log);
        assertTrue(words(doc).contains("[MASK]."), "written back as it was: " + words(doc));
        assertFalse(words(doc).contains("[MASK]"), "the separate mask is filled: " + words(doc));
    }

    /**
     * Under a whitespace tokenizer "[mask]" is a token of its own, as "[MASK]" would be: it is named once, as a mask
     * in another case, and not also as a glued one (the glued warning is for the mask in capitals with other
     * characters); "[Mask]." is not named as glued either (the document's one warning of a mask in another case names its
     * first, "[mask]"); a glued one in capitals is named once too, after the document's mask in another case.
     */
    @Test
    void eachMisspeltMaskIsNamedOnceForWhatItIs() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "infill",
                "tokenize.whitespace", "true"));
        String log = logOf(() -> {
            annotate(pipeline, "He said [mask] and [Mask]. Then [MASK] left .");
            annotate(pipeline, "He said ([MASK]) and [MASK]; then [mask] left .");
        });
        java.util.List<String> warnings = log.lines()
                .filter(l -> l.contains("is not filled")).toList();
        assertEquals(java.util.List.of(
                "'[mask]' at character 8 is not a mask and is not filled: a mask is [MASK] in capitals",
                "'[mask]' at character 34 is not a mask and is not filled: a mask is [MASK] in capitals",
                "the token '([MASK])' at character 8 holds a mask glued to other characters and is not filled: put"
                        + " spaces around [MASK] (the tokenizer kept them together)"),
                warnings.stream().map(l -> l.substring(l.indexOf("\": ") + 3)).toList(), String.join("\n", warnings));
    }

    /**
     * A mask in full-width characters (an East Asian input method writes "［ＭＡＳＫ］"; NFKC reads it as [MASK]) or
     * another model's ({@code <mask>}, RoBERTa's and BART's) is no mask either, and was left unfilled with nothing
     * said: it is named like a mask in another case, under PTB's tokenizer (which splits the full-width one into three
     * tokens) and the whitespace one, with what to write instead; the real mask beside it is filled.
     */
    @Test
    void aMaskInFullWidthCharactersOrAnotherModelsIsNamed() {
        for (String whitespace : new String[] {"false", "true"}) {
            StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task",
                    "infill", "tokenize.whitespace", whitespace));
            Annotation[] docs = new Annotation[2];
            String log = logOf(() -> {
                docs[0] = annotate(pipeline, "He said \uFF3B\uFF2D\uFF21\uFF33\uFF2B\uFF3D and [MASK] left .");
                docs[1] = annotate(pipeline, "He said <mask> and [MASK] left .");
            });
            java.util.List<String> warnings = log.lines().filter(l -> l.contains("is not filled"))
                    .map(l -> l.substring(l.indexOf("\": ") + 3)).toList();
            assertEquals(java.util.List.of(
                    "'\uFF3B\uFF2D\uFF21\uFF33\uFF2B\uFF3D' at character 8 is not a mask and is not filled: a mask is"
                            + " [MASK] in capitals, in ASCII characters",
                    "'<mask>' at character 8 is not a mask and is not filled: a mask is [MASK] in capitals, in ASCII"
                            + " characters"), warnings, "tokenize.whitespace = " + whitespace + ": " + log);
            for (Annotation doc : docs) {
                assertFalse(words(doc).contains("[MASK]"), "the real mask is filled: " + words(doc));
            }
        }
    }

    /**
     * A token quoted in a WARN line was logged raw: "[MASK]" glued to an ESC sequence retitled the terminal and
     * cleared the screen of whoever read the log (audit h130, finding 7). Its control characters are written as code
     * points now.
     */
    @Test
    void aGluedMaskTokenIsLoggedWithItsControlCharactersShown() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "infill",
                "tokenize.whitespace", "true"));
        String log = logOf(() -> annotate(pipeline, "He said [MASK]\u001B]0;pwned\u0007\u001B[2J now ."));
        assertTrue(log.contains("the token '[MASK]<U+001B>]0;pwned<U+0007><U+001B>[2J' at character 8 holds a mask"
                + " glued"), log);
        assertFalse(log.contains("\u001B") || log.contains("\u0007"), log);
    }
}
