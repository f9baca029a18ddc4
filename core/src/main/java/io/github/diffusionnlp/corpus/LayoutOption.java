package io.github.diffusionnlp.corpus;

import java.util.Objects;

/**
 * How the caller of the corpus reader names the setting that says a corpus's layout, so that an error's
 * remedy names what its user can actually give: {@code --layout plain} on the command line, {@code
 * -ngramLayout plain} to the OpenNLP tool, {@code diffusion.ngramLayout = plain} to CoreNLP.
 *
 * @param name the setting as its user writes it ({@code --layout}, {@code -ngramLayout}, {@code diffusion.ngramLayout})
 * @param assign what goes between the setting and its value ({@code " "}, or {@code " = "} for a property)
 */
public record LayoutOption(String name, String assign) {
    /** The command line's {@code --layout} (train, evaluate, tag-lexicon, the sampling commands, ...). */
    public static final LayoutOption COMMAND_LINE = new LayoutOption("--layout", " ");

    /** The library's {@code DiffusionLM.Builder#optNgramCorpusReading}, whose layout is a {@link CorpusLayout}. */
    public static final LayoutOption LIBRARY = new LayoutOption("DiffusionLM.Builder#optNgramCorpusReading's layout",
            " CorpusLayout.");

    public LayoutOption {
        Objects.requireNonNull(name, "name (the setting as its user writes it, e.g. --layout)");
        Objects.requireNonNull(assign, "assign (what goes between the setting and its value, e.g. a space)");
    }

    /** A property {@code key}: {@code key = value}. */
    public static LayoutOption property(String key) {
        return new LayoutOption(key, " = ");
    }

    /** A tool parameter such as OpenNLP's {@code -ngramLayout}: {@code -ngramLayout value}. */
    public static LayoutOption parameter(String name) {
        return new LayoutOption(name, " ");
    }

    /** The setting given {@code layout}, as its user writes it: {@code --layout plain}. */
    public String of(CorpusLayout layout) {
        return name + assign + (assign.endsWith(".") ? layout.name() : layout.toString());
    }
}
