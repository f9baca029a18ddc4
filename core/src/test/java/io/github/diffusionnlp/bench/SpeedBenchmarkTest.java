package io.github.diffusionnlp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.model.Flops;
import io.github.diffusionnlp.model.ModelConfig;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeedBenchmarkTest {
    /**
     * The training figures reached only the final tables: a benchmark stopped while sampling kept the matmul
     * and sampling figures in its log, not the training ones. They are logged when measured. And the
     * measurement (about a minute in a full run) printed nothing before them: it now says what it does,
     * then how far it is (the trainer's step lines: steps done of all, rate, ETA).
     */
    @Test
    void trainingIsLoggedWhileItRunsAndItsFiguresWhenMeasured() throws Exception {
        List<String> log = new ArrayList<>();
        SpeedBenchmark.TrainingCorpus corpus = SpeedBenchmark.readTrainingCorpus(TestModels.devCorpus(), null, null, null);
        new SpeedBenchmark(log::add).training(corpus, "tiny", 4, 4, 1);
        assertTrue(log.get(0).startsWith("training tiny, batch 4: 5 steps (4 warm-up, 1 timed) on "), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("  step 5/5 ") && l.contains(" steps/s")
                && l.contains("ETA")), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("benchmark-train")), log.toString()); // a scratch directory
        // a short run (5 steps) was told to "give a shorter --warmup", an option benchmark does not have
        assertTrue(log.stream().noneMatch(l -> l.contains("warm-up") && l.startsWith("  note: ")), log.toString());
        // the trainer's first line said "model: ModelConfig[vocabSize=..., ...], ..., device cpu()"
        assertTrue(log.stream().anyMatch(l -> l.startsWith("  model: 2 layers, width 64, 2 heads, 64 positions, ")
                && l.endsWith(", device cpu")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("training tiny, batch 4, steps 5–5: ")
                && l.contains(" tokens/s") && l.contains(" GFLOP/s")), log.toString());
    }

    /**
     * The sampling figures counted an x̂₀ product (softmax(logits)·E, as large as the logits) after every step, but
     * a call's last step turns its logits into words and computes none: a call of N steps is N forward passes and
     * N − 1 such products. GFLOP/s and the share of the ceiling read high by 1/N of the product's share: on the
     * shipped model 4% at 8 steps, 47% at one.
     */
    @Test
    void samplingCountsNoEstimateAfterTheLastStep() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).build()) {
            ModelConfig c = lm.info().config();
            int batch = 2;
            int len = Math.min(64, c.maxLength());
            long positions = (long) batch * len;
            List<String> progress = new ArrayList<>();
            List<SpeedBenchmark.Sampling> measured =
                    new SpeedBenchmark(progress::add).sampling(lm, new int[] {batch}, new int[] {1, 3});
            assertEquals(2, measured.size());
            // its progress lines count the steps in words ("1 steps" before)
            assertTrue(progress.stream().anyMatch(l -> l.startsWith("sampling batch 2, 1 step: ")), progress.toString());
            assertTrue(progress.stream().anyMatch(l -> l.startsWith("sampling batch 2, 3 steps: ")), progress.toString());
            for (SpeedBenchmark.Sampling s : measured) {
                double expected = s.steps() * Flops.forward(c, batch, len, positions)
                        + (s.steps() - 1) * Flops.expectedEmbedding(c, positions);
                double counted = s.gflopsPerSecond() * 1e9 * s.seconds();
                assertEquals(expected, counted, 1e-9 * expected, s.steps() + " steps");
            }
        }
    }

    /**
     * benchmark read --corpus once to check it and again to train on it: the training measurement trains on the
     * sentences read before anything was measured (here, from a file gone since).
     */
    @Test
    void trainingTrainsOnTheSentencesReadBeforehand(@TempDir Path dir) throws IOException {
        Path copy = Files.copy(TestModels.devCorpus(), dir.resolve("dev.conllu.gz"));
        SpeedBenchmark.TrainingCorpus corpus = SpeedBenchmark.readTrainingCorpus(copy, null, null, null);
        Files.delete(copy);
        List<String> log = new ArrayList<>();
        new SpeedBenchmark(log::add).training(corpus, "tiny", 4, 4, 1);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("training tiny, batch 4, steps 5–5: ")), log.toString());
    }

    /** benchmark --corpus read its corpus guessed whatever --layout said: the layout said now reaches training. */
    @Test
    void theCorpusIsReadInTheLayoutSaid(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "Stop\nLook\nthe jury said it was fine .\nListen\n");
        IOException e = assertThrows(IOException.class,
                () -> SpeedBenchmark.readTrainingCorpus(plain, CorpusLayout.WORDS, null, null));
        assertTrue(e.getMessage().contains(plain + ":3: the line does not fit --layout words"), e.getMessage());
    }

    /**
     * benchmark held the parsed training corpus through its sampling and memory measurements (its command kept
     * the corpus it had read beforehand): the memory row carried it. The training measurement now takes the
     * sentences and lets them go, however long its caller keeps the corpus it was given.
     */
    @Test
    void theSentencesAreLetGoOnceTrainedOn() throws Exception {
        Path file = TestModels.devCorpus();
        TaggedCorpus.Read read = TaggedCorpus.readAs(file, TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE);
        WeakReference<List<TaggedSentence>> sentences = new WeakReference<>(read.sentences());
        SpeedBenchmark.TrainingCorpus corpus = new SpeedBenchmark.TrainingCorpus(file, read);
        read = null;
        new SpeedBenchmark(line -> {}).training(corpus, "tiny", 4, 4, 1);
        for (int i = 0; i < 20 && sentences.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(sentences.get() == null, "the sentences trained on are still reachable");
        assertEquals(file, corpus.file()); // held until here, as the command holds it through its other measurements
    }

    /**
     * The training measurement held the sentences it trained on through its whole training loop, beside the packed
     * rows the trainer had let them go for: its own frame kept the corpus it took. None is reachable at the loop's
     * first step now, as in a {@code train} run (SentencesLetGoTest).
     */
    @Test
    void theSentencesAreLetGoWhileTheyAreTrainedOn() throws Exception {
        Path file = TestModels.devCorpus();
        TaggedCorpus.Read read = TaggedCorpus.readAs(file, TaggedCorpus.Reading.DEFAULT, null, LayoutOption.COMMAND_LINE);
        List<WeakReference<TaggedSentence>> sentences = new java.util.ArrayList<>();
        read.sentences().forEach(s -> sentences.add(new WeakReference<>(s)));
        SpeedBenchmark.TrainingCorpus corpus = new SpeedBenchmark.TrainingCorpus(file, read);
        read = null;
        List<Boolean> collectedAtStep = new java.util.ArrayList<>();
        new SpeedBenchmark(line -> {
            if (line.startsWith("  step ") && collectedAtStep.isEmpty()) {
                System.gc(); // a full collection with G1: a weakly reachable sentence is cleared
                collectedAtStep.add(sentences.stream().allMatch(s -> s.get() == null));
            }
        }).training(corpus, "tiny", 4, 4, 1);
        assertEquals(List.of(true), collectedAtStep, "no sentence was left reachable by the training loop");
    }

    /**
     * The training measurement's corpus, read before the trainer gets it, was counted as a corpus read for its
     * sentences alone: not with the rows the run packs from them, as train counts its corpus read from the file. Under
     * -Xmx64m a corpus of 800,000 seven-word sentences is refused as train refuses it, for what a run that trains on
     * them holds.
     */
    @Test
    void theTrainingCorpusIsCountedWithTheRowsARunPacks(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("big.txt.gz");
        byte[] line = "the cat sat on the mat .\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 800_000; i++) {
                out.write(line);
            }
        }
        io.github.diffusionnlp.ChildJvm.Run run = io.github.diffusionnlp.ChildJvm.run(io.github.diffusionnlp.ChildJvm
                .command(List.of("-Xmx64m"), ReadTrainingCorpus.class, gz.toString()), "",
                java.time.Duration.ofSeconds(60));
        assertEquals(0, run.code(), run.said());
        assertTrue(run.said().contains("while a run trains on them (about 15 bytes a word and 100 a sentence)"),
                run.said());
    }

    /** Reads the training corpus its argument names as benchmark does, and prints its refusal, or "read". */
    public static final class ReadTrainingCorpus {
        public static void main(String[] args) {
            try {
                SpeedBenchmark.readTrainingCorpus(Path.of(args[0]), null, null, null);
                System.out.println("read");
            } catch (IOException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
