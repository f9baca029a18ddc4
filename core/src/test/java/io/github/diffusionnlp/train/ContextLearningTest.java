package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attention path must carry information between positions: on sentences whose second half
 * repeats the first, a masked word of the second half can only be found by reading its twin.
 * A model that ignores context scores about 1/WORDS here.
 */
class ContextLearningTest {
    private static final int WORDS = 20;
    private static final int HALF = 4;

    @Test
    void tinyModelLearnsToCopyFromContext(@TempDir Path dir) throws Exception {
        Random random = new Random(3);
        List<TaggedSentence> corpus = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            corpus.add(sentence(half(random)));
        }
        Path file = dir.resolve("copy.conllu");
        TaggedCorpus.write(file, List.of("synthetic copy task"), corpus);
        Path model = dir.resolve("model");
        TrainOptions options = TrainOptions.builder(file, model).size("tiny").vocabSize(100).maxLength(2 * HALF)
                .batchSize(32).steps(Integer.getInteger("ctx.steps", 400)).learningRate(3e-3).warmupSteps(20).seed(1)
                .checkpointEvery(100000).contextEmbeddings(false).build();
        new DiffusionTrainer(options, new PrintStream(PrintStream.nullOutputStream())).run();

        int right = 0;
        int trials = 100;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(model).build()) {
            List<List<String>> masked = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                List<String> words = new ArrayList<>(sentence(half(random)).words());
                int p = HALF + random.nextInt(HALF);
                expected.add(words.get(p));
                words.set(p, DiffusionLM.MASK);
                masked.add(words);
                positions.add(p);
            }
            List<List<String>> out = lm.infillAll(masked, SamplingOptions.builder().steps(16).seed(5).build());
            for (int t = 0; t < trials; t++) {
                right += out.get(t).get(positions.get(t)).equals(expected.get(t)) ? 1 : 0;
            }
        }
        System.out.println("copy accuracy: " + right + "/" + trials);
        assertTrue(right >= 80, "a masked twin was copied in only " + right + " of " + trials + " sentences");
    }

    private final List<Integer> positions = new ArrayList<>();

    private static List<String> half(Random random) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < HALF; i++) {
            words.add("w" + random.nextInt(WORDS));
        }
        return words;
    }

    private static TaggedSentence sentence(List<String> half) {
        List<String> words = new ArrayList<>(half);
        words.addAll(half);
        return new TaggedSentence(words, Collections.nCopies(words.size(), Upos.X));
    }
}
