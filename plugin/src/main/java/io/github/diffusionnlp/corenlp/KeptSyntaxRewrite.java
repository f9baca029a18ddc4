package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rewrite under {@code syntax=keep}: each sentence conditioned on its own UPOS tags. Core's templates are at most
 * the model's length, so a longer sentence is rewritten window by window of that length, each under its own tags
 * and with the seed core would give that window ({@link SamplingOptions#windowSeed}); the others in one batch,
 * sentence {@code s} with {@code options.sentenceSeed(s)}.
 */
final class KeptSyntaxRewrite {
    private KeptSyntaxRewrite() {}

    /**
     * The rewritten words of each sentence ({@code tags}, {@code words} and {@code keep} are per sentence, in
     * token order).
     */
    static List<List<String>> rewrite(DiffusionLM lm, List<List<Upos>> tags, List<List<String>> words,
            List<boolean[]> keep, double strength, Constraints constraints, SamplingOptions options) {
        int len = lm.info().config().maxLength();
        List<List<String>> batch = new ArrayList<>(words);
        List<boolean[]> batchKeep = new ArrayList<>(keep);
        List<Constraints> perSentence = new ArrayList<>();
        for (int s = 0; s < words.size(); s++) {
            if (words.get(s).size() <= len) {
                perSentence.add(constraints.withTemplate(tags.get(s)));
            } else {
                // rewritten window by window below: in the batch, a placeholder that holds its seed's place (the
                // sentences after it keep theirs) and samples nothing, one kept token and no [MASK]. The sentence
                // itself, every token kept, had its masks filled in a pass whose words were thrown away.
                perSentence.add(constraints);
                batch.set(s, List.of(Vocabulary.UNK));
                batchKeep.set(s, new boolean[] {true});
            }
        }
        List<List<String>> out = new ArrayList<>(lm.rewriteAll(batch, batchKeep, strength, perSentence, options));
        for (int s = 0; s < words.size(); s++) {
            int size = words.get(s).size();
            if (size <= len) {
                continue;
            }
            List<String> result = new ArrayList<>(words.get(s));
            for (int from = 0; from < size; from += len) {
                int to = Math.min(size, from + len);
                SamplingOptions window = options.toBuilder().seed(options.windowSeed(s, from)).build();
                List<String> w = lm.rewriteAll(List.of(words.get(s).subList(from, to)),
                        List.of(Arrays.copyOfRange(keep.get(s), from, to)), strength,
                        List.of(constraints.withTemplate(tags.get(s).subList(from, to))), window).get(0);
                for (int i = 0; i < w.size(); i++) {
                    result.set(from + i, w.get(i));
                }
            }
            out.set(s, result);
        }
        return out;
    }

    /** The rows {@link #rewrite} has core sample for one sentence: one call's, or each window's call's. */
    static SampledRows rows(DiffusionLM lm, List<Upos> tags, List<String> words, boolean[] keep,
            Constraints constraints) {
        int len = lm.info().config().maxLength();
        if (words.size() <= len) {
            return SampledRows.ofRewrite(lm, words, keep, constraints.withTemplate(tags));
        }
        SampledRows rows = SampledRows.NONE;
        for (int from = 0; from < words.size(); from += len) {
            int to = Math.min(words.size(), from + len);
            rows = rows.plus(SampledRows.ofRewrite(lm, words.subList(from, to), Arrays.copyOfRange(keep, from, to),
                    constraints.withTemplate(tags.subList(from, to))));
        }
        return rows;
    }
}
