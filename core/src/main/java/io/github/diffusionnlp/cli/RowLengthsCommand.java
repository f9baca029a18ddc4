package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.train.RowLengths;
import io.github.diffusionnlp.train.TrainingData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "row-lengths", mixinStandardHelpOptions = true,
        description = {"Record in a model's config.json how many of its training rows had each length, overall and"
            + " for each sentiment label, which `generate` draws sentence lengths from (a sentence with --sentiment"
            + " from its label's rows).",
            "`train` records them itself; this is for models trained before it did. Give the corpus the model was"
            + " trained on."})
final class RowLengthsCommand implements Callable<Integer> {
    @Mixin
    ModelAndItsCorpus given;

    @Override
    public Integer call() throws Exception {
        ModelCheckpoint.Header header = ModelCheckpoint.readModelHeader(given.model); // a model directory, not a file
        List<TaggedSentence> sentences = given.sentences(header.training(),
                "the row lengths recorded would be those of", "its row lengths");
        int width = header.model().maxLength();
        // labelled as train labels its rows, so that a label's sentences draw the lengths its rows had
        RowLengths lengths = TrainingData.rowLengths(sentences, width, SentimentLabeller.afinn());
        List<Integer> counts = lengths.overall();
        Map<Sentiment, List<Integer>> byLabel = lengths.byLabel();
        long rows = counts.stream().mapToLong(Integer::longValue).sum();
        if (header.training() != null && rows != header.training().trainSentences()) {
            System.err.printf("note: the corpus gives %,d rows, and the model records %,d training rows: is it the"
                    + " corpus the model was trained on?%n", rows, header.training().trainSentences());
        }
        ModelCheckpoint.recordRowLengths(given.model, counts, byLabel, "row-lengths --model");
        System.out.println("recorded the lengths of " + LengthPrior.of(counts) + " in "
                + Visible.of(given.model.resolve(ModelCheckpoint.CONFIG).toString()) + ", and of each label's rows:");
        byLabel.forEach((label, c) -> System.out.println("  " + label + ": " + LengthPrior.of(c)));
        return 0;
    }
}
