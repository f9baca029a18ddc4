package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Words a model never writes ({@link DiffusionLM.Builder#optBannedWords}), by default the slurs of its list. */
class BannedWordsTest {
    private static final SamplingOptions EIGHT_STEPS = SamplingOptions.builder().steps(8).seed(0).length(8).build();

    /** The shipped model wrote a slur in the first of two sentences generated with seed 0 (found by an audit). */
    @Test
    void theShippedModelNoLongerWritesTheSlurItWroteByDefault() throws Exception {
        Set<String> slurs = DiffusionLM.defaultBannedWords();
        List<List<String>> allowed;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).optBannedWords(Set.of())
                .build()) {
            allowed = lm.generate(2, EIGHT_STEPS);
        }
        assertTrue(allowed.get(0).stream().anyMatch(slurs::contains), "the case this guards: " + allowed.size());
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            List<List<String>> byDefault = lm.generate(2, EIGHT_STEPS);
            assertFalse(byDefault.stream().flatMap(List::stream).anyMatch(slurs::contains));
            assertEquals(allowed.get(1), byDefault.get(1), "a sentence without it is the same");
        }
    }

    @Test
    void aBannedWordIsNeverWrittenButStaysWhereItIsGiven() throws Exception {
        List<List<String>> masked = Collections.nCopies(12, List.of("the", DiffusionLM.MASK, DiffusionLM.MASK, "."));
        String favourite;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optBannedWords(Set.of()).build()) {
            favourite = lm.infillAll(masked, EIGHT_STEPS).stream().flatMap(s -> s.subList(1, 3).stream())
                    .collect(java.util.stream.Collectors.groupingBy(w -> w, java.util.stream.Collectors.counting()))
                    .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBannedWords(Set.of(favourite.toUpperCase(java.util.Locale.ROOT))).build()) {
            List<List<String>> filled = lm.infillAll(masked, EIGHT_STEPS);
            assertFalse(filled.stream().anyMatch(s -> s.subList(1, 3).contains(favourite)), favourite + ": " + filled);
            List<String> given = lm.infill(List.of(favourite, DiffusionLM.MASK, "."), EIGHT_STEPS);
            assertEquals(favourite, given.get(0), "a word it is given stays");
        }
    }

    /** As a file's lines are: an entry of two words or none was accepted silently, and a null one threw a bare NPE. */
    @Test
    void anEntryThatIsNotOneWordIsRefusedNamingIt() {
        java.util.Map<List<String>, String> refused = new java.util.LinkedHashMap<>();
        refused.put(List.of("fine", "two words"), "optBannedWords entry 1: 'two words' is more than one word;");
        refused.put(List.of(""), "optBannedWords entry 0 is '', no word;");
        refused.put(java.util.Arrays.asList("fine", null), "optBannedWords entry 1 is null;");
        for (java.util.Map.Entry<List<String>, String> e : refused.entrySet()) {
            IllegalArgumentException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> DiffusionLM.builder().optBannedWords(e.getKey()));
            assertTrue(thrown.getMessage().startsWith(e.getValue()), thrown.getMessage());
        }
    }

    /** Every word banned: infill wrote a banned word and generate empty lines, as if nothing were wrong. */
    @Test
    void aListThatBansEveryWordIsRefused() throws Exception {
        List<String> vocab = java.nio.file.Files.readAllLines(TestModels.tinyModel().resolve("vocab.txt"));
        List<String> words = vocab.subList(2, vocab.size());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DiffusionLM.builder().optModel(TestModels.tinyModel()).optBannedWords(words).build().close());
        assertEquals("the banned words ban " + words.size() + " of the model's " + words.size() + " words, which"
                + " leaves it no word to write; ban fewer (an empty list bans none)", e.getMessage());
        String left = words.get(0).toLowerCase(java.util.Locale.ROOT); // matched ignoring case: The and the
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel())
                .optBannedWords(words.stream().filter(w -> !w.toLowerCase(java.util.Locale.ROOT).equals(left))
                        .toList()).build()) {
            assertEquals(List.of(left), lm.generate(1, EIGHT_STEPS).get(0).stream()
                    .map(w -> w.toLowerCase(java.util.Locale.ROOT)).distinct().toList(), "one word left: it is written");
        }
    }
    /**
     * A banned-words file holding {@code À} banned {@code à} but not the same word in NFD ({@code a} and U+0300), so
     * that a slur spelled with combining accents passed the list (an audit's French model held both forms).
     */
    @Test
    void aBannedWordIsBannedInEitherUnicodeForm() {
        io.github.diffusionnlp.model.Vocabulary vocabulary = new io.github.diffusionnlp.model.Vocabulary(List.of(
                "[PAD]", "[UNK]", "\u00e0", "Paris", "a\u0300", "e\u0301tait", "\u00e9t\u00e9"));
        assertEquals(List.of(2, 4), java.util.Arrays.stream(BannedWords.ids(Set.of("\u00c0"), vocabulary)).boxed().toList());
        assertEquals(List.of(2, 4), java.util.Arrays.stream(BannedWords.ids(Set.of("A\u0300"), vocabulary)).boxed().toList());
        assertEquals(List.of(5), java.util.Arrays.stream(BannedWords.ids(Set.of("\u00c9tait"), vocabulary)).boxed().toList());
    }
}
