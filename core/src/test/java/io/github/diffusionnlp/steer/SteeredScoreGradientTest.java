package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.runtime.Autograd;
import io.github.diffusionnlp.sample.GuidanceScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steering calls both shipped scorers inside a gradient collector, x a leaf that records its gradient (as {@link
 * io.github.diffusionnlp.sample.PlugAndPlay} does): their score and x's gradient must be, bit for bit, those of the
 * word posteriors written out as fresh arrays, {@code x.matMul(tableT).sub(halfSquaredNorms).mul(1 / σ²).softmax(2)}
 * then each scorer's own arithmetic, on the shipped model's table; and the arguments must be left as they were. The
 * graph path may do in place what autograd allows, never reorder the arithmetic.
 */
class SteeredScoreGradientTest {
    @TempDir
    Path dir;

    @Test
    void bothScorersGiveTheFreshFormulasScoreAndGradientBitForBit() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optBatching(0, Duration.ZERO).build();
                LexiconSentimentScorer lexicon = LexiconSentimentScorer.of(lm);
                NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(13);
            NDArray table = lm.embeddingTable(m); // (V, d)
            int vocabulary = (int) table.getShape().get(0);
            int len = lm.info().config().maxLength();
            NDArray ids = m.randomInteger(2, 3000, new Shape(3 * len), DataType.INT64);
            NDArray x = table.get(new NDIndex("{}", ids)).reshape(3, len, -1)
                    .add(m.randomNormal(new Shape(3, len, table.getShape().get(1))).mul(0.4f));
            NDArray sigma = m.create(new float[] {0.3f, 1f, 4f});
            NDArray generated = m.ones(new Shape(3, len, 1));
            generated.set(new NDIndex("1, 5:"), 0f);
            NDArray tableT = table.transpose().duplicate();
            NDArray halfSquaredNorms = table.square().sum(new int[] {1}).div(2f);
            float[][] before = {x.toFloatArray(), sigma.toFloatArray(), generated.toFloatArray()};

            // the lexicon: the expected AFINN value of each generated position's word
            SentimentLabeller afinn = SentimentLabeller.afinn();
            float[] valence = new float[vocabulary];
            for (int id = 0; id < vocabulary; id++) {
                valence[id] = afinn.valence(lm.vocabulary().word(id));
            }
            NDArray positive = m.create(valence).reshape(-1, 1);
            for (Sentiment target : Sentiment.values()) {
                NDArray value = switch (target) {
                    case POSITIVE -> positive;
                    case NEGATIVE -> positive.neg();
                    case NEUTRAL -> positive.abs().neg();
                };
                GuidanceScorer scorer = lexicon.toward(target);
                float[][] expected = scoreAndGradient(m, x, leaf -> fresh(leaf, sigma, tableT, halfSquaredNorms)
                        .matMul(value).mul(generated).sum(new int[] {1, 2}));
                float[][] actual = scoreAndGradient(m, x, leaf -> scorer.score(leaf, sigma, generated));
                assertArrayEquals(expected[0], actual[0], 0f, "lexicon score toward " + target);
                assertArrayEquals(expected[1], actual[1], 0f, "lexicon gradient toward " + target);
            }

            // the probe: log p(target | bag), a probe of random weights over the shipped model's table
            NDArray wordWeights = m.randomNormal(new Shape(vocabulary, Sentiment.values().length));
            NDArray bias = m.randomNormal(new Shape(Sentiment.values().length));
            Path file = dir.resolve("probe.ndlist");
            Files.write(file, new NDList(tableT, wordWeights, bias).encode());
            float[] isWord = new float[vocabulary];
            Arrays.fill(isWord, 1f);
            isWord[Vocabulary.PAD_ID] = 0f;
            NDArray counted = m.create(isWord);
            // the probe's arrays as it reads them (its table contiguous, not tableT's transposed strides), its
            // ‖e_w‖² / 2 summed as it sums them
            NDList read = NDList.decode(m, Files.readAllBytes(file));
            NDArray probeTableT = read.get(0);
            NDArray probeHalfSquaredNorms = probeTableT.square().sum(new int[] {0}).div(2f);
            try (NoisySentimentClassifier probe = NoisySentimentClassifier.load(file)) {
                for (Sentiment target : Sentiment.values()) {
                    GuidanceScorer scorer = probe.toward(target);
                    float[][] expected = scoreAndGradient(m, x, leaf -> fresh(leaf, sigma, probeTableT,
                            probeHalfSquaredNorms).sum(new int[] {1}).mul(counted).matMul(read.get(1))
                            .add(read.get(2)).logSoftmax(1).get(new NDIndex(":, " + target.ordinal())));
                    float[][] actual = scoreAndGradient(m, x, leaf -> scorer.score(leaf, sigma, generated));
                    assertArrayEquals(expected[0], actual[0], 0f, "probe score toward " + target);
                    assertArrayEquals(expected[1], actual[1], 0f, "probe gradient toward " + target);
                }
            }

            float[][] after = {x.toFloatArray(), sigma.toFloatArray(), generated.toFloatArray()};
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "argument " + i);
            }
        }
    }

    /** The word posteriors as they were written before any step ran in place: each a fresh array. */
    private static NDArray fresh(NDArray x, NDArray sigma, NDArray tableT, NDArray halfSquaredNorms) {
        NDArray inverseVariance = sigma.square().pow(-1f).reshape(-1, 1, 1);
        return x.matMul(tableT).sub(halfSquaredNorms).mul(inverseVariance).softmax(2);
    }

    /**
     * The score (B) of a copy of {@code x} as a leaf that records its gradient, and that leaf's gradient of the
     * summed score, read inside a gradient collector as steering reads it.
     */
    private static float[][] scoreAndGradient(NDManager m, NDArray x, UnaryOperator<NDArray> score) {
        try (NDManager step = m.newSubManager()) {
            NDArray leaf = x.duplicate();
            leaf.attach(step);
            leaf.setRequiresGradient(true);
            float[] values;
            Autograd.COLLECTOR.lock();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray s = score.apply(leaf);
                values = s.toFloatArray();
                collector.backward(s.sum());
            } finally {
                Autograd.COLLECTOR.unlock();
            }
            return new float[][] {values, leaf.getGradient().toFloatArray()};
        }
    }
}
