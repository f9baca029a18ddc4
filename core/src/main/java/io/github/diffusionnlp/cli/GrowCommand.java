package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.checkpoint.ModelGrowth;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.train.RecordedCorpus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grow", mixinStandardHelpOptions = true,
        description = {"Copy a trained model into a larger network that starts out computing exactly the same;"
            + " continue it with `train --resume --out OUT` (on the corpus it was trained on; --corpus FILE for"
            + " another).",
            "Growths, alone or together: --relative-positions (a learnt attention bias per head and word offset,"
            + " at zero), --layers N (more transformer blocks on top, each starting as the identity) and"
            + " --embedding-scale C (the raw word-embedding table times C: the network reads it normalised, so"
            + " it computes the same, and training turns the word embeddings 1/C times faster)."})
final class GrowCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", required = true, description = "the trained model directory")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "a new directory for the grown model")
    Path out;

    @Option(names = "--relative-positions", description = "add relative-position attention bias, starting at zero")
    boolean relativePositions;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "0",
            description = "grow to N transformer blocks (more than the model has); the new ones go on top")
    int layers;

    @Option(names = "--embedding-scale", paramLabel = "C", defaultValue = "1",
            description = "multiply the raw word-embedding table by C > 0 (and its optimizer moments to match);"
                    + " models trained before 2026-11-30 have scale 1 (raw rows of norm ~16); newer ones, the shipped"
                    + " model included, start at 0.05 (norm ~0.8; the shipped model's rows are ~1.5 after training)"
                    + " (default: ${DEFAULT-VALUE})")
    float embeddingScale;

    @Override
    public Integer call() throws Exception {
        // ModelGrowth checks again, but its messages name the library's argument, not this option
        if (!relativePositions && layers == 0 && embeddingScale == 1f) {
            throw new IllegalArgumentException("nothing to grow: give --relative-positions, --layers N (more blocks"
                    + " than the model has) or --embedding-scale C (other than 1), alone or together");
        }
        // the library checks these too, in its own words, after loading the whole model: here first, by option
        if (!(embeddingScale > 0) || Float.isInfinite(embeddingScale)) {
            throw new IllegalArgumentException("--embedding-scale must be a positive number, got "
                    + Numbers.written(embeddingScale));
        }
        ModelConfig was = ModelCheckpoint.readModelHeader(model).model();
        if (layers != 0) {
            if (layers <= was.layers()) {
                throw new IllegalArgumentException("--layers " + layers + ": " + Visible.of(model) + " already has "
                        + was.layers() + " layers; give more (the new blocks go on top)");
            }
            OptionErrors.checked("--layers " + layers, () -> {
                ModelGrowth.requireLoadable(was.withLayers(layers));
                return null;
            });
        }
        ModelDirectory.requireForNewModel(out, "grow --out");
        ModelGrowth.refuseRecordedFilesIn(model, out, "grow --out");
        long added = ModelGrowth.grow(model, out, relativePositions, layers, embeddingScale);
        // the command to paste, the directory quoted for a shell: without --corpus when train --resume would take the
        // one the grown model records, else with it
        Path corpus = RecordedCorpus.usable(ModelCheckpoint.readHeader(out).training());
        String resume = "train --resume --out " + ShellQuoted.of(Visible.of(out.toString()));
        System.out.printf(Locale.ROOT, "grown %s -> %s: %,d parameters added (the model computes what it did);"
                + " continue with %s%n", Visible.of(model.toString()), Visible.of(out.toString()), added,
                corpus != null ? "`" + resume + "` (on the corpus it was trained on, " + Visible.of(corpus.toString())
                        + "; add --corpus FILE to train it on another)"
                        : "`" + resume + " --corpus FILE` (FILE: the corpus to train it on; its record names none that"
                        + " a resume could take unchanged)");
        return 0;
    }
}
