package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.train.DiffusionTrainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a corpus: CoNLL-U, word<TAB>UPOS a line, one word a line (a blank line after"
                + " each sentence), or plain text of one whitespace-tokenized sentence a line; .gz allowed.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainingArgs args;

    @Option(names = "--context-embeddings", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "start a new model's word embeddings from the corpus's word contexts (truncated SVD of"
                    + " positive PMI; doubled 5,000-step infill on Brown) or, negated, at random (default: on)")
    boolean contextEmbeddings;

    @Option(names = "--relative-positions", description = "give a new model relative-position attention bias"
            + " (a learnt bias per head and word offset) from the start")
    boolean relativePositions;

    @Option(names = "--average", defaultValue = "0", paramLabel = "DECAY",
            description = "save a moving average of the weights with this decay (e.g. 0.999) as the model, the"
                    + " trained weights going to the training state; 0: save the trained weights (default:"
                    + " ${DEFAULT-VALUE})")
    double averageDecay;

    @Override
    public Integer call() throws Exception {
        return args.train(new DiffusionTrainer(args.options(contextEmbeddings, relativePositions, averageDecay),
                System.out));
    }
}
