package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Visible;

/**
 * A call met a model that has been closed: a {@link DiffusionLM}, an {@link AutoregressiveLM}, OpenNLP's
 * {@code DiffusionModel}, or a steering scorer ({@code NoisySentimentClassifier}, {@code LexiconSentimentScorer}).
 * An {@link IllegalStateException}, as that case was before it had a type of its own, so a {@code catch
 * (IllegalStateException)} still sees it; the type is what tells it from an interrupted call (an {@code
 * IllegalStateException} too, "interrupted while ..."). A service that swaps models under its request threads
 * retries a call that failed with this on the model loaded in its place, and not one whose thread was interrupted
 * (its caller gave up); {@link #model()} says which model its log should name.
 */
public final class ModelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String model;

    /**
     * @param kind the class the caller holds, e.g. "DiffusionLM"
     * @param model the model as its other messages name it: its directory, or the name it was loaded under
     */
    public ModelClosedException(String kind, String model) {
        this(kind, model, "load the model again to go on");
    }

    /**
     * @param kind the class the caller holds, e.g. "NoisySentimentClassifier"
     * @param model what was closed, as its other messages name it
     * @param again what to do to go on, where loading a model is not it: e.g. "train or load the probe again to go on"
     */
    public ModelClosedException(String kind, String model, String again) {
        super("this " + kind + " has been closed (model " + Visible.of(String.valueOf(model)) + "): " + again);
        this.model = model;
    }

    /**
     * The closed model: its directory, or the name it was loaded under ({@link DiffusionLM.Builder#optModelName});
     * for a probe, the file it was loaded from, or "trained on " and the model it was trained on.
     */
    public String model() {
        return model;
    }
}
