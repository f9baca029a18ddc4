package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.util.List;
import java.util.Optional;

/**
 * What a generated or rewritten sentence must be: a sentiment, a syntax template (one UPOS tag per
 * word; its length is the sentence's length) and how hard to push toward them (classifier-free
 * guidance). Immutable; {@link #none()} asks for nothing.
 *
 * @param sentiment the label, or null for any
 * @param template UPOS tags, one per word, or null for any
 * @param guidance classifier-free guidance weight: 1 conditions plainly (one network pass per step),
 *     above 1 pushes harder toward the constraints at twice the cost, 0 ignores them
 * @param steer plug-and-play guidance by a differentiable scorer of your own (no retraining), or null
 */
public record Constraints(Sentiment sentiment, List<Upos> template, double guidance, PlugAndPlay steer) {
    /** The guidance weight used when none is given. */
    public static final double DEFAULT_GUIDANCE = 1.0;

    public Constraints {
        template = template == null ? null : List.copyOf(template);
        if (template != null && template.isEmpty()) {
            throw new IllegalArgumentException("a POS template needs at least one tag");
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be a number >= 0, got " + guidance);
        }
    }

    public Constraints(Sentiment sentiment, List<Upos> template, double guidance) {
        this(sentiment, template, guidance, null);
    }

    public static Constraints none() {
        return new Constraints(null, null, DEFAULT_GUIDANCE);
    }

    public Constraints withSentiment(Sentiment s) {
        return new Constraints(s, template, guidance, steer);
    }

    public Constraints withTemplate(List<Upos> tags) {
        return new Constraints(sentiment, tags, guidance, steer);
    }

    public Constraints withGuidance(double w) {
        return new Constraints(sentiment, template, w, steer);
    }

    /** Steers sampling with a scorer of your own (plug-and-play guidance); see {@link PlugAndPlay}. */
    public Constraints withSteering(PlugAndPlay p) {
        return new Constraints(sentiment, template, guidance, p);
    }

    public Optional<List<Upos>> optTemplate() {
        return Optional.ofNullable(template);
    }

    /** Parses a template such as {@code "DET ADJ NOUN VERB"} (spaces or commas), naming a bad tag. */
    public static List<Upos> parseTemplate(String tags) {
        List<Upos> out = java.util.Arrays.stream(tags.trim().split("[\\s,]+")).filter(t -> !t.isEmpty())
                .map(Upos::parse).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty POS template; give UPOS tags such as \"DET ADJ NOUN VERB\"");
        }
        return out;
    }
}
