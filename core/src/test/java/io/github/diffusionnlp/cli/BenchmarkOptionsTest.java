package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmark's options are checked before it measures anything: a model, a step count or a batch it cannot
 * sample with was refused only after the matmul and training measurements (about a minute with --quick,
 * several without), in the API's words rather than the option's.
 */
class BenchmarkOptionsTest {
    /** A quick run of the tiny size on the dev split: before the checks, about half a minute to an error. */
    private static Run benchmark(String... options) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("benchmark", "--quick"));
        args.addAll(java.util.List.of(options));
        if (!args.contains("--train-batch")) {
            args.addAll(java.util.List.of("--train-batch", "4"));
        }
        if (!args.contains("--corpus")) {
            args.addAll(java.util.List.of("--corpus", TestModels.devCorpus().toString()));
        }
        if (!args.contains("--size")) {
            args.addAll(java.util.List.of("--size", "tiny"));
        }
        return MainTest.run("", args.toArray(String[]::new));
    }

    private static void assertRefusedBeforeMeasuring(Run r, String phrase) {
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(phrase), "'" + phrase + "' in " + r.err());
        assertFalse(r.err().contains("matmul"), "nothing measured before the error: " + r.err());
    }

    @Test
    void aMissingModelIsRefusedFirst(@TempDir java.nio.file.Path tmp) {
        assertRefusedBeforeMeasuring(benchmark("--model", tmp.resolve("none").toString()),
                tmp.resolve("none") + " is not a model directory");
    }

    @Test
    void samplingStepCountsAndBatchesNameTheirOption() {
        assertRefusedBeforeMeasuring(benchmark("--step-counts", "8,0"),
                "--step-counts: steps must be a whole number from 1 to 10000, got 0");
        assertRefusedBeforeMeasuring(benchmark("--batches", "0"),
                "--batches: batch size must be a whole number from 1 to 4096, got 0");
        assertRefusedBeforeMeasuring(benchmark("--size", "huge"),
                "--size: unknown model size 'huge'; allowed: tiny, small, base");
        assertRefusedBeforeMeasuring(benchmark("--memory-calls", "-5"),
                "--memory-calls must be at least 0 (0 skips the memory check), got -5");
    }

    /**
     * A --train-batch below 1 was refused by the training measurement, after the matmul one, in the library's words
     * ("rows per step (batchSize(...)) must be at least 1"; audit h244).
     */
    @Test
    void aTrainingBatchBelowOneIsRefusedFirstNamingTheOption() {
        assertRefusedBeforeMeasuring(benchmark("--train-batch", "0"), "--train-batch must be at least 1, got 0");
        assertRefusedBeforeMeasuring(benchmark("--train-batch", "100000"), "--train-batch must be at most 4096, got"
                + " 100000");
    }

    /** A --corpus that does not read as --layout says was refused by the training measurement, after the matmul one. */
    @Test
    void aCorpusThatDoesNotFitTheLayoutIsRefusedFirst(@TempDir java.nio.file.Path tmp) throws java.io.IOException {
        java.nio.file.Path plain = java.nio.file.Files.writeString(tmp.resolve("plain.txt"),
                "Stop\nLook\nthe jury said it was fine .\nListen\n");
        assertRefusedBeforeMeasuring(benchmark("--corpus", plain.toString(), "--layout", "words"),
                plain + ":3: the line does not fit --layout words");
    }

    /** A --corpus without a sentence was found only by the training measurement, after the matmul one. */
    @Test
    void aCorpusWithoutSentencesIsRefusedFirst(@TempDir java.nio.file.Path tmp) throws java.io.IOException {
        java.nio.file.Path empty = java.nio.file.Files.writeString(tmp.resolve("empty.txt"), "# nothing yet\n\n");
        assertRefusedBeforeMeasuring(benchmark("--corpus", empty.toString()),
                "--corpus " + empty + " holds no sentences (it is empty, or every line is blank or a # comment)");
    }
}
