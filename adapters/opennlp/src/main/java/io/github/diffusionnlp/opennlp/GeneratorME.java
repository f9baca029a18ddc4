package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.SamplingOptions;
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
 * <p>Thread-safe and stateless: sentence i of one call is sampled with seed {@code seed + i}, so the
 * same options give the same sentences; pass other options (another seed) for others.
 */
public class GeneratorME {
    private final DiffusionModel model;
    private final SamplingOptions options;

    /** With the model's default sampling options ({@link DiffusionToolFactory#defaultSamplingOptions()}). */
    public GeneratorME(DiffusionModel model) {
        this(model, model.getFactory().defaultSamplingOptions());
    }

    public GeneratorME(DiffusionModel model, SamplingOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    public SamplingOptions getSamplingOptions() {
        return options;
    }

    /** The longest sentence the model writes, in tokens. */
    public int getMaxLength() {
        return model.getInfo().config().maxLength();
    }

    /** One sentence, of the length in the options (0: the model chooses). */
    public String[] generate() {
        return generate(1)[0];
    }

    /** {@code count} sentences of the length in the options (0: the model chooses). */
    public String[][] generate(int count) {
        return generate(count, options.length());
    }

    /** {@code count} sentences of {@code length} tokens each (0: the model chooses each length). */
    public String[][] generate(int count, int length) {
        List<List<String>> out = model.getDiffusionLM().generate(count, options.toBuilder().length(length).build());
        String[][] result = new String[out.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i).toArray(String[]::new);
        }
        return result;
    }
}
