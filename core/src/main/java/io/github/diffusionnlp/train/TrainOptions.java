package io.github.diffusionnlp.train;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one training run.
 *
 * @param corpus training sentences (see {@link io.github.diffusionnlp.corpus.TaggedCorpus})
 * @param dev optional validation sentences, or null
 * @param output checkpoint directory; also gets the loss log and plots
 * @param size named model size: tiny, small or base
 * @param vocabSize largest vocabulary, special tokens included
 * @param maxLength positions per row
 * @param batchSize rows per step
 * @param steps steps the schedule is planned for (warm-up then cosine decay to 10%)
 * @param timeBudget stop (with a checkpoint) after this long, or null; resume continues the schedule
 * @param learningRate peak learning rate
 * @param warmupSteps linear warm-up steps
 * @param seed seed for data order, masks and noise
 * @param checkpointEvery steps between checkpoints
 * @param resume continue from the checkpoint in {@code output} if there is one
 * @param contextEmbeddings start a new model's word embeddings from corpus contexts
 *     ({@link io.github.diffusionnlp.model.ContextEmbeddings}) rather than at random
 * @param relativePositions give a new model relative-position attention bias from the start
 * @param averageDecay decay of the moving average of the weights that checkpoints save for sampling
 *     ({@link WeightAverage}), or 0 to save the trained weights themselves
 */
public record TrainOptions(
        Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize, int steps,
        Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery, boolean resume,
        boolean contextEmbeddings, boolean relativePositions, double averageDecay) {

    public TrainOptions {
        if (batchSize < 1 || steps < 1 || maxLength < 2 || vocabSize < 3 || checkpointEvery < 1 || warmupSteps < 0) {
            throw new IllegalArgumentException("batch size, steps and checkpoint interval must be positive,"
                    + " max length >= 2, vocabulary size >= 3 and warm-up >= 0");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(averageDecay == 0 || averageDecay > 0 && averageDecay < 1)) {
            throw new IllegalArgumentException("weight-average decay (train --average) must be 0 (none) or in (0, 1),"
                    + " got " + averageDecay);
        }
    }

    /** Options for a model of the named size as it is: random word embeddings, absolute positions only. */
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, false, false, 0);
    }

    /** Warm-up to the peak rate, then cosine decay to 10% of it at the last planned step. */
    public float learningRateAt(int step) {
        if (step <= warmupSteps) {
            return (float) (learningRate * step / Math.max(1, warmupSteps));
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps));
        return (float) (learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
