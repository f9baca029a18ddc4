package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.api.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * With {@code NAME.suggestions = K}, each position infill filled gets the model's K likeliest words there
 * ({@link DiffusionLM#suggestAll(List, List, Constraints, SamplingOptions, int, SentenceNaming)}, its refusals naming
 * the sentences from 1, {@link ConfiguredAnnotator#DOCUMENT}), read from what infill's sampling
 * read: a sentence of at most the model's length whole, with its masks; a longer one stretch by stretch, as infill
 * fills it, each stretch reading the words infill chose before it, under infill's sentiment, guidance and lexical
 * constraints and its n-gram fusion. So the first suggestion is the word one step of greedy infill writes, in a long
 * sentence too. A suggested word is spelt as the filled token's
 * {@code word()} would be ({@link TokenizerWords#word}: the model's quotes and brackets as the pipeline's tokenizer
 * writes them).
 */
final class FillSuggestions {
    private FillSuggestions() {}

    /**
     * Per sentence, per token, the suggestions for a position {@code words} masks (null elsewhere), in one batched
     * call: one window read for each row infill sampled ({@link DiffusionLM#infillRows}, which the server's work
     * limit counts).
     *
     * @param words what the model read, {@value DiffusionLM#MASK} where infill fills ({@link ModelInput#words})
     * @param filled what infill's first pass wrote (before any sentence was sampled again), the same lengths
     * @param constraints infill's
     * @param options infill's (their n-gram fusion weight ranks the words)
     * @param spelling the pipeline's words for the model's quotes and brackets
     */
    static List<List<List<Suggestion>>> read(DiffusionLM lm, List<List<String>> words, List<List<String>> filled,
            Constraints constraints, SamplingOptions options, int k, TokenizerWords spelling) {
        // one more where the tokenizer gives both of the model's quotes one word, which is then suggested once
        boolean quotesMerge = spelling.word(TokenizerWords.MODEL_OPENING).equals(
                spelling.word(TokenizerWords.MODEL_CLOSING));
        int read = quotesMerge ? Math.min(k + 1, lm.vocabulary().size() - 2) : k; // [PAD], [UNK] never suggested
        // best of k ranks sampled sentences, not the words of one pass
        // its refusals name the document's sentences and tokens from 1, as infill's and rewrite's do
        List<List<List<Suggestion>>> perMask = lm.suggestAll(words, filled, constraints.withCandidates(1), options,
                read, ConfiguredAnnotator.DOCUMENT);
        List<List<List<Suggestion>>> out = new ArrayList<>();
        for (int s = 0; s < words.size(); s++) {
            List<String> w = words.get(s);
            List<List<Suggestion>> perToken = new ArrayList<>(Collections.nCopies(w.size(), null));
            int m = 0;
            for (int i = 0; i < w.size(); i++) {
                if (DiffusionLM.MASK.equals(w.get(i))) {
                    perToken.set(i, spelt(perMask.get(s).get(m++), spelling, k));
                }
            }
            out.add(perToken);
        }
        return out;
    }

    /**
     * The first {@code k} of {@code suggested} spelt as the tokenizer writes them, a word met again left out (the
     * likelier quote keeps its place and probability, so the first is still the word greedy infill writes).
     */
    private static List<Suggestion> spelt(List<Suggestion> suggested, TokenizerWords spelling, int k) {
        Set<String> seen = new HashSet<>();
        List<Suggestion> out = new ArrayList<>(k);
        for (Suggestion x : suggested) {
            String word = spelling.word(x.word());
            if (out.size() < k && seen.add(word)) {
                out.add(new Suggestion(word, x.probability()));
            }
        }
        return out;
    }

    /** Writes the suggestions onto the sentences' tokens (the tokens the model read: one a word, masks joined). */
    static void write(List<CoreMap> sentences, List<List<List<Suggestion>>> suggested) {
        for (int s = 0; s < sentences.size(); s++) {
            List<CoreLabel> tokens = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
            for (int i = 0; i < tokens.size(); i++) {
                List<Suggestion> here = suggested.get(s).get(i);
                if (here != null) {
                    tokens.get(i).set(DiffusionAnnotations.Suggestions.class, here);
                }
            }
        }
    }
}
