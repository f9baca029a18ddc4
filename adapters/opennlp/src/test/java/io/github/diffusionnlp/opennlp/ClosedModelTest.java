package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An OpenNLP user closes the {@link DiffusionModel}; the tools made on it then fail naming that, not the
 * library's DiffusionLM inside it, which they never handled.
 */
class ClosedModelTest {
    @Test
    void toolsOnAClosedModelSayTheDiffusionModelWasClosed() throws Exception {
        SamplingOptions options = SamplingOptions.builder().steps(2).build();
        DiffusionModel model = DiffusionModel.loadDefault();
        InfillerME infiller = new InfillerME(model, options);
        RewriterME rewriter = new RewriterME(model, options, 0.5, KeepSpec.NONE);
        GeneratorME generator = new GeneratorME(model, options);
        String dir = model.getInfo().directory().toString();
        model.close();
        for (Executable call : List.<Executable>of(
                () -> infiller.infill(new String[] {"The", "[MASK]", "."}),
                () -> rewriter.rewrite(new String[] {"The", "dog", "."}),
                () -> generator.generate(1, 4),
                model::getDiffusionLM,
                model::getInfo, // read by tools when they are made: one made now says the model is closed
                () -> new RewriterME(model, options, 0.5, KeepSpec.NONE).rewrite(new String[] {"A", "."}))) {
            // core's type, which a service retries on the model it loaded in this one's place
            ModelClosedException e = assertThrows(ModelClosedException.class, call);
            assertEquals("this DiffusionModel has been closed (model " + dir + "): load the model again to go on",
                    e.getMessage());
        }
        model.close(); // twice is fine
    }

    /**
     * The DiffusionLM {@link DiffusionModel#getDiffusionLM()} handed out is the model's own: a call on it in
     * flight when the model is closed returns its answer (close waits for it, rather than freeing the weights
     * under it), and a call after the close fails with core's clear message, not DJL's.
     */
    @Test
    void theHandedOutDiffusionLMIsClosedWithTheModelAfterItsCallsInFlight() throws Exception {
        SamplingOptions options = SamplingOptions.builder().steps(8).length(8).seed(1).build();
        DiffusionModel model = DiffusionModel.loadDefault();
        DiffusionLM lm = model.getDiffusionLM();
        List<List<String>> expected = lm.generate(2, options);
        String closed = "this DiffusionLM has been closed (model " + lm.name() + "): load the model again to go on";
        AtomicInteger answered = new AtomicInteger();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> outcome = caller.submit(() -> {
                try {
                    while (true) { // until the model is closed under it
                        assertEquals(expected, lm.generate(2, options), "an answer while closing");
                        answered.incrementAndGet();
                    }
                } catch (Throwable e) {
                    return e;
                }
            });
            while (answered.get() == 0) { // the caller has calls going on
                Thread.sleep(5);
            }
            model.close();
            Throwable e = outcome.get();
            assertTrue(e instanceof ModelClosedException, "not a clean failure: " + e);
            assertEquals(closed, e.getMessage());
        } finally {
            caller.shutdownNow();
        }
        ModelClosedException e = assertThrows(ModelClosedException.class, () -> lm.infill(List.of("A", "[MASK]"), options));
        assertEquals(closed, e.getMessage());
    }
}
