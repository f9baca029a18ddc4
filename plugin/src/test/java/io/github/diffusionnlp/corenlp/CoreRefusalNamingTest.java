package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.sentences;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Core's refusals raised inside a rewrite name a sentence and a token as the annotator's own warnings do, from 1 (a
 * person reading a document counts so, and {@code keep} takes CoreNLP's 1-based token index): "token 2 of sentence
 * 3". They said "token 1 of sentence 2" for the same token, beside warnings that called its sentence "sentence 3".
 * No document reaches one (the annotator reads a token core would refuse as an unknown word, and leaves a sentence it
 * would refuse as it is, with a warning), so the words here are ones its reading never gives: a token holding a space,
 * in the sentence after one left as it is (audit h213).
 */
class CoreRefusalNamingTest {
    private static final String TEXT = "The dog barked at the mailman. It rained. The cat sat on the mat.";

    private static void assertNamedFromOne(String... pairs) {
        List<String> all = new ArrayList<>(List.of("diffusion.task", "rewrite", "diffusion.steps", "1"));
        all.addAll(List.of(pairs));
        ConfiguredAnnotator annotator = new ConfiguredAnnotator("diffusion", props("tokenize,ssplit,pos,diffusion",
                all.toArray(String[]::new)));
        List<CoreMap> sentences = sentences(annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos")), TEXT));
        List<List<String>> words = new ArrayList<>();
        List<boolean[]> keep = new ArrayList<>();
        List<boolean[]> written = new ArrayList<>(); // the model writes every token: none kept
        for (CoreMap sentence : sentences) {
            words.add(new ArrayList<>(words(sentence)));
            keep.add(new boolean[words(sentence).size()]);
            boolean[] write = new boolean[words(sentence).size()];
            Arrays.fill(write, true);
            written.add(write);
        }
        assertEquals(3, words.size(), words.toString());
        words.get(2).set(1, "two words");
        DiffusionLM lm = SharedModels.get(null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> annotator.rewrite(lm, sentences, new ModelInput(words, written), keep, Set.of(1)));
        assertEquals("token 2 of sentence 3, 'two words', holds whitespace: a token is a word of whitespace-split"
                + " text; split it into tokens", e.getMessage(), String.join(" ", pairs));
    }

    @Test
    void aRefusalOfCoreNamesTheSentenceAndTokenFromOne() {
        assertNamedFromOne();
        assertNamedFromOne("diffusion.syntax", "DET NOUN VERB ADP DET NOUN PUNCT", "diffusion.guidance", "2");
        assertNamedFromOne("diffusion.syntax", "keep");
    }

    /**
     * Infill's refusals and those of its suggestions name them so too: they said "token 1 of sentence 1" for the
     * document's sentence 2, its token 2, where a rewrite of the same document says "token 2 of sentence 2" (audit
     * h219). The suggestions read the words infill has read and refused already, so theirs is seen called alone.
     */
    @Test
    void infillAndItsSuggestionsNameTheSentenceAndTokenFromOne() {
        Properties props = props("tokenize,ssplit,pos,diffusion", "diffusion.steps", "1", "diffusion.suggestions",
                "3");
        ConfiguredAnnotator annotator = new ConfiguredAnnotator("diffusion", props);
        List<CoreMap> sentences = sentences(annotate(new StanfordCoreNLP(props("tokenize,ssplit,pos")), TEXT));
        List<List<String>> words = new ArrayList<>();
        List<boolean[]> written = new ArrayList<>();
        for (CoreMap sentence : sentences) {
            List<String> w = new ArrayList<>(words(sentence));
            boolean[] write = new boolean[w.size()];
            w.set(0, DiffusionLM.MASK); // the first token of each is filled
            write[0] = true;
            words.add(w);
            written.add(write);
        }
        assertEquals(3, words.size(), words.toString());
        words.get(1).set(1, "two words");
        String whitespace = ", 'two words', holds whitespace: a token is a word of whitespace-split text; split it"
                + " into tokens";
        DiffusionLM lm = SharedModels.get(null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> annotator.infill(lm, sentences, new ModelInput(words, written), new ArrayList<>()));
        assertEquals("token 2 of sentence 2" + whitespace, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FillSuggestions.read(lm, words, words,
                Constraints.none(), SamplingOptions.defaults(), 3, TokenizerWords.of(props)));
        assertEquals("token 2 of sentence 2" + whitespace, e.getMessage());
    }
}
