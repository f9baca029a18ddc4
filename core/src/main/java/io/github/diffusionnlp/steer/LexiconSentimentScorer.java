package io.github.diffusionnlp.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.runtime.Lifecycle;
import io.github.diffusionnlp.runtime.Owned;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.sample.GuidanceScorer;
import java.util.Objects;

/**
 * A plug-and-play scorer that steers: the AFINN-165 valence the generated words are expected to carry, each
 * position's word read from its noisy embedding as the posterior p(w | x) ∝ exp(−‖x − e_w‖² / 2σ²) over
 * the model's embedding table (the posterior under a uniform word prior). Its gradient pulls each position toward
 * the rated words near it, which is what moves the words; a linear score of pooled embeddings (what {@link
 * NoisySentimentClassifier} was before it read words this way too) pulls every position along one fixed direction,
 * which no word lies along, and does not steer the text (docs/library.md). Trains nothing; given positions
 * are not scored.
 *
 * <pre>{@code
 * try (LexiconSentimentScorer lexicon = LexiconSentimentScorer.of(lm)) {
 *     Constraints c = Constraints.none().withSteering(PlugAndPlay.of(lexicon.toward(Sentiment.POSITIVE), 1));
 *     lm.generate(8, c, SamplingOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Each gradient step reads every position against the whole vocabulary: a (rows, length, V) array, about
 * 200 MB for 64 rows of the shipped model, three times a sampling step.
 */
public final class LexiconSentimentScorer implements AutoCloseable {
    private final NDManager manager;
    private final NDArray table; // (V, d)
    private final NDArray halfSquaredNorms; // (V): ‖e_w‖² / 2
    private final NDArray[] valueOf; // per Sentiment ordinal, (V, 1): what a word is worth toward that label
    /**
     * A scorer may run on sampling threads while its owner closes it; a call after the close fails as a closed
     * model's does ({@link ModelClosedException}, which a service swapping models already catches), naming the model
     * whose table it holds.
     */
    private final Lifecycle lifecycle;

    private LexiconSentimentScorer(NDManager manager, NDArray table, NDArray halfSquaredNorms, NDArray[] valueOf,
            String model) {
        this.manager = manager;
        this.table = table;
        this.halfSquaredNorms = halfSquaredNorms;
        this.valueOf = valueOf;
        this.lifecycle = new Lifecycle("LexiconSentimentScorer", () -> new ModelClosedException(
                "LexiconSentimentScorer", model, "make it again with LexiconSentimentScorer.of(lm) to go on"));
    }

    /** The scorer over {@code lm}'s embedding table and vocabulary, with the bundled AFINN-165 lexicon. */
    public static LexiconSentimentScorer of(DiffusionLM lm) {
        Objects.requireNonNull(lm, "lm");
        NDManager manager = NDManager.newBaseManager();
        try {
            // its arrays outlive any NDScope the caller has open
            return Owned.by(manager, () -> make(manager, lm));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static LexiconSentimentScorer make(NDManager manager, DiffusionLM lm) {
        NDArray table = lm.embeddingTable(manager);
        SentimentLabeller afinn = SentimentLabeller.afinn();
        Vocabulary vocab = lm.vocabulary();
        int size = (int) table.getShape().get(0);
        float[] positive = new float[size];
        float[] negative = new float[size];
        float[] neutral = new float[size];
        for (int id = 0; id < size; id++) {
            int v = afinn.valence(vocab.word(id));
            positive[id] = v;
            negative[id] = -v;
            neutral[id] = -Math.abs(v); // neutral: as little valence either way as can be
        }
        NDArray[] valueOf = new NDArray[Sentiment.values().length];
        valueOf[Sentiment.POSITIVE.ordinal()] = manager.create(positive).reshape(-1, 1);
        valueOf[Sentiment.NEGATIVE.ordinal()] = manager.create(negative).reshape(-1, 1);
        valueOf[Sentiment.NEUTRAL.ordinal()] = manager.create(neutral).reshape(-1, 1);
        NDArray halfSquaredNorms = table.square().sum(new int[] {1}).div(2f);
        return new LexiconSentimentScorer(manager, table, halfSquaredNorms, valueOf, lm.name());
    }

    /** The scorer of the expected valence toward {@code target}, summed over the generated positions. */
    public GuidanceScorer toward(Sentiment target) {
        NDArray value = valueOf[target.ordinal()];
        return (x, sigma, generated) -> lifecycle.whileOpen(() -> expected(value, x, sigma, generated));
    }

    /**
     * The (B, L, V) arrays are freed once read; with a graph (steering) the nodes that need them keep them by
     * references of their own, as {@link WordPosteriors#of} frees its logits.
     */
    private NDArray expected(NDArray value, NDArray x, NDArray sigma, NDArray generated) {
        try (NDArray transposed = table.transpose();
                NDArray posteriors = WordPosteriors.of(x, sigma, transposed, halfSquaredNorms);
                NDArray values = posteriors.matMul(value)) {
            return values.mul(generated).sum(new int[] {1, 2});
        }
    }

    /** Frees the table once the scorers running are done; later uses fail with {@link ModelClosedException}. */
    @Override
    public void close() {
        lifecycle.close(manager::close);
    }
}
