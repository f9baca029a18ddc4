package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.diffusionnlp.TestModels;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TrainOptions.builder(...).reproducible(true)} trains on one PyTorch thread, as {@code train --reproducible}
 * does: a Java caller had only the internal {@link Reproducible} to get it. Seen from the run's own log, which the
 * trainer writes from the thread it trains on.
 */
class ReproducibleOptionTest {
    @Test
    void aReproducibleRunTrainsOnOneThreadAndGivesTheCountBack(@TempDir Path tmp) throws Exception {
        Engine.getEngine("PyTorch");
        int threads = JniUtils.getNumThreads();
        assumeTrue(threads > 1, "one PyTorch thread already: nothing to tell apart");
        for (boolean reproducible : new boolean[] {true, false}) {
            AtomicInteger most = new AtomicInteger();
            PrintStream log = new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    most.accumulateAndGet(JniUtils.getNumThreads(), Math::max);
                }
            });
            new ArTrainer(TrainOptions.builder(TestModels.devCorpus(), tmp.resolve("m" + reproducible)).size("tiny")
                    .vocabSize(2000).maxLength(32).batchSize(8).steps(2).reproducible(reproducible).build(), null, log)
                    .run();
            assertEquals(reproducible ? 1 : threads, most.get(), "PyTorch threads while training, reproducible: "
                    + reproducible);
            assertEquals(threads, JniUtils.getNumThreads(), "the count after the run");
        }
    }
}
