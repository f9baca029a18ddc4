package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.model.Numbers;
import java.util.Map;
import java.util.OptionalDouble;
import opennlp.tools.util.BaseToolFactory;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.model.ArtifactProvider;

/**
 * The tool factory of a {@link DiffusionModel} package: it records in the package manifest the
 * sampling settings the tools use unless told otherwise ({@code diffusion.steps},
 * {@code diffusion.temperature}), the way OpenNLP's factories record a tool's configuration. Without
 * a temperature each tool uses its task's default ({@link SamplingOptions#temperature()}): the most
 * likely words for infilling, samples for generating and rewriting.
 *
 * <p>A package names this class in its manifest ({@code factory=...}); OpenNLP 2.5.9 and later load
 * such a class only when its package is allowed. {@link DiffusionModel} allows
 * {@value DiffusionModel#EXTENSION_PACKAGE} before it loads anything (see its documentation).
 */
public class DiffusionToolFactory extends BaseToolFactory {
    public static final String STEPS_ENTRY = "diffusion.steps";
    public static final String TEMPERATURE_ENTRY = "diffusion.temperature";

    private int steps = SamplingOptions.DEFAULT_STEPS;
    private Double temperature; // null: each tool's task default

    /** For OpenNLP's loader, which configures the instance from the package manifest. */
    public DiffusionToolFactory() {}

    /** Default sampling settings for the tools of a model: Euler steps and temperature in [0, 1]. */
    public DiffusionToolFactory(int steps, double temperature) {
        // let SamplingOptions check the ranges, so that the rules live in one place
        SamplingOptions.builder().steps(steps).temperature(temperature).build();
        this.steps = steps;
        this.temperature = temperature;
    }

    /** Default Euler steps for the tools of a model; each tool keeps its task's default temperature. */
    public DiffusionToolFactory(int steps) {
        SamplingOptions.builder().steps(steps).build();
        this.steps = steps;
    }

    @Override
    protected void init(ArtifactProvider artifactProvider) {
        super.init(artifactProvider);
        String s = artifactProvider.getManifestProperty(STEPS_ENTRY);
        String t = artifactProvider.getManifestProperty(TEMPERATURE_ENTRY);
        try {
            if (s != null) {
                steps = Numbers.parseInt(s.trim());
            }
            if (t != null) {
                temperature = Double.parseDouble(t.trim());
            }
        } catch (NumberFormatException e) {
            // validateArtifactMap names the entry; init must not throw for a readable message
        }
    }

    @Override
    public Map<String, String> createManifestEntries() {
        Map<String, String> entries = super.createManifestEntries();
        entries.put(STEPS_ENTRY, Integer.toString(steps));
        if (temperature != null) {
            entries.put(TEMPERATURE_ENTRY, Double.toString(temperature));
        }
        return entries;
    }

    @Override
    public void validateArtifactMap() throws InvalidFormatException {
        if (artifactProvider == null) {
            return;
        }
        for (String key : new String[] {STEPS_ENTRY, TEMPERATURE_ENTRY}) {
            String value = artifactProvider.getManifestProperty(key);
            if (value == null) {
                continue;
            }
            try {
                if (key.equals(STEPS_ENTRY)) {
                    SamplingOptions.builder().steps(Numbers.parseInt(value.trim()));
                } else {
                    SamplingOptions.builder().temperature(Double.parseDouble(value.trim()));
                }
            } catch (NumberFormatException e) { // Java's "For input string: ..." said in the tools' words
                boolean steps = key.equals(STEPS_ENTRY);
                throw new InvalidFormatException("manifest entry " + key + "=" + value + " is invalid: "
                        + (steps ? "steps" : "temperature") + " must be " + (steps ? SamplingRange.STEPS
                        : SamplingRange.TEMPERATURE).allowed() + ", got " + value.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidFormatException("manifest entry " + key + "=" + value + " is invalid: "
                        + e.getMessage());
            }
        }
    }

    public int getSteps() {
        return steps;
    }

    /** The temperature the package sets for all its tools, or empty: each tool's task default. */
    public OptionalDouble getTemperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /** The model's default sampling options: its steps and temperature (if set), seed 0, batch 32, free length. */
    public SamplingOptions defaultSamplingOptions() {
        return SamplingOptions.builder().steps(steps).optTemperature(temperature).build();
    }
}
