package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.SamplingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rewrites tokenized sentences, in the shape of OpenNLP's {@code XME} tools: {@code String[]} tokens
 * in (for example from {@code TokenizerME}), {@code String[]} out, the same length. Every token not
 * kept starts from its own word's embedding, is noised to the level where the model's learned warping
 * equals the {@code strength} and is denoised in the context of the kept tokens: strength near 0
 * changes little, 1 ignores the words not kept entirely. Kept tokens come back verbatim.
 *
 * <p>What is kept is a {@link KeepSpec}: token indexes and/or UD UPOS classes, the classes judged by
 * OpenNLP's {@code POSTaggerME} with the English UD model ({@link EnglishPosTagger}, loaded once, on
 * first need).
 *
 * <pre>{@code
 * try (DiffusionModel model = DiffusionModel.loadDefault()) {
 *     RewriterME rewriter = new RewriterME(model, SamplingOptions.defaults(), 0.7, KeepSpec.parse("NOUN,PROPN"));
 *     String[] rewritten = rewriter.rewrite(new String[] {"The", "committee", "met", "on", "Monday", "."});
 * }
 * }</pre>
 *
 * <p>Unlike most OpenNLP {@code XME} classes this one is thread-safe: it keeps no state between
 * calls, and one instance may serve many threads. Sentence i of one call is sampled with seed
 * {@code seed + i}: the same options and input give the same output. Sentiment and POS-template
 * constraints are not available: the model has no conditioning on them yet.
 */
public class RewriterME {
    /** The strength of {@link #RewriterME(DiffusionModel)}. */
    public static final double DEFAULT_STRENGTH = 0.5;

    private final DiffusionModel model;
    private final SamplingOptions options;
    private final double strength;
    private final KeepSpec keep;

    /** Strength {@value #DEFAULT_STRENGTH}, keeping nothing, with the model's default sampling options. */
    public RewriterME(DiffusionModel model) {
        this(model, model.getFactory().defaultSamplingOptions(), DEFAULT_STRENGTH, KeepSpec.NONE);
    }

    /**
     * @param strength how far the input is noised, in (0, 1]
     * @param keep which tokens stay verbatim ({@link KeepSpec#NONE}: none)
     */
    public RewriterME(DiffusionModel model, SamplingOptions options, double strength, KeepSpec keep) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.keep = Objects.requireNonNull(keep, "keep");
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength " + strength + " is out of range; allowed: (0, 1]");
        }
        this.strength = strength;
    }

    public SamplingOptions getSamplingOptions() {
        return options;
    }

    public double getStrength() {
        return strength;
    }

    public KeepSpec getKeepSpec() {
        return keep;
    }

    /**
     * Rewrites one sentence, keeping what the keep spec names.
     *
     * @throws IllegalArgumentException when the spec names an index outside the tokens
     */
    public String[] rewrite(String[] tokens) {
        return rewrite(new String[][] {tokens})[0];
    }

    /** Rewrites many sentences, each keeping what the keep spec names, batched through the model. */
    public String[][] rewrite(String[][] sentences) {
        boolean[][] masks = new boolean[sentences.length][];
        for (int i = 0; i < sentences.length; i++) {
            checkTokens(sentences[i]);
            masks[i] = keepMask(sentences[i]);
        }
        return rewrite(sentences, masks);
    }

    /** Rewrites one sentence keeping exactly the tokens where {@code keep} is true (instead of the keep spec). */
    public String[] rewrite(String[] tokens, boolean[] keep) {
        return rewrite(new String[][] {tokens}, new boolean[][] {keep})[0];
    }

    /**
     * Rewrites many sentences, sentence i keeping exactly the tokens where {@code keep[i]} is true
     * (instead of the keep spec; a null mask keeps nothing).
     */
    public String[][] rewrite(String[][] sentences, boolean[][] keep) {
        if (keep.length != sentences.length) {
            throw new IllegalArgumentException(keep.length + " keep masks for " + sentences.length + " sentences");
        }
        List<List<String>> in = new ArrayList<>(sentences.length);
        List<boolean[]> masks = new ArrayList<>(sentences.length);
        for (int i = 0; i < sentences.length; i++) {
            checkTokens(sentences[i]);
            in.add(Arrays.asList(sentences[i]));
            masks.add(keep[i] == null ? null : keep[i].clone());
        }
        List<List<String>> out = model.getDiffusionLM().rewriteAll(in, masks, strength, options);
        String[][] result = new String[out.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i).toArray(String[]::new);
        }
        return result;
    }

    /**
     * Which tokens of a sentence the keep spec keeps (tagging the sentence with {@link EnglishPosTagger}
     * when the spec names UPOS classes).
     *
     * @throws IllegalArgumentException when the spec names an index outside the tokens
     */
    public boolean[] keepMask(String[] tokens) {
        return keep.mask(tokens, keep.needsTags() ? EnglishPosTagger.get().tag(tokens) : null);
    }

    private static void checkTokens(String[] tokens) {
        Objects.requireNonNull(tokens, "a sentence is null");
        for (String t : tokens) {
            if (t == null) {
                throw new IllegalArgumentException("a token is null");
            }
        }
    }
}
