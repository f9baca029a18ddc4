package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.api.SamplingOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedModels#closeAll()} (an operator reloading models) while a document is being sampled: the document is
 * annotated again on the model loaded anew, once; it failed with {@link ModelClosedException} before.
 */
class CloseAllDuringADocumentTest {
    /**
     * One sentence of 160 tokens, every fifth a {@code [MASK]}, infilled with {@code suggestions}: two calls of the
     * model, the infill (its five stretches' rounds, the bulk of the time) and then the suggestion pass that reads
     * what it wrote. closeAll waits for the call in flight and the next meets the closed model, so a close during the
     * infill fails the document unless it is annotated again. (A rewrite of such a sentence under {@code syntax=keep}
     * was the example while the annotator rewrote each of its windows in a call of its own, until 2026-12-07, and an
     * infill alone until its rounds became one call, 2026-12-06: a close now waits for all of them.)
     */
    private static final String TEXT;

    static {
        List<String> words = new ArrayList<>();
        String[] filler = {"the", "old", "man", "and", "his", "dog", "walked", "to", "town", "with"};
        for (int i = 0; i < 160; i++) {
            words.add(i % 5 == 4 ? DiffusionLM.MASK : filler[i % filler.length]);
        }
        TEXT = String.join(" ", words);
    }

    private static final Properties PROPS = Pipelines.props("tokenize,ssplit,diffusion", "ssplit.isOneSentence",
            "true", "tokenize.whitespace", "true", "diffusion.task", "infill", "diffusion.suggestions", "3",
            "diffusion.steps", "6");

    @Test
    void aDocumentSampledDuringCloseAllIsAnnotatedAgainOnTheModelLoadedAnew() throws Exception {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(PROPS);
        annotate(pipeline, TEXT); // warm-up: the first document's time is not a sampling time
        long start = System.nanoTime();
        List<String> expected = words(annotate(pipeline, TEXT));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(160, expected.size());
        assertTrue(!expected.contains(DiffusionLM.MASK), "infilled: " + expected);
        // fractions of the sampling time at which to close: the infill before the suggestion pass is the target
        double[] at = {0.3, 0.5, 0.2, 0.6, 0.4, 0.15};
        for (double fraction : at) {
            DiffusionLM used = SharedModels.get(null, null); // the one the pipeline samples from: default model, cpu
            AtomicReference<List<String>> result = new AtomicReference<>();
            AtomicBoolean runningWhenClosed = new AtomicBoolean();
            String log = Pipelines.logOf(() -> {
                CompletableFuture<List<String>> doc = CompletableFuture.supplyAsync(() -> words(annotate(pipeline,
                        TEXT)));
                sleep((long) (millis * fraction));
                SharedModels.closeAll();
                runningWhenClosed.set(!doc.isDone());
                result.set(doc.join()); // without the retry: CompletionException of a ModelClosedException
            });
            assertEquals(expected, result.get(), "the document as annotated with no close (the seeds are fixed)");
            boolean landed = runningWhenClosed.get() && isClosed(used)
                    && log.contains("was closed (SharedModels.closeAll) while this document was sampled");
            if (landed) {
                assertTrue(log.contains("annotator \"diffusion\"") && log.contains("annotating the document again"),
                        log);
                assertTrue(SharedModels.size() >= 1 && !isClosed(SharedModels.get(null, null)),
                        "the model loaded anew is open");
                return;
            }
        }
        fail("closeAll never landed while the document was sampled (" + millis + " ms a document): no attempt"
                + " tested the retry");
    }

    /** A second close, on the run after the first, propagates: the operator closed it again. */
    @Test
    void aSecondCloseOnTheRunAgainPropagates() {
        AtomicInteger runs = new AtomicInteger();
        ModelClosedException second = new ModelClosedException("DiffusionLM", "second");
        ModelClosedException thrown = assertThrows(ModelClosedException.class,
                () -> ConfiguredAnnotator.againIfModelClosed("diffusion", () -> {
                    if (runs.incrementAndGet() == 1) {
                        throw new ModelClosedException("DiffusionLM", "first");
                    }
                    throw second;
                }));
        assertSame(second, thrown);
        assertEquals(2, runs.get(), "run twice, not more");
    }

    /** One close: run again, and what the second run does is the result; its log line names the model. */
    @Test
    void oneCloseRunsItAgainOnceAndSaysSo() {
        List<String> runs = Collections.synchronizedList(new ArrayList<>());
        String log = Pipelines.logOf(() -> ConfiguredAnnotator.againIfModelClosed("diffusion_x", () -> {
            runs.add("run");
            if (runs.size() == 1) {
                throw new ModelClosedException("DiffusionLM", "/models/m1");
            }
        }));
        assertEquals(2, runs.size());
        assertTrue(log.contains("annotator \"diffusion_x\": the model /models/m1 was closed (SharedModels.closeAll)"
                + " while this document was sampled; annotating the document again"), log);
    }

    /** An interrupt (a timed-out request: its caller gave up) or any other failure is not run again. */
    @Test
    void anInterruptIsNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException interrupted = new IllegalStateException("interrupted while waiting for sampling");
        assertSame(interrupted, assertThrows(IllegalStateException.class, () -> ConfiguredAnnotator
                .againIfModelClosed("diffusion", () -> {
                    runs.incrementAndGet();
                    throw interrupted;
                })));
        assertEquals(1, runs.get());
    }

    private static boolean isClosed(DiffusionLM lm) {
        try {
            lm.generate(1, SamplingOptions.builder().steps(1).length(3).build());
            return false;
        } catch (ModelClosedException e) {
            return true;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
