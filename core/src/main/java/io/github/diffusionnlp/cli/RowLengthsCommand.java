package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.train.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "row-lengths", mixinStandardHelpOptions = true,
        description = {"Record in a model's config.json how many of its training rows had each length, which"
            + " `generate --draw-length` draws sentence lengths from.",
            "`train` records them itself; this is for models trained before it did. Give the corpus the model was"
            + " trained on."})
final class RowLengthsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "the model directory")
    Path model;

    @Option(names = "--corpus", required = true,
            description = "the model's training corpus, in any layout train reads (CoNLL-U,"
            + " word<TAB>UPOS; .gz allowed), read as the model records train read it unless --layout or --multiword"
            + " say otherwise")
    Path corpus;

    @Mixin
    CorpusReading reading; // --layout and --multiword, as train was given them

    @Override
    public Integer call() throws Exception {
        ModelCheckpoint.Header header = ModelCheckpoint.readHeader(model); // a model directory, not any folder
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("--corpus " + corpus + ": no such file");
        }
        List<Integer> counts = TrainingData.rowLengths(reading.readFor(corpus, header.training()),
                header.model().maxLength());
        if (header.training() != null && counts.stream().mapToLong(Integer::longValue).sum()
                != header.training().trainSentences()) {
            System.err.printf("note: the corpus gives %,d rows, and the model records %,d training rows: is it the"
                    + " corpus the model was trained on?%n", counts.stream().mapToLong(Integer::longValue).sum(),
                    header.training().trainSentences());
        }
        ModelCheckpoint.recordRowLengths(model, counts, "row-lengths --model");
        System.out.println("recorded the lengths of " + LengthPrior.of(counts) + " in "
                + model.resolve(ModelCheckpoint.CONFIG));
        return 0;
    }
}
