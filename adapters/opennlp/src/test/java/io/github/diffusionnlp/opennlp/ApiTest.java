package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.PtbTags;
import io.github.diffusionnlp.model.Precision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenNLP-style API end to end: OpenNLP's English models, the shipped diffusion model. */
class ApiTest {
    static final SamplingOptions FEW_STEPS = SamplingOptions.builder().steps(4).seed(3).build();
    static DiffusionModel model;

    @BeforeAll
    static void load() throws IOException {
        model = DiffusionModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void infillsTokensFromOpenNlpTokenizer() {
        EnglishText english = EnglishText.get();
        List<String[]> sentences = english.sentences("The [MASK] of the committee said that the [MASK] was late. It rained.");
        assertEquals(2, sentences.size());
        String[] tokens = sentences.get(0);
        assertArrayEquals(new String[] {"The", "[MASK]", "of", "the", "committee", "said", "that", "the", "[MASK]",
            "was", "late", "."}, tokens);

        String[] filled = new InfillerME(model, FEW_STEPS).infill(tokens);
        assertEquals(tokens.length, filled.length);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(InfillerME.MASK)) {
                assertFalse(filled[i].isBlank() || filled[i].equals(InfillerME.MASK), filled[i]);
            } else {
                assertEquals(tokens[i], filled[i]);
            }
        }
        assertArrayEquals(filled, new InfillerME(model, FEW_STEPS).infill(tokens), "same seed, same words");
    }

    @Test
    void infillsSpansAndLeavesUnmaskedSentencesAlone() {
        String[] tokens = EnglishText.get().tokenize("He went to the market yesterday.");
        InfillerME infiller = new InfillerME(model, FEW_STEPS);
        assertArrayEquals(tokens, infiller.infill(tokens));
        String[] filled = infiller.infill(tokens, new Span(3, 5));
        assertEquals(tokens.length, filled.length);
        assertEquals(List.of("He", "went", "to"), List.of(filled).subList(0, 3));
        assertEquals(List.of("yesterday", "."), List.of(filled).subList(5, 7));
        assertThrows(IllegalArgumentException.class, () -> infiller.infill(tokens, new Span(5, 9)));
    }

    @Test
    void oneInfillerServesManyThreads() throws Exception {
        InfillerME infiller = new InfillerME(model, FEW_STEPS);
        String[] tokens = {"The", "[MASK]", "said", "that", "it", "[MASK]", "late", "."};
        String[] expected = infiller.infill(tokens);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> infiller.infill(tokens)));
            }
            for (Future<String[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rewritesKeepingIndexedTokensVerbatimAndTheLength() {
        String[] tokens = EnglishText.get().tokenize("The chairman said that the report was late again.");
        int last = tokens.length - 1;
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 1.0, KeepSpec.indexes(0, 1, last));
        String[] out = rewriter.rewrite(tokens);
        assertEquals(tokens.length, out.length);
        assertEquals(List.of("The", "chairman", "."), List.of(out[0], out[1], out[last]));
        boolean changed = false;
        for (int i = 2; i < last; i++) {
            assertFalse(out[i].isBlank(), out[i]);
            changed |= !out[i].equals(tokens[i]);
        }
        assertTrue(changed, "strength 1 rewrites the tokens not kept: " + List.of(out));
        assertArrayEquals(out, rewriter.rewrite(tokens), "same seed, same rewrite");
        assertArrayEquals(out, new RewriterME(model, FEW_STEPS, 1.0, KeepSpec.parse("0,1," + last)).rewrite(tokens));

        boolean[] mask = new boolean[tokens.length];
        mask[2] = true;
        String[] explicit = rewriter.rewrite(tokens, mask);
        assertEquals(tokens.length, explicit.length);
        assertEquals("said", explicit[2]);
        assertArrayEquals(tokens, rewriter.rewrite(tokens, allTrue(tokens.length)), "all kept: nothing changes");

        IllegalArgumentException tooFar = assertThrows(IllegalArgumentException.class,
                () -> new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.indexes(40)).rewrite(tokens));
        assertTrue(tooFar.getMessage().contains("40") && tooFar.getMessage().contains("0-" + last), tooFar.getMessage());
    }

    @Test
    void rewritesKeepingNounsAndProperNounsTaggedByPosTaggerMe() {
        String[] tokens = EnglishText.get().tokenize("The committee met on Monday in Boston and approved 12 reports.");
        String[] tags = EnglishPosTagger.get().tag(tokens);
        assertEquals(tokens.length, tags.length);
        assertEquals("NOUN", tags[1], List.of(tags).toString());   // committee
        assertEquals("PROPN", tags[4], List.of(tags).toString());  // Monday
        assertEquals("PROPN", tags[6], List.of(tags).toString());  // Boston
        assertEquals("NUM", tags[9], List.of(tags).toString());    // 12
        for (String t : tags) {
            assertTrue(PtbTags.isUpos(t), "UD UPOS tags: " + t);
        }

        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 1.0, KeepSpec.parse("noun, PROPN"));
        boolean[] mask = rewriter.keepMask(tokens);
        int kept = 0;
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(tags[i].equals("NOUN") || tags[i].equals("PROPN"), mask[i], tokens[i] + "/" + tags[i]);
            kept += mask[i] ? 1 : 0;
        }
        assertTrue(kept >= 4 && kept < tokens.length, List.of(tags).toString());
        String[] out = rewriter.rewrite(tokens);
        assertEquals(tokens.length, out.length);
        for (int i = 0; i < tokens.length; i++) {
            if (mask[i]) {
                assertEquals(tokens[i], out[i], "kept " + tokens[i] + "/" + tags[i]);
            }
        }
        assertArrayEquals(out, rewriter.rewrite(tokens), "same seed, same rewrite");
        // indexes and classes together
        boolean[] both = new RewriterME(model, FEW_STEPS, 1.0, KeepSpec.parse("0,NUM")).keepMask(tokens);
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(i == 0 || tags[i].equals("NUM"), both[i], tokens[i]);
        }
    }

    @Test
    void rewritesBatchesWithEachSentencesOwnSeed() {
        String[][] sentences = {
            EnglishText.get().tokenize("He went to the market yesterday."),
            EnglishText.get().tokenize("The report was late."),
        };
        KeepSpec keep = KeepSpec.classes("PUNCT");
        String[][] batch = new RewriterME(model, FEW_STEPS, 0.8, keep).rewrite(sentences);
        assertArrayEquals(batch[0], new RewriterME(model, FEW_STEPS, 0.8, keep).rewrite(sentences[0]));
        assertArrayEquals(batch[1], new RewriterME(model, FEW_STEPS.startingAt(1), 0.8, keep).rewrite(sentences[1]));
        assertEquals(".", batch[0][batch[0].length - 1]);
        assertEquals(".", batch[1][batch[1].length - 1]);
    }

    /**
     * A {@code [MASK]} is a position to write even where the keep spec or mask names it, as in the library and
     * core's CLI: the rewriter must not put the literal mask back over the word the model wrote there.
     */
    @Test
    void aKeptMaskIsFilledNotPutBack() {
        String[] tokens = {"He", "went", "to", "the", DiffusionLM.MASK, "."};
        SamplingOptions options = SamplingOptions.builder().seed(1).build();
        String[] bySpec = new RewriterME(model, options, 0.3, KeepSpec.indexes(4, 0)).rewrite(tokens);
        assertEquals(tokens.length, bySpec.length);
        assertNotEquals(DiffusionLM.MASK, bySpec[4], String.join(" ", bySpec));
        assertEquals("He", bySpec[0], "a kept word still comes back as it was");
        boolean[] keep = {true, false, false, false, true, false};
        String[] byMask = new RewriterME(model, options, 0.3, KeepSpec.NONE).rewrite(tokens, keep);
        assertNotEquals(DiffusionLM.MASK, byMask[4], String.join(" ", byMask));
    }

    /** A rewriter hands back what it was made with: its options, strength, keep spec and constraints. */
    @Test
    void rewriterHandsBackItsSettings() {
        ConstraintSpec positive = ConstraintSpec.NONE.withSentiment("positive");
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 0.8, KeepSpec.parse("2, noun"), positive);
        assertEquals(FEW_STEPS, rewriter.getSamplingOptions());
        assertEquals(0.8, rewriter.getStrength());
        assertEquals(KeepSpec.parse("NOUN,2"), rewriter.getKeepSpec());
        assertEquals("2,NOUN", rewriter.getKeepSpec().toString());
        assertEquals("positive", rewriter.getConstraints().getSentiment());
        RewriterME defaults = new RewriterME(model);
        assertEquals(KeepSpec.NONE, defaults.getKeepSpec());
        assertEquals(RewriterME.DEFAULT_STRENGTH, defaults.getStrength());
        assertEquals(ConstraintSpec.NONE, defaults.getConstraints());
    }

    @Test
    void rewriterRejectsBadStrengthAndKeepSpecs() {
        for (double s : new double[] {0, 2, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RewriterME(model, FEW_STEPS, s, KeepSpec.NONE));
            assertTrue(e.getMessage().endsWith(" is out of range; allowed: a number in (0, 1] (more than 0, at most 1)"),
                    e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new RewriterME(model, FEW_STEPS, 2, KeepSpec.NONE)).getMessage().startsWith("strength 2 is out of range"), "as written, not 2.0");
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> KeepSpec.parse("0,committee"));
        assertTrue(word.getMessage().contains("'committee'") && word.getMessage().contains("PROPN"), word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeepSpec.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> KeepSpec.classes("NN"));
        assertThrows(IllegalArgumentException.class, () -> KeepSpec.indexes(-3));
        assertEquals(KeepSpec.NONE, KeepSpec.parse(" "));
        assertEquals(KeepSpec.NONE, KeepSpec.parse(null));
        KeepSpec spec = KeepSpec.parse("num 3,propn,0");
        assertEquals("0,3,NUM,PROPN", spec.toString());
        assertEquals(spec, KeepSpec.parse(spec.toString()));
        assertEquals(spec, KeepSpec.indexes(3, 0).and(KeepSpec.classes("PROPN", "num")));
        assertTrue(spec.needsTags());
        assertFalse(KeepSpec.indexes(1).needsTags());
        assertThrows(IllegalArgumentException.class,
                () -> new RewriterME(model, FEW_STEPS, 0.5, KeepSpec.NONE).rewrite(new String[][] {{"a"}}, new boolean[0][]));
    }

    @Test
    void onePosTaggerAndOneRewriterServeManyThreads() throws Exception {
        EnglishPosTagger tagger = EnglishPosTagger.get();
        List<String[]> sentences = EnglishText.get().sentences("The committee met on Monday. It rained all day in Boston."
                + " She gave him 3 apples. They were late again, he said.");
        List<String[]> expected = new ArrayList<>();
        for (String[] s : sentences) {
            expected.add(tagger.tag(s));
        }
        RewriterME rewriter = new RewriterME(model, FEW_STEPS, 0.7, KeepSpec.parse("NOUN,PROPN"));
        String[] first = rewriter.rewrite(sentences.get(0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int k = i % sentences.size();
                results.add(pool.submit(() -> java.util.Arrays.equals(expected.get(k), tagger.tag(sentences.get(k)))));
            }
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> java.util.Arrays.equals(first, rewriter.rewrite(sentences.get(0)))));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static boolean[] allTrue(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    @Test
    void generatesSentences() {
        GeneratorME generator = new GeneratorME(model, FEW_STEPS);
        String[][] fixed = generator.generate(3, 10);
        assertEquals(3, fixed.length);
        for (String[] s : fixed) {
            assertEquals(10, s.length);
        }
        assertArrayEquals(fixed, generator.generate(3, 10), "same seed, same sentences");
        assertNotEquals(List.of(fixed[0]), List.of(fixed[1]), "sentence i uses sentenceSeed(i)");
        String[] free = generator.generate();
        assertTrue(free.length <= generator.getMaxLength());
        assertThrows(IllegalArgumentException.class, () -> generator.generate(1, generator.getMaxLength() + 1));
        String text = EnglishText.detokenize(EnglishText.detokenizer(), fixed[0]);
        assertFalse(text.isBlank());
    }

    /**
     * A long run without spaces (a base64 blob, a minified line) is one token, in seconds: TokenizerME's
     * time grows with the square of a run's length (300,000 characters: minutes). Ordinary text is
     * tokenized as before.
     */
    @Test
    void aLongRunWithoutSpacesIsOneTokenQuickly() {
        String blob = "x".repeat(300_000);
        String[] tokens = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> EnglishText.get().tokenize("He said " + blob + " [MASK]. It's (late)."));
        String[] expected = EnglishText.get().tokenize("He said blob [MASK]. It's (late).");
        assertEquals("blob", expected[2]);
        expected[2] = blob;
        assertArrayEquals(expected, tokens);
        String word = "y".repeat(EnglishText.LONG_TOKEN_CHARS - 1); // with its full stop, a run of the limit's length
        assertArrayEquals(new String[] {word, "."}, EnglishText.get().tokenize(word + "."), "still TokenizerME's");
    }

    /**
     * A long run of full stops (or of "a.b") is read in a second: SentenceDetectorME looks for the
     * whitespace after every end-of-sentence character, so its time grew with the square of a run's length
     * (100,000 full stops: 4.6 s; a line of 1,000,000, the tools' limit, about eight minutes by that square law, not run). Sentences still
     * end after a long run, and ordinary text splits as before.
     */
    @Test
    void aLongRunOfFullStopsIsSplitIntoSentencesQuickly() {
        EnglishText english = EnglishText.get();
        String dots = ".".repeat(300_000);
        String abbreviations = "a.b".repeat(100_000);
        List<String[]> sentences = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> english.sentences("He said " + dots + " Then he left."));
        assertEquals(List.of(List.of("He", "said", dots), List.of("Then", "he", "left", ".")),
                sentences.stream().map(List::of).toList());
        assertEquals(1, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> english.sentences(abbreviations)).size());
        String blob = "a.".repeat(600);
        assertEquals(List.of("A blob " + blob, "ends here .", "Next one ."), english.sentences("A blob " + blob
                + " ends here. Next one.").stream().map(t -> String.join(" ", t)).toList(),
                "a sentence may still end after a long run");
        assertEquals(List.of("He left. Then she came .", "Ok"), english.sentences("He left.Then she came. Ok").stream()
                .map(t -> String.join(" ", t)).toList(), "ordinary text as before");
    }

    @Test
    void detokenizerRules() {
        var d = EnglishText.detokenizer();
        assertEquals("He said, \"it's (very) late.\"",
                EnglishText.detokenize(d, new String[] {"He", "said", ",", "\"", "it", "'s", "(", "very", ")", "late",
                    ".", "\""}));
        assertEquals("``Yes,'' he didn't go.", EnglishText.detokenize(d, new String[] {"``", "Yes", ",", "''", "he",
            "did", "n't", "go", "."}));
    }

    @Test
    void packageRoundTripKeepsTheModelAndItsToolSettings(@TempDir Path tmp) throws IOException {
        Path dir = model.getInfo().directory();
        Path bin = tmp.resolve("brown-cdcd.bin");
        try (DiffusionModel configured = DiffusionModel.builder().optModel(dir)
                .optFactory(new DiffusionToolFactory(6, 0.5)).build()) {
            configured.serialize(bin);
        }
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            // the manifest names our factory: loading it passed OpenNLP's extension allowlist
            assertEquals(DiffusionModel.COMPONENT_NAME, packaged.getManifestProperty("Component-Name"));
            assertEquals(DiffusionToolFactory.class.getName(), packaged.getManifestProperty("factory"));
            assertEquals("6", packaged.getManifestProperty(DiffusionToolFactory.STEPS_ENTRY));
            assertEquals(6, new InfillerME(packaged).getSamplingOptions().steps());
            assertEquals(0.5, new GeneratorME(packaged).getSamplingOptions().temperature().getAsDouble());
            assertEquals(model.getInfo().parameters(), packaged.getInfo().parameters());
            String[] tokens = {"The", "[MASK]", "was", "late", "."};
            assertArrayEquals(new InfillerME(model, FEW_STEPS).infill(tokens),
                    new InfillerME(packaged, FEW_STEPS).infill(tokens), "same weights, same words");
            // the tag lexicon travels too: lexical POS templates work from the package
            ConstraintSpec lexical = ConstraintSpec.NONE.withTemplate("DET", "NOUN", "VERB", "PUNCT").withLexical(true);
            assertArrayEquals(new GeneratorME(model, FEW_STEPS, lexical).generate(),
                    new GeneratorME(packaged, FEW_STEPS, lexical).generate());
        }
        // a package that sets no temperature leaves each tool its task's default
        try (DiffusionModel plain = DiffusionModel.builder().optModel(dir).optFactory(new DiffusionToolFactory(6))
                .build()) {
            plain.serialize(bin);
        }
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            assertNull(packaged.getManifestProperty(DiffusionToolFactory.TEMPERATURE_ENTRY));
            assertTrue(packaged.getFactory().getTemperature().isEmpty());
            assertTrue(new InfillerME(packaged).getSamplingOptions().temperature().isEmpty());
        }
    }

    /** A package's log line named the temporary directory it was unpacked into: a removed path, meaningless to a user. */
    @Test
    void aPackageIsLoggedByTheFileTheUserGave(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("brown-cdcd.bin");
        model.serialize(bin);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            assertEquals(5, new InfillerME(packaged, FEW_STEPS).infill(new String[] {"The", "[MASK]", "was", "late",
                    "."}).length);
        } finally {
            System.setErr(err);
        }
        String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logged.contains("diffusion-nlp: model package " + bin.toAbsolutePath().normalize() + " on "), logged);
        assertFalse(logged.contains("diffusion-model"), logged);
    }

    /**
     * A mask split into "[ MASK ]" (OpenNLP's TokenizerME splits it so) comes back as the words it is, as "[mask]"
     * does, and the log says why: it came back without a word.
     */
    @Test
    void aMaskSplitIntoThreeTokensIsLogged() {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        String[] split = {"The", "[", "MASK", "]", "was", "late", "."};
        String[] filled;
        System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            filled = new InfillerME(model, FEW_STEPS).infill(split);
        } finally {
            System.setErr(err);
        }
        assertArrayEquals(split, filled);
        String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logged.contains("WARN io.github.diffusionnlp.opennlp.InfillerME - the sentence holds the mask"
                + " split into three tokens, '[ MASK ]' at tokens 1-3, which are words and are not filled: OpenNLP's"
                + " TokenizerME splits [MASK] so; tokenize with EnglishText.get().tokenize(...)"), logged);
    }

    /** An untagged model's refusal of a template named "this model (loaded from a package)", not the package. */
    @Test
    void anUntaggedPackageNamesItselfWhenItRefusesATemplate(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("untagged.bin");
        try (DiffusionModel untagged = DiffusionModel.builder()
                .optModel(io.github.diffusionnlp.TestModels.untaggedTinyModel())
                .optFactory(new DiffusionToolFactory(4)).build()) {
            untagged.serialize(bin);
        }
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new GeneratorME(packaged, FEW_STEPS, ConstraintSpec.NONE.withTemplate("DET", "NOUN", "PUNCT")));
            assertEquals("model package " + bin.toAbsolutePath().normalize() + " was trained without UPOS tags (its"
                    + " tag-lexicon.tsv holds only X), so it cannot follow a POS template; retrain it on tagged sentences: Train -format tagged on word_TAG"
                    + " lines (The_DET jury_NOUN said_VERB ._PUNCT), or DiffusionModel.train on POSSamples", e.getMessage());
        }
    }

    @Test
    void aPackageWithoutTheTagLexiconSaysHowToMendIt(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole.bin");
        model.serialize(whole);
        // as packages were made before they carried the lexicon: its config.json still records the directory's
        assertTrue(new String(entry(whole, "config.json"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"tag-lexicon.tsv\""));
        Path bin = tmp.resolve("old.bin");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(whole));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(bin))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().equals("tag-lexicon.tsv")) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    out.write(in.readAllBytes());
                }
            }
        }
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            GeneratorME lexical = new GeneratorME(packaged, FEW_STEPS,
                    ConstraintSpec.NONE.withTemplate("DET", "NOUN", "PUNCT").withLexical(true));
            IllegalStateException e = assertThrows(IllegalStateException.class, lexical::generate);
            assertTrue(e.getMessage().contains("tag-lexicon.tsv, which model package " + bin.toAbsolutePath().normalize()
                    + " was loaded without") && e.getMessage().contains("package it again"), e.getMessage());
        }
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(zip + " has no " + name);
    }

    @Test
    void loadsADirectoryOrAPackageAtFp16(@TempDir Path tmp) throws IOException {
        assertEquals(Precision.FP32, model.getDiffusionLM().precision());
        Path bin = tmp.resolve("brown-cdcd.bin");
        model.serialize(bin);
        try (DiffusionModel half = DiffusionModel.builder().optModel(model.getInfo().directory())
                        .optPrecision(Precision.FP16).build();
                DiffusionModel packaged = DiffusionModel.builder().optModel(Files.newInputStream(bin))
                        .optPrecision(Precision.FP16).build()) {
            assertEquals(Precision.FP16, half.getDiffusionLM().precision());
            assertEquals(Precision.FP16, packaged.getDiffusionLM().precision());
            // one sentence, one step: fp16 is slow on a CPU
            String[] filled = new InfillerME(half, SamplingOptions.builder().steps(1).seed(3).build())
                    .infill(new String[] {"The", "[MASK]", "was", "late", "."});
            assertEquals(5, filled.length);
            assertFalse(List.of(filled).contains(DiffusionLM.MASK), String.join(" ", filled));
        }
    }

    @Test
    void damagedPackagesAreRejectedWithAMessage(@TempDir Path tmp) throws IOException {
        Path junk = tmp.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4});
        IOException e = assertThrows(IOException.class, () -> DiffusionModel.load(junk));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        assertThrows(InvalidFormatException.class,
                () -> new DiffusionModel(new ByteArrayInputStream(new byte[0])));
        Path tokenizerModel = tmp.resolve("tokens.bin");
        try (var in = EnglishText.class.getResourceAsStream(EnglishText.TOKENIZER_MODEL)) {
            Files.copy(in, tokenizerModel);
        }
        IOException foreign = assertThrows(IOException.class, () -> DiffusionModel.load(tokenizerModel));
        assertTrue(foreign.getMessage().contains("tokens.bin")
                && foreign.getMessage().contains("of another kind (Component-Name=TokenizerME)"), foreign.getMessage());
        IOException missing = assertThrows(IOException.class, () -> DiffusionModel.load(tmp.resolve("nothing")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
