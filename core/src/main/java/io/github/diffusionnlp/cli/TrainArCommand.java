package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.train.ArTrainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-ar", mixinStandardHelpOptions = true,
        description = {"Train the autoregressive (causal transformer) baseline: the same data, schedule and optimizer"
            + " as `train`, and the same width, depth and parameter count (within 1%%) as the diffusion model of"
            + " --size."})
final class TrainArCommand implements Callable<Integer> {
    @Mixin
    TrainingArgs args;

    @Option(names = "--vocab-from", paramLabel = "DIR",
            description = "take the vocabulary of this model directory (e.g. the diffusion"
            + " model it is compared with) instead of building one from the corpus")
    Path vocabFrom;

    @Override
    public Integer call() throws Exception {
        return args.train(new ArTrainer(args.options(), vocabFrom, System.out));
    }
}
