package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link SharedModels#closeAll}: the pipelines made before it, and a model being loaded at the same time. */
class SharedModelsTest {

    @Test
    void pipelinesMadeBeforeCloseAllLoadTheModelAgain() {
        Properties props = Pipelines.props("tokenize,ssplit,diffusion", "diffusion.steps", "1");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        List<String> before = words(annotate(pipeline, "The [MASK] was late."));
        SharedModels.closeAll();
        // the same pipeline, and a new one with the same properties (its own annotator, on the shared model)
        assertEquals(before, words(annotate(pipeline, "The [MASK] was late.")));
        assertEquals(before, words(annotate(new StanfordCoreNLP(props), "The [MASK] was late.")));
        assertEquals(1, SharedModels.size(), "loaded again once");
    }

    /**
     * Two spellings of one model directory (here a symbolic link to it) are one model: keyed by the normalized path
     * as written, each spelling loaded the model again (the security audit h130 grew a server by ~55 MB a request
     * with /proc/self/root/... prefixes).
     */
    @Test
    void aLinkToAModelDirectoryIsTheSameModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link"),
                TestModels.tinyModel().toAbsolutePath());
        assertSame(SharedModels.get(TestModels.tinyModel(), null), SharedModels.get(link, null));
    }

    /** Two annotator names on one model and n-gram corpus share it, each naming its own property in errors. */
    @Test
    void annotatorsOfOtherNamesShareTheModel() {
        java.nio.file.Path corpus = java.nio.file.Path.of("../test-data/brown/dev.conllu.gz");
        DiffusionLM first = SharedModels.get(TestModels.tinyModel(), null, null, corpus, null, null,
                LayoutOption.property("diffusion.ngramLayout"));
        assertSame(first, SharedModels.get(TestModels.tinyModel(), null, null, corpus, null, null,
                LayoutOption.property("diffusion_fr.ngramLayout")), "one model loaded twice");
    }

    /**
     * {@code auto} (or no device) and the device it resolves to name one model: keyed by the name as given, a CPU
     * machine loaded the shipped model twice for {@code auto} and {@code cpu} (resident memory 407 → 575 MB).
     */
    @Test
    void autoAndTheDeviceItResolvesToShareOneModel() {
        String resolved = Devices.name(Engine.getInstance().defaultDevice()); // cpu here, gpu:0 on a GPU machine
        DiffusionLM auto = SharedModels.get(null, null);
        int loaded = SharedModels.size();
        assertSame(auto, SharedModels.get(null, resolved), "null and " + resolved + " loaded the model twice");
        assertSame(auto, SharedModels.get(null, "auto"));
        assertSame(auto, SharedModels.get(null, " " + resolved.toUpperCase(java.util.Locale.ROOT) + " "));
        assertEquals(loaded, SharedModels.size(), "no second model");
    }

    /**
     * A reading without a corpus is refused before anything loads, as the annotator refuses NAME.ngramLayout
     * without NAME.ngramCorpus: it would have applied to the model's own corpus, which is read as its config.json
     * records it was.
     */
    @Test
    void aReadingWithoutACorpusIsRefused() {
        int loaded = SharedModels.size();
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class, () -> SharedModels.get(
                null, null, null, null, CorpusLayout.PLAIN, null));
        assertTrue(layout.getMessage().contains("ngramLayout plain") && layout.getMessage().contains("config.json"),
                layout.getMessage());
        IllegalArgumentException multiword = assertThrows(IllegalArgumentException.class, () -> SharedModels.get(
                null, null, null, null, null, MultiwordTokens.SURFACE));
        assertTrue(multiword.getMessage().contains("ngramMultiword surface"), multiword.getMessage());
        // only what was given is named: not "ngramLayout null and ngramMultiword surface"
        assertFalse(layout.getMessage().contains("null") || multiword.getMessage().contains("null"),
                layout.getMessage() + " / " + multiword.getMessage());
        assertEquals(loaded, SharedModels.size(), "nothing loaded");
    }

    @Test
    void closeAllDuringALoadNeitherDropsTheLoadedModelNorClosesWhatItLeaves() throws Exception {
        String key = "closeAll-race-" + System.nanoTime();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<DiffusionLM> loaded = CompletableFuture.supplyAsync(() -> SharedModels.shared(key, () -> {
            loading.countDown();
            await(release);
            return shippedModel();
        }));
        assertTrue(loading.await(1, TimeUnit.MINUTES));
        Thread closer = new Thread(SharedModels::closeAll, "closeAll");
        closer.start();
        // let closeAll get as far as it can while the load is in progress: either done, or blocked on the map
        while (closer.getState() != Thread.State.TERMINATED && closer.getState() != Thread.State.BLOCKED) {
            Thread.sleep(5);
        }
        release.countDown();
        closer.join(60_000);
        DiffusionLM lm = loaded.get(1, TimeUnit.MINUTES);
        try {
            // the load finished after closeAll looked at the map: the model must be the shared one (not
            // dropped from the map unclosed, a native leak and a second load on the next get) and open
            assertSame(lm, SharedModels.shared(key, SharedModelsTest::shippedModel),
                    "the model loaded during closeAll is still the shared one");
            assertTrue(isOpen(lm), "a model closeAll did not remove is not closed");
        } finally {
            SharedModels.closeAll();
        }
        assertTrue(!isOpen(lm), "closeAll closes what it removes");
    }

    /**
     * A server request loading a model held the lock every request's model lookup took, for the seconds of the load:
     * requests for a model already loaded, and for another new one, waited behind it. Two requests for the same new
     * model still load it once. The slow load is the shipped model's, held back by a latch until the others are done.
     */
    @Test
    void requestsDoNotWaitForTheLoadOfAnotherModel() throws Exception {
        SharedModels.closeAll(); // none loaded for requests before this test's: the limit (4) is not in the way
        ServerLimits limits = ServerLimits.fromSystemProperties();
        DiffusionLM tiny = forRequest(null, limits);
        String slowKey = "slow-load-" + System.nanoTime();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        Supplier<DiffusionLM> slowLoad = () -> {
            loads.incrementAndGet();
            loading.countDown();
            await(release);
            return shippedModel();
        };
        ExecutorService requests = Executors.newFixedThreadPool(4); // the common pool has 1 thread on 2 cores
        try {
            Future<DiffusionLM> first = requests.submit(() -> SharedModels.sharedForRequests(slowKey, slowLoad,
                    "diffusion", limits));
            assertTrue(loading.await(1, TimeUnit.MINUTES));
            Future<DiffusionLM> second = requests.submit(() -> SharedModels.sharedForRequests(slowKey, slowLoad,
                    "diffusion", limits));
            try {
                assertSame(tiny, requests.submit(() -> forRequest(null, limits)).get(30, TimeUnit.SECONDS),
                        "a request for a loaded model waited for another model's load");
                DiffusionLM other = requests.submit(() -> forRequest(Set.of("late"), limits)).get(2, TimeUnit.MINUTES);
                assertNotSame(tiny, other, "other banned words are another model, loaded meanwhile");
            } catch (TimeoutException e) {
                throw new AssertionError("a request waited for another model's load", e);
            } finally {
                release.countDown();
            }
            DiffusionLM slow = first.get(2, TimeUnit.MINUTES);
            assertSame(slow, second.get(2, TimeUnit.MINUTES), "the same model for both requests");
            assertEquals(1, loads.get(), "two requests for one new model load it once");
        } finally {
            requests.shutdownNow();
            SharedModels.closeAll();
        }
    }

    private static DiffusionLM forRequest(Set<String> bannedWords, ServerLimits limits) {
        return SharedModels.get(TestModels.tinyModel(), null, null, null, null, null, LayoutOption.LIBRARY,
                bannedWords, "diffusion", limits);
    }

    private static DiffusionLM shippedModel() {
        try {
            return DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isOpen(DiffusionLM lm) {
        try {
            lm.generate(1, SamplingOptions.builder().steps(1).length(3).build());
            return true;
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("has been closed"), e.getMessage());
            return false;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(1, TimeUnit.MINUTES));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
