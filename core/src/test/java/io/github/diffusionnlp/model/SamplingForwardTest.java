package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The folded sampling pass computes what the network's own forward pass computes. */
class SamplingForwardTest {

    @ParameterizedTest
    @ValueSource(strings = {"shipped", "tiny"}) // shipped: relative positions, trained conditions; tiny: neither
    void matchesTheNetworksForwardPass(String which) throws IOException {
        Path dir = which.equals("shipped") ? TestModels.shippedModel() : TestModels.tinyModel();
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionTransformer network = ModelCheckpoint.load(dir, manager).network();
            ParameterStore ps = new ParameterStore(manager, false);
            ModelConfig c = network.config();
            int batch = 3;
            int len = Math.min(32, c.maxLength());
            Random random = new Random(1);
            float[] given = new float[batch * len];
            long[] upos = new long[batch * len];
            for (int i = 0; i < given.length; i++) {
                given[i] = random.nextInt(3) == 0 ? 1f : 0f;
                upos[i] = random.nextInt(Conditioning.UPOS_IDS);
            }
            NDArray givenArr = manager.create(given, new Shape(batch, len));
            NDArray sentiment = manager.create(new long[] {Conditioning.NONE, 1, Conditioning.SENTIMENT_IDS - 1});
            NDArray uposArr = manager.create(upos, new Shape(batch, len));
            double[] sigmas = {c.sigmaMax(), 20.0, 1.5};
            SamplingForward.Call call = new SamplingForward(network, ps).start(sigmas, givenArr, sentiment, uposArr);
            for (int step = 0; step < sigmas.length; step++) {
                NDArray x = manager.randomNormal(new Shape(batch, len, c.dim())).mul((float) sigmas[step]);
                NDArray selfCond = step == 0 ? manager.zeros(x.getShape()) : manager.randomNormal(x.getShape());
                NDArray sigma = manager.full(new Shape(batch), (float) sigmas[step]);
                NDArray expected = network.forward(ps, new NDList(x, sigma, givenArr, selfCond, sentiment, uposArr), false)
                        .singletonOrThrow().reshape(-1, c.dim());
                NDArray actual = call.features(step, x, selfCond);
                assertTrue(actual.getDataType() == DataType.FLOAT32);
                float scale = expected.abs().max().getFloat();
                float error = actual.sub(expected).abs().max().getFloat();
                assertTrue(error <= 1e-4f * scale, which + " step " + step + ": max error " + error + " at scale " + scale);
            }
        }
    }
}
