package io.github.diffusionnlp.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: public for the other modules of this project; no compatibility promise. The n-gram fusion corpus
 * as the integrations' Java entry points take it, in three parameters named {@code ngramCorpus}, {@code
 * ngramLayout} and {@code ngramMultiword} (CoreNLP's {@code SharedModels.get}), and the rule: a reading needs the
 * corpus it reads. The builders of the library ({@code DiffusionLM.Builder}) and of the OpenNLP
 * {@code DiffusionModel} keep checks of their own, whose messages name their own methods.
 */
public final class NgramCorpusParameters {
    private NgramCorpusParameters() {}

    /**
     * Refuses a corpus reading given without the corpus it would read: the model's own training corpus is
     * always read as its config.json records it was. The message names only what was given.
     *
     * @throws IllegalArgumentException when {@code ngramLayout} or {@code ngramMultiword} is given and
     *     {@code ngramCorpus} is not
     */
    public static void requireCorpusForReading(Path ngramCorpus, CorpusLayout ngramLayout,
            MultiwordTokens ngramMultiword) {
        if (ngramCorpus != null || ngramLayout == null && ngramMultiword == null) {
            return;
        }
        List<String> given = new ArrayList<>();
        if (ngramLayout != null) {
            given.add("ngramLayout " + ngramLayout);
        }
        if (ngramMultiword != null) {
            given.add("ngramMultiword " + ngramMultiword);
        }
        throw new IllegalArgumentException(String.join(" and ", given) + (given.size() == 1 ? " says" : " say")
                + " how ngramCorpus is read, and no ngramCorpus was given: the model's own training corpus is always"
                + " read as its config.json records it was; name the corpus, or give neither");
    }
}
