package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library API on the shipped default model. */
class DiffusionLMTest {
    private static final String M = DiffusionLM.MASK;
    private static DiffusionLM lm;

    @BeforeAll
    static void load() throws Exception {
        lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static SamplingOptions steps(int steps, long seed) {
        return SamplingOptions.builder().steps(steps).seed(seed).build();
    }

    private static List<String> tokens(String s) {
        return Arrays.asList(s.split(" "));
    }

    @Test
    void fillsEveryMaskWithOneWordAndKeepsEverythingElse() {
        List<String> in = tokens("The [MASK] of the Zyzzogeton committee [MASK] on Friday .");
        List<String> out = lm.infill(in, steps(8, 1));
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).equals(M)) {
                String w = out.get(i);
                assertFalse(w.isBlank() || w.contains(" ") || w.equals(M) || w.equals(Vocabulary.PAD)
                        || w.equals(Vocabulary.UNK), "bad fill: " + w);
            } else {
                assertEquals(in.get(i), out.get(i)); // unknown words included
            }
        }
    }

    @Test
    void sameSeedSameOutputAndSeedsMatter() {
        List<String> in = tokens("[MASK] [MASK] [MASK] said that the [MASK] was [MASK] .");
        SamplingOptions sampled = steps(8, 5).toBuilder().temperature(1).build();
        assertEquals(lm.infill(in, sampled), lm.infill(in, sampled));
        List<List<String>> outs = new ArrayList<>();
        for (long seed = 0; seed < 4; seed++) {
            outs.add(lm.infill(in, sampled.toBuilder().seed(seed).build()));
        }
        assertTrue(outs.stream().distinct().count() > 1, "four seeds gave one answer: " + outs);
    }

    /**
     * Seeds a little apart share no sentence (with seed + i, as until 2026-12-06, seed 2's first sentence was seed 1's
     * second), and a run cut into calls with {@link SamplingOptions#startingAt} gives what one call does.
     */
    @Test
    void nearbySeedsShareNoSentenceAndARunCutIntoCallsIsOneCall() {
        SamplingOptions seed1 = steps(4, 1).toBuilder().length(8).build();
        List<List<String>> one = lm.generate(3, seed1);
        List<List<String>> two = lm.generate(3, seed1.toBuilder().seed(2).build());
        for (List<String> s : two) {
            assertFalse(one.contains(s), "seed 2 gave seed 1's " + s);
        }
        assertEquals(one.get(0), lm.generate(1, seed1).get(0), "sentence 0 keeps the seed");
        assertEquals(one.subList(1, 3), lm.generate(2, seed1.startingAt(1)));
    }

    @Test
    void temperatureZeroIgnoresTheSeed() {
        List<String> in = tokens("The [MASK] said that the [MASK] was late .");
        SamplingOptions greedy = steps(6, 1).toBuilder().temperature(0).build();
        assertEquals(lm.infill(in, greedy), lm.infill(in, greedy.toBuilder().seed(99).build()));
        // infilling's default is greedy; generation's is to sample
        assertTrue(steps(6, 1).temperature().isEmpty());
        assertEquals(lm.infill(in, greedy), lm.infill(in, steps(6, 1)));
        assertNotEquals(lm.generate(2, steps(6, 1)), lm.generate(2, greedy));
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().temperature(1.5));
    }

    @Test
    void batchingDoesNotChangeResults() {
        List<List<String>> sentences = List.of(tokens("He [MASK] home ."), tokens("The [MASK] is red ."),
                tokens("[MASK] [MASK] [MASK] ."));
        List<List<String>> batched = lm.infillAll(sentences, steps(8, 3).toBuilder().batchSize(3).build());
        List<List<String>> single = lm.infillAll(sentences, steps(8, 3).toBuilder().batchSize(1).build());
        assertEquals(single, batched);
    }

    @Test
    void edgeCases() {
        assertEquals(List.of(), lm.infill(List.of(), steps(4, 0)));
        List<String> noMask = tokens("Nothing to do here .");
        assertEquals(noMask, lm.infill(noMask, steps(4, 0)));
        List<String> odd = tokens("naïve 東京 \u200b [MASK] 🙂 .");
        List<String> out = lm.infill(odd, steps(4, 0));
        assertEquals(odd.size(), out.size());
        assertEquals("東京", out.get(1));
        // longer than the model: filled stretch by stretch, nothing lost
        List<String> longSentence = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            longSentence.add(i % 10 == 5 ? M : "word" + i);
        }
        List<String> filled = lm.infill(longSentence, steps(2, 0));
        assertEquals(150, filled.size());
        assertFalse(filled.contains(M));
        assertEquals("word149", filled.get(149));
        // a long run of masks: each stretch reads the words chosen before it, so no window repeats another
        List<String> allMasks = lm.infill(Collections.nCopies(130, M), steps(2, 0));
        assertEquals(130, allMasks.size());
        assertFalse(allMasks.contains(M));
        assertNotEquals(allMasks.subList(0, 16), allMasks.subList(64, 80), String.join(" ", allMasks));
    }

    @Test
    void nullInputsAreNamed() {
        SamplingOptions o = steps(2, 0);
        assertEquals("tokens", assertThrows(NullPointerException.class, () -> lm.infill(null, o)).getMessage());
        assertEquals("sentence 1 is null", assertThrows(NullPointerException.class,
                () -> lm.infillAll(Arrays.asList(tokens("a [MASK] b"), null), o)).getMessage());
        assertEquals("token 1 of sentence 0 is null", assertThrows(NullPointerException.class,
                () -> lm.infillAll(List.of(Arrays.asList("The", null, M)), o)).getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> lm.generate(1, Constraints.none(), null))
                .getMessage().startsWith("options"));
        assertEquals("sentences", assertThrows(NullPointerException.class,
                () -> lm.rewriteAll(null, List.of(), 0.5, Constraints.none(), o)).getMessage());
        assertEquals("POS template", assertThrows(NullPointerException.class,
                () -> Constraints.parseTemplate(null)).getMessage());
    }

    @Test
    void rewriteKeepsLengthAndKeptTokensAndStrengthSetsHowMuchChanges() {
        List<List<String>> sentences = List.of(
                tokens("The committee said on Friday that the report was late ."),
                tokens("He went to the city to see his brother and his mother ."),
                tokens("It was a long day , and the men were tired of the work ."),
                tokens("Mrs. Smith Zyzzogeton told the jury that the money had been spent ."));
        List<boolean[]> keep = new ArrayList<>();
        for (List<String> s : sentences) {
            boolean[] k = new boolean[s.size()];
            k[0] = true;
            k[s.size() - 1] = true;
            keep.add(k);
        }
        SamplingOptions options = steps(8, 4);
        List<List<String>> light = lm.rewriteAll(sentences, keep, 0.2, options);
        List<List<String>> full = lm.rewriteAll(sentences, keep, 1.0, options);
        int changedLight = 0;
        int changedFull = 0;
        for (int i = 0; i < sentences.size(); i++) {
            List<String> in = sentences.get(i);
            for (List<String> out : List.of(light.get(i), full.get(i))) {
                assertEquals(in.size(), out.size());
                assertEquals(in.get(0), out.get(0));
                assertEquals(in.get(in.size() - 1), out.get(out.size() - 1));
                assertFalse(out.contains(Vocabulary.PAD) || out.contains(Vocabulary.UNK), out.toString());
            }
            for (int j = 0; j < in.size(); j++) {
                changedLight += in.get(j).equals(light.get(i).get(j)) ? 0 : 1;
                changedFull += in.get(j).equals(full.get(i).get(j)) ? 0 : 1;
            }
        }
        assertTrue(changedLight < changedFull, "strength 0.2 changed " + changedLight + " tokens, 1.0 changed "
                + changedFull);
        assertEquals(light, lm.rewriteAll(sentences, keep, 0.2, options)); // seeded
        assertEquals(List.of(), lm.rewrite(List.of(), null, 0.5, options));
        assertThrows(IllegalArgumentException.class, () -> lm.rewrite(tokens("a b"), null, 0, options));
        assertThrows(IllegalArgumentException.class, () -> lm.rewrite(tokens("a b"), new boolean[3], 0.5, options));
    }

    @Test
    void generatesSentencesOfTheAskedLength() {
        List<List<String>> fixed = lm.generate(3, steps(8, 2).toBuilder().length(7).build());
        assertEquals(3, fixed.size());
        for (List<String> s : fixed) {
            assertEquals(7, s.size(), s.toString());
            assertFalse(s.contains(Vocabulary.UNK));
        }
        assertEquals(fixed, lm.generate(3, steps(8, 2).toBuilder().length(7).build()));
        assertNotEquals(fixed.get(0), fixed.get(1));
        List<List<String>> free = lm.generate(2, steps(8, 2));
        assertTrue(free.stream().allMatch(s -> s.size() <= lm.info().config().maxLength() && !s.contains(Vocabulary.PAD)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lm.generate(1, steps(8, 2).toBuilder().length(65).build()));
        assertTrue(e.getMessage().contains("65"));
    }

    @Test
    void threadsShareOneModelAndGetTheirOwnAnswers() throws Exception {
        List<List<String>> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(tokens("The " + (i % 2 == 0 ? "old" : "young") + " man [MASK] the [MASK] ."));
        }
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            expected.add(lm.infill(inputs.get(i), steps(6, i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                int k = i;
                futures.add(pool.submit(() -> lm.infill(inputs.get(k), steps(6, k))));
            }
            for (int i = 0; i < inputs.size(); i++) {
                assertEquals(expected.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void holdsNoArraysBetweenCalls() {
        lm.infill(tokens("A [MASK] day ."), steps(2, 0));
        int before = lm.liveArrays();
        for (int i = 0; i < 100; i++) {
            lm.infill(tokens("A [MASK] day ."), steps(2, i));
        }
        assertEquals(before, lm.liveArrays());
    }

    /**
     * Guidance, templates, lexical masks, re-ranking, rewrites, fusion and suggestions each run extra passes; a
     * rewrite under a masked sentence's own tags fills its masks, calls the tagger of filled words and rewrites, and
     * a tagger that fails there (giving one tag too few) ends the call between the two samplings.
     */
    @Test
    void constrainedCallsHoldNoArraysBetweenCalls() {
        Constraints positive = new Constraints(Sentiment.POSITIVE,
                Constraints.parseTemplate("DET ADJ NOUN VERB ADV PUNCT"), 3.0).withLexical(true).withCandidates(2);
        Constraints negative = new Constraints(Sentiment.NEGATIVE, null, 2.0);
        List<String> sentence = tokens("The old house on the hill was quiet .");
        boolean[] keep = new boolean[sentence.size()];
        keep[2] = true;
        SamplingOptions fused = steps(2, 0).toBuilder().ngramWeight(0.7).build();
        List<String> longer = longSentence(lm.info().config().maxLength() + 37);
        List<String> masked = tokens("The old [MASK] on the hill was quiet .");
        List<Upos> own = Constraints.parseTemplate("DET ADJ NOUN ADP DET NOUN AUX ADJ PUNCT");
        List<Constraints> ownTags = List.of(negative.withTemplate(own));
        List<boolean[]> keepNothing = Collections.singletonList(null);
        Runnable calls = () -> {
            lm.generate(2, positive, steps(2, 0));
            lm.rewriteAll(List.of(sentence), List.of(keep), 0.7, negative, steps(2, 0));
            lm.rewriteAll(List.of(masked), keepNothing, 0.7, ownTags, steps(2, 0), SentenceNaming.BATCH,
                    FilledTagging.by((i, w) -> own).replacingTemplates());
            assertThrows(IllegalStateException.class, () -> lm.rewriteAll(List.of(masked), keepNothing, 0.7, ownTags,
                    steps(2, 0), SentenceNaming.BATCH,
                    FilledTagging.by((i, w) -> own.subList(1, own.size())).replacingTemplates()));
            lm.infill(tokens("A [MASK] day ."), fused);
            lm.suggest(tokens("A [MASK] day [MASK]"), 5);
            lm.suggest(tokens("A [MASK] day [MASK]"), Constraints.none(), fused, 5);
            lm.suggest(tokens("A [MASK] day [MASK]"), positive.withTemplate(Constraints.parseTemplate("DET ADJ NOUN"
                    + " PUNCT")).withCandidates(1), 5); // guided, tagged, lexical
            lm.suggest(longer, 5); // longer than the model: read in windows of its whole length
            lm.infill(longer, steps(2, 0));
        };
        calls.run();
        int before = lm.liveArrays();
        for (int i = 0; i < 20; i++) {
            calls.run();
        }
        assertEquals(before, lm.liveArrays());
    }

    /** {@code n} tokens with a mask near the start, one in the middle and one at the end. */
    private static List<String> longSentence(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(i % 8 == 7 ? "." : List.of("the", "committee", "said", "that", "report", "was", "late").get(i % 8));
        }
        s.set(2, M);
        s.set(n / 2, M);
        s.set(n - 2, M);
        return s;
    }

    /**
     * What liveArrays gains after a model's load is its relative-position cache alone: one bias per layer for each
     * width rows are computed at (a multiple of 16 up to the model's length, Sampler.width), built by the first call
     * that computes a row at that width and kept. The first suggest of a sentence longer than the model adds the
     * widest set (4 arrays on the shipped model's 4 layers); it is bounded, whatever the calls and their lengths.
     */
    @Test
    void theArraysCallsAddAreOneOffsetBiasPerLayerAndWidthAtMost() throws Exception {
        try (DiffusionLM fresh = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            int loaded = fresh.liveArrays();
            int layers = fresh.info().config().layers();
            int length = fresh.info().config().maxLength();
            fresh.suggest(longSentence(length + 6), 5);
            assertEquals(loaded + layers, fresh.liveArrays(), "the full width's biases, one per layer");
            fresh.suggest(longSentence(3 * length), 5);
            assertEquals(loaded + layers, fresh.liveArrays(), "the same width: nothing more");
            for (int n : new int[] {5, 20, 40, 60, 63, length + 1, 2 * length + 5}) {
                fresh.suggest(longSentence(n), 3);
                fresh.infill(longSentence(n), steps(2, n));
                fresh.generate(1, Constraints.none(), SamplingOptions.builder().steps(2).length(Math.min(n, length))
                        .build());
            }
            int widths = (length + 15) / 16;
            assertEquals(loaded + layers * widths, fresh.liveArrays(), "every width once: 16, 32, 48 and 64");
            fresh.suggest(longSentence(length + 6), 5);
            fresh.infill(longSentence(7), steps(2, 1));
            assertEquals(loaded + layers * widths, fresh.liveArrays());
        }
    }

    /**
     * Without request batching the sampling runs on the caller's thread: interrupted (CoreNLP's server
     * does so when a request times out), it stops instead of finishing an answer nobody reads, frees
     * what it made, and the model serves the next call as before.
     */
    @Test
    void anInterruptedCallStopsAndTheModelServesOn() throws Exception {
        try (DiffusionLM unbatched = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBatching(0, java.time.Duration.ZERO).build()) {
            List<String> in = tokens("The [MASK] was [MASK] .");
            List<String> expected = unbatched.infill(in, steps(4, 1));
            int arrays = unbatched.liveArrays();
            Thread.currentThread().interrupt();
            IllegalStateException e;
            try {
                e = assertThrows(IllegalStateException.class, () -> unbatched.infill(in, steps(4, 1)));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt was lost"); // and cleared for what follows
            }
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertEquals(IllegalStateException.class, e.getClass(), "an interrupt is no closed model: not retried");
            assertEquals(arrays, unbatched.liveArrays());
            assertEquals(expected, unbatched.infill(in, steps(4, 1)));
        }
    }

    /**
     * A call on a closed model throws {@link ModelClosedException}, which a service retries on the model loaded in
     * its place (an interrupt is a plain IllegalStateException: {@link #anInterruptedCallStopsAndTheModelServesOn}),
     * naming the model for its log and saying what to do.
     */
    @Test
    void closedModelSaysWhichModelAndToLoadItAgain() throws Exception {
        DiffusionLM other = DiffusionLM.builder().optModel(TestModels.tinyModel()).build();
        String dir = other.info().directory().toString();
        other.close();
        String expected = "this DiffusionLM has been closed (model " + dir + "): load the model again to go on";
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> other.infill(tokens("a [MASK]"), steps(2, 0)),
                    () -> other.generate(1, steps(2, 0)),
                    () -> other.rewrite(tokens("a day ."), new boolean[3], 0.5, steps(2, 0)),
                    () -> other.embeddingTable(m))) {
                ModelClosedException e = assertThrows(ModelClosedException.class, call);
                assertEquals(expected, e.getMessage());
                assertEquals(dir, e.model());
            }
        }
        assertEquals(dir, other.name(), "the name the exception gives is the model's own");
        DiffusionLM named = DiffusionLM.builder().optModel(TestModels.tinyModel()).optModelName("package tiny.bin")
                .build();
        named.close();
        assertEquals("package tiny.bin",
                assertThrows(ModelClosedException.class, () -> named.generate(1, steps(2, 0))).model());
    }

    @Test
    void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().steps(0));
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().length(-1));
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SamplingOptions.builder().x0Temperature(bad));
            assertTrue(e.getMessage().contains("x0 temperature") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }

    @Test
    void lowerX0TemperatureGivesLessVariedWords() {
        SamplingOptions base = steps(8, 5).toBuilder().length(12).build();
        List<List<String>> plain = lm.generate(24, base);
        assertEquals(plain, lm.generate(24, base.toBuilder().x0Temperature(1).build()), "1 is the default");
        assertEquals(1.0, base.toBuilder().build().x0Temperature(), "kept by toBuilder");
        long plainWords = distinctWords(plain);
        long clampedWords = distinctWords(lm.generate(24, base.toBuilder().x0Temperature(0).build()));
        long sharpWords = distinctWords(lm.generate(24, base.toBuilder().x0Temperature(0.5).build()));
        // 300 free sentences at 32 steps: unigram entropy 8.66 / 6.67 / 6.29 bits at 1 / 0.5 / 0 (docs/diffusion-vs-autoregression.md)
        assertTrue(sharpWords < 0.9 * plainWords && clampedWords < 0.9 * plainWords,
                "distinct words: " + plainWords + " at 1, " + sharpWords + " at 0.5, " + clampedWords + " at 0");
        // One step is the argmax of the first pass, which no x̂₀ is fed into: the same at any temperature.
        SamplingOptions oneStep = base.toBuilder().steps(1).build();
        assertEquals(lm.generate(4, oneStep), lm.generate(4, oneStep.toBuilder().x0Temperature(0).build()));
    }

    @Test
    void sharperEstimatesLeaveFreeLengthsToTheModel() {
        SamplingOptions free = steps(8, 11);
        double plain = meanLength(lm.generate(24, free));
        double sharp = meanLength(lm.generate(24, free.toBuilder().x0Temperature(0.5).build()));
        // sharpening the padding too gave 5.4 words against 20.7 (300 sentences, 32 steps)
        assertTrue(sharp > 0.75 * plain, "mean length " + sharp + " at x0 temperature 0.5, " + plain + " at 1");
    }

    @Test
    void ngramFusionFillsCollocationsTheNetworkMisses() {
        // dev sentences (not held-out ones) whose fills differ: the network alone says "are" and "month"
        List<List<String>> in = List.of(tokens("Cambodia is , for all practical [MASK] , neutralist ."),
                tokens("A [MASK] hour later the Vice President arrived ."));
        SamplingOptions greedy = steps(16, 0);
        assertEquals(0.0, greedy.ngramWeight(), "off by default");
        List<List<String>> plain = lm.infillAll(in, greedy);
        assertNotEquals("purposes", plain.get(0).get(6), "precondition: the network alone misses it");
        assertNotEquals("half", plain.get(1).get(1), "precondition: the network alone misses it");
        SamplingOptions fused = greedy.toBuilder().ngramWeight(0.7).build();
        List<List<String>> withTrigram = lm.infillAll(in, fused);
        assertEquals("purposes", withTrigram.get(0).get(6));
        assertEquals("half", withTrigram.get(1).get(1));
        assertEquals(0.7, fused.toBuilder().build().ngramWeight(), "kept by toBuilder");
    }

    @Test
    void ngramFusionSaysWhatIsMissing() throws Exception {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SamplingOptions.builder().ngramWeight(bad));
            assertTrue(e.getMessage().contains("n-gram weight") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optNgramCorpus(java.nio.file.Path.of("no/such/corpus.gz")));
        assertTrue(missing.getMessage().contains("no/such/corpus.gz"), missing.getMessage());
        // a model whose config names a training corpus that is not there, and no corpus given
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("moved-model");
        try (var files = java.nio.file.Files.list(TestModels.tinyModel())) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        java.nio.file.Path config = dir.resolve("config.json");
        String json = java.nio.file.Files.readString(config);
        java.nio.file.Files.writeString(config, json.replaceAll("\"corpus\" : \"[^\"]*\"",
                "\"corpus\" : \"gone/train.conllu.gz\""));
        try (DiffusionLM moved = DiffusionLM.builder().optModel(dir).build()) {
            SamplingOptions fused = steps(2, 0).toBuilder().ngramWeight(1).build();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> moved.infill(tokens("a [MASK] day"), fused));
            assertTrue(e.getMessage().contains("gone/train.conllu.gz") && e.getMessage().contains("optNgramCorpus"),
                    e.getMessage());
        }
        try (DiffusionLM given = DiffusionLM.builder().optModel(dir).optNgramCorpus(TestModels.devCorpus()).build()) {
            assertEquals(3, given.infill(tokens("a [MASK] day"), steps(2, 0).toBuilder().ngramWeight(1).build()).size());
        }
    }

    private static double meanLength(List<List<String>> sentences) {
        return sentences.stream().mapToInt(List::size).average().orElseThrow();
    }

    private static long distinctWords(List<List<String>> sentences) {
        return sentences.stream().flatMap(List::stream).distinct().count();
    }

    /** The model's reported size is the count of the network its config describes, the shipped model's 7.4 M. */
    @Test
    void infoCountsTheWeightsOfTheNetworkItsConfigDescribes() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            io.github.diffusionnlp.model.DiffusionTransformer fresh =
                    new io.github.diffusionnlp.model.DiffusionTransformer(lm.info().config());
            fresh.initialize(m);
            assertEquals(fresh.parameterCount(), lm.info().parameters());
        }
        assertEquals(7_354_848, lm.info().parameters(), 0.05 * 7_354_848);
    }
}
