package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.model.LengthPrior;
import java.util.List;
import java.util.Objects;

/**
 * Writes new sentences as {@code String[]} tokens, in the shape of OpenNLP's {@code XME} tools.
 *
 * <pre>{@code
 * try (DiffusionModel model = DiffusionModel.loadDefault()) {
 *     GeneratorME generator = new GeneratorME(model);
 *     String[][] sentences = generator.generate(5, 12);   // five sentences of twelve tokens
 * }
 * }</pre>
 *
 * <p>A {@link ConstraintSpec} asks for a sentiment and/or a POS template (which sets the length: one
 * token per tag, at most the model's positions), pushed by its guidance weight:
 *
 * <pre>{@code
 * GeneratorME positive = new GeneratorME(model, options,
 *         ConstraintSpec.NONE.withSentiment("positive").parseTemplate("DET ADJ NOUN VERB ADV PUNCT"));
 * String[][] six = positive.generate(3);                // three sentences of six tokens
 * }</pre>
 *
 * <p>Left free, each sentence's length is drawn from the lengths of the model's training rows first, with its seed
 * (where the model records them, and the length is guided: {@link SamplingOptions.Builder#drawLength}); options with
 * {@code drawLength(false)} let the model choose, and it writes too long and too even sentences (root README,
 * <i>Limitations</i>):
 *
 * <pre>{@code
 * String[][] five = new GeneratorME(model).generate(5);  // lengths spread as the training rows' are
 * GeneratorME chosen = new GeneratorME(model, options.toBuilder().drawLength(false).build());
 * }</pre>
 *
 * <p>Thread-safe and stateless: sentence i of one call is sampled with seed {@link SamplingOptions#sentenceSeed
 * options.sentenceSeed(i)}, so the same options give the same sentences (and drawn lengths); pass other options
 * (another seed) for others.
 */
public class GeneratorME {
    private final DiffusionModel model;
    private final SamplingOptions options;
    private final ConstraintSpec constraints;

    /** With the model's default sampling options ({@link DiffusionToolFactory#defaultSamplingOptions()}). */
    public GeneratorME(DiffusionModel model) {
        this(model, model.getFactory().defaultSamplingOptions());
    }

    public GeneratorME(DiffusionModel model, SamplingOptions options) {
        this(model, options, ConstraintSpec.NONE);
    }

    /**
     * @param constraints sentiment, POS template and guidance ({@link ConstraintSpec#NONE}: none)
     * @throws IllegalArgumentException when the template is longer than the model's positions or is the
     *     input's own (a generated sentence has no input), or the model cannot follow a template
     *     ({@link io.github.diffusionnlp.api.DiffusionLM#requireTemplates}); when the options set {@link
     *     SamplingOptions#drawLength()} true and a length or the template sets it, or the model records no lengths
     *     of its training rows to draw from
     */
    public GeneratorME(DiffusionModel model, SamplingOptions options, ConstraintSpec constraints) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
        if (constraints.usesInputTemplate()) {
            throw new IllegalArgumentException("a generated sentence has no input to take POS tags from;"
                    + " give the template's tags");
        }
        constraints.requireFollowableBy(model);
        if (asksToDraw(options)) {
            requireFreeLength(options.length(), constraints.templateLength());
            // now, not at the first generate: the model's record is read once it is loaded, as the template's check
            if (!model.getInfo().recordsRowLengths()) {
                throw new IllegalArgumentException(noRowLengths(model.getDiffusionLM().name(),
                        "SamplingOptions.drawLength", "leave drawLength unset"));
            }
        }
    }

    /**
     * Why a model that records no lengths of its training rows cannot draw them, for the option as {@code asked}
     * names it: what to run, for a model directory and for a package (whose config.json is the directory's).
     */
    public static String noRowLengths(String model, String asked, String instead) {
        return LengthPrior.notRecorded(asked, model, " in the model directory (for a package, the one it was made"
                + " from, then Package it again), or " + instead);
    }

    /** Whether the options set drawing the length explicitly (unset, it is drawn only where it can be). */
    private static boolean asksToDraw(SamplingOptions options) {
        return options.drawLength().orElse(false);
    }

    /** Refuses drawing the length where a length or the template sets it. */
    private static void requireFreeLength(int length, int templateLength) {
        if (length != 0 || templateLength > 0) {
            throw new IllegalArgumentException("drawLength draws each sentence's length, and " + (length != 0
                    ? "a length of " + length + " is asked" : "the POS template sets it ("
                    + Counted.of(templateLength, "tag", "tags") + ")")
                    + "; give one or the other");
        }
    }

    public ConstraintSpec getConstraints() {
        return constraints;
    }

    public SamplingOptions getSamplingOptions() {
        return options;
    }

    /** The longest sentence the model writes, in tokens. */
    public int getMaxLength() {
        return model.getInfo().config().maxLength();
    }

    /** One sentence, of the template's length or the length in the options (0: free, drawn or chosen). */
    public String[] generate() {
        return generate(1)[0];
    }

    /** {@code count} sentences of the template's length or the length in the options (0: free, drawn or chosen). */
    public String[][] generate(int count) {
        return generate(count, options.length());
    }

    /**
     * {@code count} sentences of {@code length} tokens each (0: the POS template sets it, or else each length is
     * drawn or the model chooses it, as {@link SamplingOptions.Builder#drawLength} says).
     *
     * @throws IllegalArgumentException when the length is out of range or disagrees with the template, or is
     *     not 0 while the options set drawing the length ({@link SamplingOptions#drawLength()} true)
     */
    public String[][] generate(int count, int length) {
        int t = constraints.templateLength();
        if (t > 0 && length != 0 && length != t) {
            throw new IllegalArgumentException("length " + length + " disagrees with the POS template's "
                    + Counted.of(t, "tag", "tags") + "; give one or the other");
        }
        if (asksToDraw(options)) {
            requireFreeLength(length, t);
        }
        List<List<String>> out = model.sample(lm -> lm.generate(count, constraints.toConstraints(),
                options.toBuilder().length(length).build()));
        String[][] result = new String[out.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i).toArray(String[]::new);
        }
        return result;
    }
}
