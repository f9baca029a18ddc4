package io.github.diffusionnlp.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: public for the other modules of this project; no compatibility promise. The rule every way of
 * giving the n-gram fusion corpus keeps: a reading needs the corpus it reads. It is given in three parameters
 * named {@code ngramCorpus}, {@code ngramLayout} and {@code ngramMultiword} by the integrations' Java entry
 * points (OpenNLP's {@code DiffusionModel.load}, CoreNLP's {@code SharedModels.get}), and by the library's
 * {@code DiffusionLM.Builder} methods {@code optNgramCorpus} and {@code optNgramCorpusReading}: one rule and
 * one reason, its refusal naming what its user typed ({@link Naming}).
 */
public final class NgramCorpusParameters {
    private NgramCorpusParameters() {}

    /** How a caller's user gives the corpus and its reading, for the refusal to name what they typed. */
    public enum Naming {
        /** Three parameters, {@code ngramCorpus}, {@code ngramLayout}, {@code ngramMultiword}: bad arguments. */
        PARAMETERS("ngramCorpus", "name the corpus, or give neither") {
            @Override
            String given(CorpusLayout layout, MultiwordTokens multiword) {
                List<String> given = new ArrayList<>(); // only what was given: not "ngramLayout null"
                if (layout != null) {
                    given.add("ngramLayout " + layout);
                }
                if (multiword != null) {
                    given.add("ngramMultiword " + multiword);
                }
                return String.join(" and ", given) + (given.size() == 1 ? " says" : " say");
            }

            @Override
            RuntimeException refusal(String message) {
                return new IllegalArgumentException(message);
            }
        },
        /** {@code DiffusionLM.Builder}'s {@code optNgramCorpus} and {@code optNgramCorpusReading}: a bad state. */
        BUILDER("a corpus given to optNgramCorpus",
                "give the corpus with DiffusionLM.Builder#optNgramCorpus(Path), or leave the reading null") {
            @Override
            String given(CorpusLayout layout, MultiwordTokens multiword) {
                return "optNgramCorpusReading(" + layout + ", " + multiword + ") says"; // one call, as typed
            }

            @Override
            RuntimeException refusal(String message) {
                return new IllegalStateException(message);
            }
        };

        private final String corpus;
        private final String remedy;

        Naming(String corpus, String remedy) {
            this.corpus = corpus;
            this.remedy = remedy;
        }

        /** What was given, as its user typed it, with its verb ("ngramLayout plain says"). */
        abstract String given(CorpusLayout layout, MultiwordTokens multiword);

        abstract RuntimeException refusal(String message);
    }

    /**
     * Refuses a corpus reading given without the corpus it would read, for the integrations' three parameters:
     * the model's own training corpus is always read as its config.json records it was. The message names only
     * what was given.
     *
     * @throws IllegalArgumentException when {@code ngramLayout} or {@code ngramMultiword} is given and
     *     {@code ngramCorpus} is not
     */
    public static void requireCorpusForReading(Path ngramCorpus, CorpusLayout ngramLayout,
            MultiwordTokens ngramMultiword) {
        requireCorpusForReading(ngramCorpus, ngramLayout, ngramMultiword, Naming.PARAMETERS);
    }

    /**
     * Refuses a corpus reading given without the corpus it would read, naming the settings as {@code naming}'s
     * user typed them: a reading said for no corpus would apply to the model's own, which is read as its
     * config.json records it was (its CoNLL-U read as plain text would count no trigram it was trained on).
     *
     * @throws IllegalArgumentException ({@link Naming#PARAMETERS}) or IllegalStateException ({@link
     *     Naming#BUILDER}) when {@code layout} or {@code multiword} is given and {@code corpus} is not
     */
    public static void requireCorpusForReading(Path corpus, CorpusLayout layout, MultiwordTokens multiword,
            Naming naming) {
        if (corpus != null || layout == null && multiword == null) {
            return;
        }
        throw naming.refusal(naming.given(layout, multiword) + " how " + naming.corpus + " is read, and none was"
                + " given: the model's own training corpus is always read as its config.json records it was; "
                + naming.remedy);
    }
}
