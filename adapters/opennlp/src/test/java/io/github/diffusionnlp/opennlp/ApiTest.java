package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.SamplingOptions;
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
    void generatesSentences() {
        GeneratorME generator = new GeneratorME(model, FEW_STEPS);
        String[][] fixed = generator.generate(3, 10);
        assertEquals(3, fixed.length);
        for (String[] s : fixed) {
            assertEquals(10, s.length);
        }
        assertArrayEquals(fixed, generator.generate(3, 10), "same seed, same sentences");
        assertNotEquals(List.of(fixed[0]), List.of(fixed[1]), "sentence i uses seed + i");
        String[] free = generator.generate();
        assertTrue(free.length <= generator.getMaxLength());
        assertThrows(IllegalArgumentException.class, () -> generator.generate(1, generator.getMaxLength() + 1));
        String text = EnglishText.detokenize(EnglishText.detokenizer(), fixed[0]);
        assertFalse(text.isBlank());
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
        try (DiffusionModel configured = DiffusionModel.fromDirectory(dir, new DiffusionToolFactory(6, 0.5), null)) {
            configured.serialize(bin);
        }
        try (DiffusionModel packaged = DiffusionModel.load(bin)) {
            // the manifest names our factory: loading it passed OpenNLP's extension allowlist
            assertEquals(DiffusionModel.COMPONENT_NAME, packaged.getManifestProperty("Component-Name"));
            assertEquals(DiffusionToolFactory.class.getName(), packaged.getManifestProperty("factory"));
            assertEquals("6", packaged.getManifestProperty(DiffusionToolFactory.STEPS_ENTRY));
            assertEquals(6, new InfillerME(packaged).getSamplingOptions().steps());
            assertEquals(0.5, new GeneratorME(packaged).getSamplingOptions().temperature());
            assertEquals(model.getInfo().parameters(), packaged.getInfo().parameters());
            String[] tokens = {"The", "[MASK]", "was", "late", "."};
            assertArrayEquals(new InfillerME(model, FEW_STEPS).infill(tokens),
                    new InfillerME(packaged, FEW_STEPS).infill(tokens), "same weights, same words");
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
        assertTrue(foreign.getMessage().contains("tokens.bin"), foreign.getMessage());
        IOException missing = assertThrows(IOException.class, () -> DiffusionModel.load(tmp.resolve("nothing")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
