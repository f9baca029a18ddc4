package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once its rows are packed a run holds no sentence: the loop trains on the packed rows, which take a fraction of the
 * sentences' memory (in the loop of a tiny run on Brown's training and dev splits, 13.5 MB of the heap is live where
 * it was 30.5 MB with the sentences: docs/cli.md, <i>Corpus layouts</i>).
 */
class SentencesLetGoTest {
    @Test
    void noSentenceIsReachableOnceTheLoopRuns(@TempDir Path tmp) throws Exception {
        List<Boolean> collectedAtStep = new ArrayList<>();
        List<WeakReference<TaggedSentence>> sentences = new ArrayList<>();
        DiffusionTrainer trainer = trainerOnSentencesReadBeforehand(tmp.resolve("model"), sentences, line -> {
            if (line.startsWith("step ") && collectedAtStep.isEmpty()) {
                System.gc(); // a full collection with G1: a weakly reachable sentence is cleared
                collectedAtStep.add(sentences.stream().allMatch(s -> s.get() == null));
            }
        });
        trainer.run();
        assertEquals(List.of(true), collectedAtStep, "no sentence of the corpus was left reachable by the loop");
    }

    /** A trainer on sentences read here, of which {@code sentences} gets weak references only. */
    private static DiffusionTrainer trainerOnSentencesReadBeforehand(Path out, List<WeakReference<TaggedSentence>>
            sentences, java.util.function.Consumer<String> lines) throws IOException {
        TrainOptions options = TestModels.tinyRun(out, 1, false, null, 0);
        TaggedCorpus.Read read = TaggedCorpus.readAs(options.corpus(), options.corpusReading(null), null,
                LayoutOption.COMMAND_LINE);
        read.sentences().forEach(s -> sentences.add(new WeakReference<>(s)));
        assertNotNull(sentences.get(0).get());
        return new DiffusionTrainer(options, read, new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines.accept(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }
}
