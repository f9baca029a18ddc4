package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}'s memory checks before its first step, under -Xmx64m (audit h180): a corpus and its dev split are
 * counted together, and the context embeddings' word pairs are counted before they are built. Each file here is
 * 200,000 sentences of 7 words (5 MB of plain text): as a training corpus 41 MB of sentences and packed rows, which
 * fits the heap alone.
 */
class TrainingMemoryTest {
    /**
     * A dev split beside the training corpus: 32 MB more, which the heap does not hold. Each file was checked as if
     * it were read alone, and both passed.
     */
    @Test
    void aCorpusAndItsDevSplitThatFitOnlyApartAreRefused(@TempDir Path tmp) throws Exception {
        Path train = sentences(tmp.resolve("train.txt"), 1);
        Path dev = sentences(tmp.resolve("dev.txt"), 2);
        ChildJvm.Run run = train(tmp, "--corpus", train.toString(), "--dev", dev.toString(),
                "--no-context-embeddings");
        assertEquals(1, run.code(), run.said());
        Matcher refusal = Pattern.compile("error: " + Pattern.quote(dev.toString()) + ":[0-9]+: by this line the"
                + " corpus holds at least [0-9,]+ words in [0-9,]+ sentences \\(counted as its lines are checked, before"
                + " they are parsed\\) beside the 39 MB held for the training corpus " + Pattern.quote(train.toString())
                + ", more than the [0-9]+ MB Java may use here holds while they are used \\(about 10 bytes a word and"
                + " 90 a sentence\\); the whole file would take about 30 MB \\(at the share of its bytes read so far\\):"
                + " give Java -Xmx192m or more \\(java -Xmx192m \\.\\.\\.\\), or use a part of the corpus")
                .matcher(run.said());
        assertTrue(refusal.find(), run.said());
    }

    /**
     * The context embeddings of the corpus (its 4.4 million word pairs at 8 bytes, and its words as ids) take 42 MB
     * beside the 30 MB its sentences hold: refused before they are built, naming the -Xmx and --no-context-embeddings,
     * where the run ran out of memory building them.
     */
    @Test
    void contextEmbeddingsThatTheHeapCannotHoldAreRefusedBeforeTheyAreBuilt(@TempDir Path tmp) throws Exception {
        Path train = sentences(tmp.resolve("train.txt"), 1);
        ChildJvm.Run run = train(tmp, "--corpus", train.toString());
        assertEquals(1, run.code(), run.said());
        assertTrue(run.said().contains("error: " + train + ": the context embeddings (--context-embeddings) of its"
                + " 1,400,000 words take about 42 MB while they are built (the words as ids, then their 4,400,000 word"
                + " pairs at 8 bytes each or the SVD of a 1,002-word vocabulary), beside the 30 MB its sentences hold:"
                + " more than the "), run.said());
        assertTrue(run.said().contains(" MB Java may use here; give Java -Xmx192m or more (java -Xmx192m ...), or"
                + " start the word embeddings at random (--no-context-embeddings)\n"), run.said());
    }

    /** {@code train} under -Xmx64m, a tiny model for one step, into a directory of {@code tmp}. */
    private static ChildJvm.Run train(Path tmp, String... corpus) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--out", tmp.resolve("model").toString(),
                "--size", "tiny", "--steps", "1", "--vocab", "2000"));
        args.addAll(List.of(corpus));
        return ChildJvm.run(ChildJvm.command(List.of("-Xmx64m"), Main.class, args.toArray(String[]::new)), "",
                Duration.ofSeconds(120));
    }

    /** 200,000 lines of 7 words drawn from 1,000 ({@code seed}). */
    private static Path sentences(Path file, long seed) throws Exception {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200_000; i++) {
                for (int w = 0; w < 7; w++) {
                    out.write((w == 0 ? "" : " ") + "w" + random.nextInt(1000));
                }
                out.write('\n');
            }
        }
        return file;
    }
}
