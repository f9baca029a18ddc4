package io.github.diffusionnlp.checkpoint;

import java.util.Map;

/**
 * What a checkpoint records of its training: enough to resume it and to tell a user what the model is.
 *
 * @param corpus the training corpus file(s)
 * @param trainSentences rows the corpus gave
 * @param step optimizer steps taken so far
 * @param totalSteps steps the learning-rate schedule was planned for
 * @param batchSize rows per step
 * @param learningRate peak learning rate
 * @param seed training seed
 * @param wallSeconds training wall time so far, over all resumed runs
 * @param trainLoss recent training cross-entropy (per token, nats)
 * @param devLoss last validation cross-entropy, or NaN
 * @param metrics evaluation results added later (name to value)
 * @param averageDecay the decay of the moving average of the weights the checkpoint holds, or 0 when
 *     it holds the trained weights themselves (and in configs written before averaging existed)
 */
public record TrainingInfo(
        String corpus, int trainSentences, int step, int totalSteps, int batchSize, double learningRate,
        long seed, double wallSeconds, double trainLoss, double devLoss, Map<String, Double> metrics,
        double averageDecay) {

    public TrainingInfo {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** A record of a checkpoint that holds its trained weights (no average). */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, 0);
    }

    /** The same record with another validation loss. */
    public TrainingInfo withDevLoss(double devLoss) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay);
    }

    /** The same record with {@code metrics} (null: none) in place of its own. */
    public TrainingInfo withMetrics(Map<String, Double> metrics) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay);
    }
}
