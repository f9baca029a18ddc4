package io.github.diffusionnlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Results files wrote the paths the tools found (the default model, the held-out file found above the working
 * directory) as absolute paths, so committed results carried /work/main/...: a path inside the working directory is
 * now written relative to it, as typed there; any other as given.
 */
class ResultPathsTest {
    private static final Path CWD = Path.of("").toAbsolutePath();

    @Test
    void aPathInsideTheWorkingDirectoryIsWrittenRelativeToIt() {
        assertEquals(Path.of("test-data", "models", "brown-cdcd").toString(),
                ResultPaths.shown(CWD.resolve("test-data/models/brown-cdcd")));
        assertEquals(Path.of("test-data", "brown", "heldout.conllu.gz").toString(),
                ResultPaths.shown(CWD.resolve("test-data/./x/../brown/heldout.conllu.gz")));
        assertEquals(".", ResultPaths.shown(CWD));
    }

    @Test
    void anyOtherPathIsWrittenAsGiven() {
        Path outside = CWD.getRoot().resolve("elsewhere-" + System.nanoTime()).resolve("model");
        assertEquals(outside.toString(), ResultPaths.shown(outside));
        assertEquals("test-data/brown/train.conllu.gz", ResultPaths.shown(Path.of("test-data/brown/train.conllu.gz")));
        assertEquals(Path.of("..", "corpus.txt").toString(), ResultPaths.shown(Path.of("../corpus.txt")));
        Path sibling = CWD.resolveSibling(CWD.getFileName() + "-other").resolve("corpus.txt"); // a shared prefix only
        assertEquals(sibling.toString(), ResultPaths.shown(sibling));
        assertNull(ResultPaths.shown((Path) null));
        assertEquals("hand", ResultPaths.shown("hand"));
    }

    /** Run from the root directory (a container's default), every absolute path is inside it: none is made relative. */
    @Test
    void fromTheRootDirectoryAPathIsWrittenAsGiven() {
        Path root = CWD.getRoot();
        Path model = root.resolve("work").resolve("main").resolve("test-data").resolve("models");
        assertEquals(model.toString(), ResultPaths.shown(model, root));
        assertEquals(root.toString(), ResultPaths.shown(root, root));
        assertEquals(Path.of("test-data", "models").toString(), ResultPaths.shown(model, model.getParent().getParent()),
                "a working directory below the root still shortens");
    }

    /** compare-ar writes both models' training records (results.json and report.md): their corpus and dev so too. */
    @Test
    void compareArWritesATrainingCorpusInsideTheWorkingDirectoryRelativeToIt() {
        TrainingInfo recorded = new TrainingInfo(CWD.resolve("test-data/brown/train.conllu.gz").toString(), 100, 5, 5,
                16, 1e-3, 1, 60, 5.0, 4.0, null, 0, null, null, null, null, 0.05)
                .withDev(CWD.resolve("test-data/brown/dev.conllu.gz").toString());
        TrainingInfo written = ArComparison.asWritten(recorded);
        assertEquals(Path.of("test-data", "brown", "train.conllu.gz").toString(), written.corpus());
        assertEquals(Path.of("test-data", "brown", "dev.conllu.gz").toString(), written.dev(), "its dev split too");
        assertEquals(recorded.withCorpus(written.corpus()).withDev(written.dev()), written, "nothing else changed");
        assertNull(ArComparison.asWritten(null));
    }
}
