package io.github.diffusionnlp.bench;

import java.nio.file.Path;

/** A benchmark training measurement that runs until the process is stopped: {@link ScratchDirectoryTest}'s child. */
final class TrainingUntilStopped {
    private TrainingUntilStopped() {}

    public static void main(String[] args) throws Exception {
        new SpeedBenchmark(System.out::println).training(Path.of(args[0]), null, null, "tiny", 4, 4, 1_000_000);
    }
}
