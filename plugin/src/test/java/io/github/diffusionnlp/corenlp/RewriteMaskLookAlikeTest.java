package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.logOf;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code task=rewrite} reads a mask written another way ("[mask]", "&lt;mask&gt;", a full-width "［MASK］", "[MASK]."
 * glued under a whitespace tokenizer) as a word, which a light rewrite keeps as it was: the mask the user meant was
 * never filled and nothing said so, where {@code task=infill} names it in a WARN. The rewrite names it too, in the
 * log (captured from stderr, where the simple logger writes), and rewrites the sentence all the same (audit h207).
 */
@Isolated
class RewriteMaskLookAlikeTest {
    private static List<String> warnings(String log) {
        return log.lines().filter(l -> l.contains("rewritten as a word")).map(l -> l.substring(l.indexOf("\": ") + 3))
                .toList();
    }

    @Test
    void aMaskLookAlikeIsNamedAndTheSentenceStillRewritten() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.strength", "0.05"));
        Annotation[] docs = new Annotation[4];
        String log = logOf(() -> {
            docs[0] = annotate(pipeline, "The cat sat on the mat. He went to the [mask] and [Mask] left.");
            docs[1] = annotate(pipeline, "She saw the \uFF3BMASK\uFF3D today.");
            docs[2] = annotate(pipeline, "He went to the <mask> today.");
            docs[3] = annotate(pipeline, "He went to the [MASK] today.");
        });
        assertEquals(List.of(
                "'[mask]' at character 39 is not a mask and is rewritten as a word: a mask is [MASK] in capitals",
                "'\uFF3BMASK\uFF3D' at character 12 is not a mask and is rewritten as a word: a mask is [MASK] in"
                        + " capitals, in ASCII characters",
                "'<mask>' at character 15 is not a mask and is rewritten as a word: a mask is [MASK] in capitals, in"
                        + " ASCII characters"), warnings(log), log);
        assertEquals(2, sentences(docs[0]).size(), "rewritten, the look-alike a word");
        assertFalse(words(docs[3]).contains("[MASK]"), "the real mask is filled: " + words(docs[3]));
    }

    @Test
    void aGluedMaskUnderAWhitespaceTokenizerIsNamed() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.strength", "0.05", "tokenize.whitespace", "true"));
        Annotation[] docs = new Annotation[1];
        String log = logOf(() -> docs[0] = annotate(pipeline, "He said [MASK]. Then [MASK] left ."));
        assertEquals(List.of("the token '[MASK].' at character 8 holds a mask glued to other characters and is"
                + " rewritten as a word: put spaces around [MASK] (the tokenizer kept them together)"),
                warnings(log), log);
        assertFalse(words(docs[0]).contains("[MASK]"), "the separate mask is filled: " + words(docs[0]));
    }

    /**
     * A sentence left as it is ({@code keep} past its end) is not rewritten: a look-alike in it was named as
     * "rewritten as a word" all the same, beside the warning that the sentence is left as it is. Only the sentences
     * rewritten are read for look-alikes, by their place in the document's text (audit h211).
     */
    @Test
    void aLookAlikeInASentenceLeftAsItIsIsNotSaidToBeRewritten() {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite",
                "diffusion.strength", "0.05", "diffusion.keep", "9"));
        String log = logOf(() -> {
            annotate(pipeline, "He saw the [mask]. The committee said on Friday that the report was late.");
            annotate(pipeline, "He saw the cat. The committee said on Friday that the [mask] was late.");
            annotate(pipeline, "He saw the <mask>. The committee said on Friday that the report was late.");
        });
        assertEquals(List.of(
                "'[mask]' at character 54 is not a mask and is rewritten as a word: a mask is [MASK] in capitals"),
                warnings(log), log);
        // each first sentence is shorter than keep = 9, each second rewritten
        assertEquals(3, log.lines().filter(l -> l.contains("sentence 1 left as it is")).count(), log);
    }
}
