package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelGrowth;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * grow writes a model into {@code --out}, which may hold the files a training run writes there (a run killed before
 * its first checkpoint leaves them), so a user's own {@code vocab.txt} there passes for one. A model trained on a
 * corpus of that name in that directory (legal: it is not the training's own output directory) records it, and grow
 * wrote the grown model's vocab.txt over it; a dev split named training-log.csv there was written over with the
 * model's log. The grown model then recorded, as its corpus, a file in its own directory, which train --resume
 * refuses. grow refuses such a --out by name, as train refuses such a corpus (audit h240), nothing changed.
 */
@Isolated
class GrowRecordedFilesTest {
    private static final String SENTENCES = "the cat sat on the mat .\na dog ran to the park .\n"
            + "she read the old book .\nwe saw a red bird in the tree .\n";

    @Test
    void growRefusesAnOutHoldingTheCorpusOrDevSplitTheModelRecords(@TempDir Path tmp) throws IOException {
        Path mine = Files.createDirectory(tmp.resolve("mine"));
        Path corpus = Files.writeString(mine.resolve("vocab.txt"), SENTENCES.repeat(30));
        Path measured = Files.createDirectory(tmp.resolve("measured"));
        Path dev = Files.writeString(measured.resolve("training-log.csv"), SENTENCES);
        Path model = tmp.resolve("model");
        Run trained = MainTest.run("", "train", "--corpus", corpus.toString(), "--dev", dev.toString(), "--out",
                model.toString(), "--steps", "10", "--size", "tiny", "--vocab", "200", "--length", "16", "--batch",
                "8", "--warmup", "5", "--seed", "7", "--no-context-embeddings");
        assertEquals(0, trained.code(), trained.err());
        assertEquals(corpus.toAbsolutePath().normalize().toString(),
                ModelCheckpoint.readHeader(model).training().corpus());

        Run r = MainTest.run("", "grow", "--model", model.toString(), "--out", mine.toString(),
                "--relative-positions");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + corpus + ", the corpus the model in " + model + " records, is one of the files"
                + " training writes into " + mine + ": growing the model there would change it (and a training"
                + " resumed there would refuse it); give grow --out another directory (nothing was changed)\n",
                r.err());
        assertEquals(SENTENCES.repeat(30), Files.readString(corpus), "left as it was");
        assertEquals(List.of(corpus), list(mine), "nothing made");

        Run d = MainTest.run("", "grow", "--model", model.toString(), "--out", measured.toString(),
                "--relative-positions");
        assertEquals(1, d.code(), d.out());
        assertEquals("error: " + dev + ", the dev split the model in " + model + " records, is one of the files"
                + " training writes into " + measured + ": growing the model there would change it (and a training"
                + " resumed there would refuse it); give grow --out another directory (nothing was changed)\n",
                d.err());
        assertEquals(SENTENCES, Files.readString(dev), "left as it was");
        assertEquals(List.of(dev), list(measured), "nothing made");

        // the library's grow refuses it too, in its own name for the directory
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ModelGrowth.grow(model, mine, true, 0));
        assertEquals(corpus + ", the corpus the model in " + model + " records, is one of the files training writes"
                + " into " + mine + ": growing the model there would change it (and a training resumed there would"
                + " refuse it); give ModelGrowth.grow's target another directory (nothing was changed)",
                e.getMessage());
        assertEquals(List.of(corpus), list(mine), "nothing made");

        // another directory takes the grown model
        Run elsewhere = MainTest.run("", "grow", "--model", model.toString(), "--out", tmp.resolve("grown").toString(),
                "--relative-positions");
        assertEquals(0, elsewhere.code(), elsewhere.err());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
