package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.opennlp.DiffusionToolFactory;

/**
 * A caller's own subclass of {@link DiffusionToolFactory} ({@code DiffusionModel.Builder#optFactory} takes one), top
 * level so that OpenNLP can load it by the name the package's manifest records (within the allowlisted package).
 */
public class SubclassedToolFactory extends DiffusionToolFactory {
    /** For OpenNLP's loader. */
    public SubclassedToolFactory() {}

    /** With {@code steps} as the package's default. */
    public SubclassedToolFactory(int steps) {
        super(steps);
    }
}
