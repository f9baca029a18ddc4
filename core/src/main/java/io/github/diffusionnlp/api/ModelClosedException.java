package io.github.diffusionnlp.api;

/**
 * A call met a model that has been closed: a {@link DiffusionLM}, an {@link AutoregressiveLM}, or OpenNLP's
 * {@code DiffusionModel}. An {@link IllegalStateException}, as that case was before it had a type of its own, so
 * a {@code catch (IllegalStateException)} still sees it; the type is what tells it from an interrupted call (an
 * {@code IllegalStateException} too, "interrupted while ..."). A service that swaps models under its request threads
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
        super("this " + kind + " has been closed (model " + model + "): load the model again to go on");
        this.model = model;
    }

    /** The closed model: its directory, or the name it was loaded under ({@link DiffusionLM.Builder#optModelName}). */
    public String model() {
        return model;
    }
}
