package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks and copies that every {@link DiffusionLM} call makes of what it is given, at its start and before
 * anything is sampled: arguments not null, the sentences and keep masks as they are now, and constraints that
 * have something to act on. Stateless; the copies are the calling thread's own.
 */
final class CallArguments {
    private CallArguments() {}

    /** {@link TokenLists#checkedCopy} of the sentences, once the other arguments are known not to be null. */
    static List<List<String>> sentences(List<List<String>> sentences, Object constraints, SamplingOptions options) {
        Objects.requireNonNull(sentences, "sentences");
        Objects.requireNonNull(constraints, "constraints (Constraints.none() for none)");
        Objects.requireNonNull(options, "options (SamplingOptions.defaults() for the defaults)");
        return TokenLists.checkedCopy(sentences, "sentences", "sentence");
    }

    /**
     * Refuses constraints that ask for what they give nothing to act on: a guidance weight other than 1
     * weighs a sentiment or template against the unconditional model, and best of k ranks by sentiment, so
     * without one a caller surely meant to constrain something (the command-line tools, OpenNLP and CoreNLP
     * refuse it the same way). Checked at the call's start, whatever the input, so that the same constraints
     * do not pass on text without words to sample (no masks, every word kept, a count of 0) and fail on other text.
     */
    static void checkConstraints(Constraints c) {
        if (c.guidance() != Constraints.DEFAULT_GUIDANCE && c.sentiment() == null && c.template() == null) {
            throw new IllegalArgumentException("guidance " + c.guidance() + " pushes toward a sentiment or a POS"
                    + " template, and these constraints have neither; add one (withSentiment, withTemplate)");
        }
        if (c.candidates() > 1 && c.sentiment() == null) {
            throw new IllegalArgumentException("best of " + c.candidates() + " candidates ranks them by sentiment;"
                    + " give a sentiment too, or 1 candidate");
        }
    }

    /**
     * Refuses an infill template that does not have one tag per token of every sentence: checked for every
     * sentence before any is sampled, as a sentence is otherwise checked only when a stretch of it with a mask
     * comes up (one without masks never), after the sampling of the stretches before it.
     */
    static void checkInfillTemplate(List<Upos> template, List<List<String>> sentences) {
        int tags = template.size();
        for (int s = 0; s < sentences.size(); s++) {
            if (sentences.get(s).size() != tags) {
                throw new IllegalArgumentException("the POS template has " + tags + " tags but sentence " + s
                        + " has " + sentences.get(s).size() + " tokens; an infill keeps the length, one tag per"
                        + " token");
            }
        }
    }

    /** The keep masks as they are now (nulls stay: they keep nothing). */
    static List<boolean[]> keepMasks(List<boolean[]> keep) {
        List<boolean[]> out = new ArrayList<>();
        for (boolean[] k : keep) {
            out.add(k == null ? null : k.clone());
        }
        return out;
    }

    /**
     * The settings that sentences sampled in one run share (guidance, steering, candidates, lexical), as their
     * first sentence's constraints hold them; none for no sentences.
     *
     * @throws IllegalArgumentException when the sentences' constraints differ in one of them
     */
    static Constraints shared(List<Constraints> each) {
        Constraints shared = each.isEmpty() ? Constraints.none() : each.get(0);
        if (each.stream().anyMatch(c -> c.guidance() != shared.guidance() || c.steer() != shared.steer()
                || c.candidates() != shared.candidates() || c.lexical() != shared.lexical())) {
            throw new IllegalArgumentException("the sentences of one call must share a guidance weight, steering,"
                    + " candidate count and lexical setting");
        }
        return shared;
    }
}
