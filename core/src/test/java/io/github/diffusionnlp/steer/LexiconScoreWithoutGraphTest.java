package io.github.diffusionnlp.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.GuidanceScorer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Read outside a gradient collector (PyTorch's grad mode off), {@link LexiconSentimentScorer}'s score frees its
 * (B, L, V) arrays once read; with grad mode on (steering) it keeps the posteriors for the graph. Both must give the
 * same score bit for bit, on the shipped model, and leave the arguments alone.
 */
class LexiconScoreWithoutGraphTest {
    @Test
    void theScoreWithoutAGraphIsTheGraphsBitForBitAndLeavesItsArgumentsAlone() throws Exception {
        try (DiffusionLM lm = DiffusionLM.builder().optBatching(0, Duration.ZERO).build();
                LexiconSentimentScorer lexicon = LexiconSentimentScorer.of(lm);
                NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            NDArray table = lm.embeddingTable(m);
            int len = lm.info().config().maxLength();
            NDArray ids = m.randomInteger(2, 3000, new Shape(3 * len), ai.djl.ndarray.types.DataType.INT64);
            NDArray x = table.get(new NDIndex("{}", ids)).reshape(3, len, -1)
                    .add(m.randomNormal(new Shape(3, len, table.getShape().get(1))).mul(0.4f));
            NDArray sigma = m.create(new float[] {0.3f, 1f, 4f});
            NDArray generated = m.ones(new Shape(3, len, 1));
            generated.set(new NDIndex("1, 5:"), 0f);
            float[][] before = {x.toFloatArray(), sigma.toFloatArray(), generated.toFloatArray()};
            for (Sentiment target : Sentiment.values()) {
                GuidanceScorer scorer = lexicon.toward(target);
                boolean was = JniUtils.isGradMode();
                float[] withGraph;
                JniUtils.setGradMode(true);
                try {
                    withGraph = scorer.score(x, sigma, generated).toFloatArray();
                } finally {
                    JniUtils.setGradMode(was);
                }
                JniUtils.setGradMode(false);
                float[] withoutGraph;
                try {
                    withoutGraph = scorer.score(x, sigma, generated).toFloatArray();
                } finally {
                    JniUtils.setGradMode(was);
                }
                assertArrayEquals(withGraph, withoutGraph, 0f, target.name());
            }
            float[][] after = {x.toFloatArray(), sigma.toFloatArray(), generated.toFloatArray()};
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f, "argument " + i);
            }
        }
    }
}
