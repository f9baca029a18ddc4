package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.FilledTagging;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rewrite under {@code syntax=keep}: each sentence conditioned on its own UPOS tags, in one core call. Core takes a
 * template of a sentence's own length longer than the model's positions and rewrites that sentence window by window,
 * each window under its own tags and with the seed {@link SamplingOptions#windowSeed} gives it; sentence {@code s}
 * starts from {@code options.sentenceSeed(s)}.
 */
final class KeptSyntaxRewrite {
    private KeptSyntaxRewrite() {}

    /**
     * The rewritten words of each sentence ({@code tags}, {@code words} and {@code keep} are per sentence, in
     * token order). Core checks the whole call before it samples, so a bad token in a later window of a long
     * sentence is refused before anything is sampled, and named as the caller gave it: "token 66 of sentence 2". A
     * keep mask may be null (nothing kept); one whose length is not its sentence's is refused, in core's words, and
     * so is a tag list whose length is not its sentence's ("sentence 1 has 70 tokens but its tag list has 69"): the
     * annotator gives one tag a word, this guards a direct caller. Tag lists and keep masks not one per sentence are
     * refused saying the counts ("1 tag list and 2 keep masks for 2 sentences"). A sentence holding a {@value
     * DiffusionLM#MASK} is rewritten as {@code filled} says once core has filled its masks: under its filled words'
     * tags, not under the tag its caller gave the mask (a guess), when it replaces templates, and with the keep mask
     * read off them when it replaces keep masks ({@link DiffusionLM#rewriteAll(List, List, double, List,
     * SamplingOptions, SentenceNaming, FilledTagging)}); null keeps the tags and keep masks given. An empty sentence
     * (with an empty tag list) comes back empty, nothing sampled of it, as core gives back one without a template.
     */
    static List<List<String>> rewrite(DiffusionLM lm, List<List<Upos>> tags, List<List<String>> words,
            List<boolean[]> keep, double strength, Constraints constraints, SamplingOptions options,
            FilledTagging filled) {
        return rewrite(lm, tags, words, keep, strength, constraints, options, SentenceNaming.BATCH, filled);
    }

    /**
     * {@link #rewrite(DiffusionLM, List, List, List, double, Constraints, SamplingOptions, FilledTagging)}, its
     * refusals naming the sentences as {@code naming} does (the annotator's: a document's sentences and tokens from 1,
     * {@link ConfiguredAnnotator#DOCUMENT}).
     */
    static List<List<String>> rewrite(DiffusionLM lm, List<List<Upos>> tags, List<List<String>> words,
            List<boolean[]> keep, double strength, Constraints constraints, SamplingOptions options,
            SentenceNaming naming, FilledTagging filled) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(keep, "keep masks (a list of nulls keeps nothing)");
        if (tags.size() != words.size() || keep.size() != words.size()) { // else an IndexOutOfBoundsException
            throw new IllegalArgumentException(Counted.of(tags.size(), "tag list", "tag lists") + " and "
                    + Counted.of(keep.size(), "keep mask", "keep masks") + " for "
                    + Counted.of(words.size(), "sentence", "sentences"));
        }
        List<Constraints> perSentence = new ArrayList<>();
        for (int s = 0; s < words.size(); s++) {
            if (tags.get(s).size() != words.get(s).size()) { // one tag a word, or its template is another length
                throw new IllegalArgumentException(naming.sentence(s) + " has " + Counted.of(
                        words.get(s).size(), "token", "tokens") + " but its tag list has " + tags.get(s).size());
            }
            // an empty sentence has no tags, so no template: core gives it back empty, sampling nothing of it
            perSentence.add(constraints.withTemplate(words.get(s).isEmpty() ? null : tags.get(s)));
        }
        return lm.rewriteAll(words, keep, strength, perSentence, options, naming, filled);
    }

    /** The rows {@link #rewrite} has core sample for one sentence: its one call's. */
    static SampledRows rows(DiffusionLM lm, List<Upos> tags, List<String> words, boolean[] keep,
            Constraints constraints) {
        if (tags.size() != words.size()) { // as rewrite refuses it
            throw new IllegalArgumentException(Counted.of(words.size(), "token", "tokens") + " but a tag list of "
                    + tags.size());
        }
        return SampledRows.ofRewrite(lm, words, keep, constraints.withTemplate(tags));
    }
}
