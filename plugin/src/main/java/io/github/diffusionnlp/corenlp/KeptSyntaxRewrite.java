package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
     * token order). Every call's input is checked before the first samples ({@link DiffusionLM#checkRewrite}), so a
     * bad token in a later window of a long sentence is refused before anything is sampled, and named as the caller
     * gave it: "token 66 of sentence 2", not by its place in the window ({@link SentenceNaming#window}). A keep
     * mask may be null (nothing kept); one whose length is not its sentence's is refused, in core's words, and so is
     * a tag list whose length is not its sentence's ("sentence 1 has 70 tokens but its tag list has 69"): the
     * annotator gives one tag a word, this guards a direct caller.
     */
    static List<List<String>> rewrite(DiffusionLM lm, List<List<Upos>> tags, List<List<String>> words,
            List<boolean[]> keep, double strength, Constraints constraints, SamplingOptions options) {
        int len = lm.info().config().maxLength();
        List<List<String>> batch = new ArrayList<>(words);
        List<boolean[]> batchKeep = new ArrayList<>(keep);
        List<Constraints> perSentence = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        for (int s = 0; s < words.size(); s++) {
            if (tags.get(s).size() != words.get(s).size()) { // one tag a word, or its template is another length
                throw new IllegalArgumentException(SentenceNaming.BATCH.sentence(s) + " has " + Counted.of(
                        words.get(s).size(), "token", "tokens") + " but its tag list has " + tags.get(s).size());
            }
            if (words.get(s).size() <= len) {
                perSentence.add(constraints.withTemplate(tags.get(s)));
                lm.checkRewrite(List.of(words.get(s)), Collections.singletonList(keep.get(s)), strength,
                        List.of(perSentence.get(s)), options, SentenceNaming.BATCH.window(s, 0));
            } else {
                // rewritten window by window below: in the batch, a placeholder that holds its seed's place (the
                // sentences after it keep theirs) and samples nothing, one kept token and no [MASK]. The sentence
                // itself, every token kept, had its masks filled in a pass whose words were thrown away.
                perSentence.add(constraints);
                batch.set(s, List.of(Vocabulary.UNK));
                batchKeep.set(s, new boolean[] {true});
                boolean[] k = keep.get(s) == null ? new boolean[words.get(s).size()] : keep.get(s); // null: none kept
                if (k.length != words.get(s).size()) { // as core refuses a short sentence's, not padded nor cut
                    throw new IllegalArgumentException(SentenceNaming.BATCH.sentence(s) + " has " + Counted.of(
                            words.get(s).size(), "token", "tokens") + " but its keep mask has " + k.length);
                }
                for (int from = 0; from < words.get(s).size(); from += len) {
                    int to = Math.min(words.get(s).size(), from + len);
                    Window w = new Window(s, from, words.get(s).subList(from, to), Arrays.copyOfRange(k, from, to),
                            constraints.withTemplate(tags.get(s).subList(from, to)));
                    lm.checkRewrite(List.of(w.words), List.of(w.keep), strength, List.of(w.constraints), options,
                            w.naming());
                    windows.add(w);
                }
            }
        }
        List<List<String>> out = new ArrayList<>(lm.rewriteAll(batch, batchKeep, strength, perSentence, options));
        for (Window w : windows) {
            if (w.from == 0) {
                out.set(w.sentence, new ArrayList<>(words.get(w.sentence)));
            }
            SamplingOptions seeded = options.toBuilder().seed(options.windowSeed(w.sentence, w.from)).build();
            List<String> rewritten = lm.rewriteAll(List.of(w.words), List.of(w.keep), strength,
                    List.of(w.constraints), seeded, w.naming()).get(0);
            for (int i = 0; i < rewritten.size(); i++) {
                out.get(w.sentence).set(w.from + i, rewritten.get(i));
            }
        }
        return out;
    }

    /** A window of a long sentence, from its token {@code from}, rewritten under its own tags in a call of its own. */
    private record Window(int sentence, int from, List<String> words, boolean[] keep, Constraints constraints) {
        /** Its tokens named by their place in the sentence of the caller's list. */
        SentenceNaming naming() {
            return SentenceNaming.BATCH.window(sentence, from);
        }
    }

    /** The rows {@link #rewrite} has core sample for one sentence: one call's, or each window's call's. */
    static SampledRows rows(DiffusionLM lm, List<Upos> tags, List<String> words, boolean[] keep,
            Constraints constraints) {
        int len = lm.info().config().maxLength();
        if (tags.size() != words.size()) { // as rewrite refuses it
            throw new IllegalArgumentException(Counted.of(words.size(), "token", "tokens") + " but a tag list of "
                    + tags.size());
        }
        if (words.size() <= len) {
            return SampledRows.ofRewrite(lm, words, keep, constraints.withTemplate(tags));
        }
        boolean[] k = keep == null ? new boolean[words.size()] : keep; // null: none kept, as core reads it
        if (k.length != words.size()) { // as core refuses a short sentence's (DiffusionLM#rewriteRows)
            throw new IllegalArgumentException(Counted.of(words.size(), "token", "tokens") + " but a keep mask of "
                    + k.length);
        }
        SampledRows rows = SampledRows.NONE;
        for (int from = 0; from < words.size(); from += len) {
            int to = Math.min(words.size(), from + len);
            rows = rows.plus(SampledRows.ofRewrite(lm, words.subList(from, to), Arrays.copyOfRange(k, from, to),
                    constraints.withTemplate(tags.subList(from, to))));
        }
        return rows;
    }
}
