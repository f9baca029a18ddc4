package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.List;

/**
 * The rows core samples for a request, in the two kinds that cost differently ({@link ServerLimits#requireWork}):
 * {@code sampled} under the request's constraints (each best-of-k candidate apart, two network passes a step with
 * guidance), and {@code filled}, the infill rows that fill a rewrite's {@value DiffusionLM#MASK}s before it rewrites,
 * which core samples once each, unguided, whatever the constraints.
 */
record SampledRows(long sampled, long filled) {
    static final SampledRows NONE = new SampledRows(0, 0);

    /** Sampled rows only: generate's, an infill's. */
    static SampledRows sampled(long rows) {
        return new SampledRows(rows, 0);
    }

    /**
     * What one {@code DiffusionLM.rewriteAll} call samples for {@code words} kept where {@code keep} says: its
     * {@link DiffusionLM#rewriteRows} are the infill rows of its masks ({@link DiffusionLM#infillRows}), then the
     * rewrite's own.
     */
    static SampledRows ofRewrite(DiffusionLM lm, List<String> words, boolean[] keep, Constraints constraints) {
        long filled = lm.infillRows(words);
        return new SampledRows(lm.rewriteRows(words, keep, constraints) - filled, filled);
    }

    SampledRows plus(SampledRows other) {
        return new SampledRows(sampled + other.sampled, filled + other.filled);
    }
}
