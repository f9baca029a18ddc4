package io.github.diffusionnlp.bench;

import java.nio.file.Path;

/** A benchmark training measurement that runs until the process is stopped: {@link ScratchDirectoryTest}'s child. */
final class TrainingUntilStopped {
    private TrainingUntilStopped() {}

    public static void main(String[] args) throws Exception {
        SpeedBenchmark.TrainingCorpus corpus = SpeedBenchmark.readTrainingCorpus(Path.of(args[0]), null, null, null);
        new SpeedBenchmark(System.out::println).training(corpus, "tiny", 4, 4, 1_000_000);
    }
}
