package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code suggest}: each mask's likeliest words as TSV rows, through {@link Main#run} as {@link MainTest} runs it. */
@Isolated
class SuggestCommandTest {
    private static final String MODEL = TestModels.shippedModel().toString();
    private static final String FIRST = "The [MASK] of the committee said that the [MASK] was late .";
    private static final String FOURTH = "He went to the [MASK] .";

    /**
     * One row per word of each mask, numbered by line, mask and rank, the words and probabilities the library's
     * {@link DiffusionLM#suggest} gives; blank lines and lines without a mask give none but are counted.
     */
    @Test
    void eachMaskGivesItsTopWordsAsTheLibrarySuggestsThem() throws Exception {
        String input = FIRST + "\n\nno mask here\r\n" + FOURTH.replace(' ', '\u00A0') + "\n";
        MainTest.Run r = MainTest.run(input, "suggest", "--model", MODEL, "--top", "3");
        assertEquals(0, r.code(), r.err());
        List<String> expected = new ArrayList<>(List.of(SuggestionRows.HEADER));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            expected.addAll(rows(1, lm.suggest(TokenLinesCommand.tokens(FIRST), 3)));
            expected.addAll(rows(4, lm.suggest(TokenLinesCommand.tokens(FOURTH), 3)));
        }
        assertEquals(String.join("\n", expected) + "\n", r.out());
        assertEquals(1 + 2 * 3 + 3, expected.size());
        assertTrue(r.out().contains("\n4\t1\t3\t"), r.out());
        assertEquals(r.out(), MainTest.run(input, "suggest", "--model", MODEL, "--top", "3").out(), "deterministic");
        MainTest.Run none = MainTest.run("", "suggest", "--model", MODEL);
        assertEquals(0, none.code(), none.err());
        assertEquals(SuggestionRows.HEADER + "\n", none.out());
    }

    /** The default is five words a mask. */
    @Test
    void fiveWordsByDefault() {
        MainTest.Run r = MainTest.run("a [MASK] day .\n", "suggest", "--model", MODEL);
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("1\t1\t1", "1\t1\t2", "1\t1\t3", "1\t1\t4", "1\t1\t5"),
                r.out().lines().skip(1).map(l -> l.substring(0, l.lastIndexOf('\t', l.lastIndexOf('\t') - 1)))
                        .toList());
    }

    /** As infill: a misspelt mask ends the run naming its line, after the rows of the lines before it. */
    @Test
    void aMaskThatIsNotATokenOfItsOwnEndsTheRunNamingTheLine() {
        for (String bad : List.of("said [MASK].", "( [MASK]) .", "the [mask] sat")) {
            MainTest.Run r = MainTest.run(FOURTH + "\n\n" + bad + "\nnot read [MASK] .\n", "suggest", "--model", MODEL,
                    "--top", "2");
            assertEquals(1, r.code(), bad);
            assertTrue(r.err().contains("error: input line 3: token '") && r.err().contains("[MASK] exactly")
                    && r.err().contains("(the rows of the lines before it were written)"), r.err());
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals(1 + 2, r.out().lines().count(), "the header and line 1's rows: " + r.out());
        }
    }

    /**
     * A line longer than the model's length is read as infill reads it, stretch by stretch, each mask in the window
     * around its stretch: it gets a row per mask, the library's words.
     */
    @Test
    void aLineLongerThanTheModelGetsItsMasksRows() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<List<Suggestion>> expected;
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            int length = lm.info().config().maxLength();
            tokens.add(DiffusionLM.MASK);
            tokens.addAll(Collections.nCopies(length, "the"));
            tokens.add(DiffusionLM.MASK);
            tokens.add(".");
            expected = lm.suggest(tokens, 1);
        }
        MainTest.Run r = MainTest.run(String.join(" ", tokens) + "\n", "suggest", "--model", MODEL, "--top", "1");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), r.out());
        for (int m = 0; m < 2; m++) {
            assertTrue(rows.get(m).startsWith("1\t" + (m + 1) + "\t1\t" + expected.get(m).get(0).word() + "\t"),
                    rows.get(m) + " against " + expected);
        }
    }

    /** --top out of range and the sampling options suggest never reads end the run before any input is read. */
    @Test
    void optionsItCannotHonourAreRefusedNamingThem() {
        MainTest.Run zero = MainTest.run("a [MASK]\n", "suggest", "--model", MODEL, "--top", "0");
        assertEquals(1, zero.code());
        assertTrue(zero.err().contains("error: --top must be at least 1, got 0"), zero.err());
        MainTest.Run many = MainTest.run("a [MASK]\n", "suggest", "--model", MODEL, "--top", "1000000");
        assertEquals(1, many.code());
        assertTrue(many.err().contains("error: --top must be at most ") && many.err().contains("got 1000000"),
                many.err());
        assertEquals("", many.out());
        for (String option : List.of("--steps", "--seed", "--temperature", "--batch")) {
            MainTest.Run r = MainTest.run("a [MASK]\n", "suggest", "--model", MODEL, option, "1");
            assertEquals(1, r.code(), option);
            assertTrue(r.err().contains("error: " + option + " is not used by suggest"), r.err());
        }
        MainTest.Run help = MainTest.run("", "suggest", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--top=K") && !help.out().contains("--steps="), help.out()); // not listed
    }

    /**
     * --ngram-weight gives the library's fused lists (the first word is what one fused greedy step writes: "purposes"
     * where the network alone misses it); --ngram-corpus names the corpus counted, --layout how it is read.
     */
    @Test
    void ngramWeightFusesAsTheLibraryDoes() throws Exception {
        String line = "Cambodia is , for all practical [MASK] , neutralist .";
        MainTest.Run r = MainTest.run(line + "\n", "suggest", "--model", MODEL, "--top", "3", "--ngram-weight", "0.7");
        assertEquals(0, r.code(), r.err());
        List<String> expected = new ArrayList<>(List.of(SuggestionRows.HEADER));
        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            expected.addAll(rows(1, lm.suggest(TokenLinesCommand.tokens(line), Constraints.none(),
                    SamplingOptions.builder().ngramWeight(0.7).build(), 3)));
        }
        assertEquals(String.join("\n", expected) + "\n", r.out());
        assertTrue(r.out().contains("\n1\t1\t1\tpurposes\t"), r.out());
        MainTest.Run missing = MainTest.run(line + "\n", "suggest", "--model", MODEL, "--ngram-weight", "0.7",
                "--ngram-corpus", "no-such-corpus.gz");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("--ngram-corpus") && missing.err().contains("no-such-corpus.gz"),
                missing.err());
        MainTest.Run unfused = MainTest.run(line + "\n", "suggest", "--model", MODEL, "--layout", "plain");
        assertEquals(1, unfused.code());
        assertTrue(unfused.err().contains("--layout plain: says how --ngram-corpus FILE is read"), unfused.err());
    }

    /** A German default locale would write 0,1235: the rows are the same in every locale. */
    @Test
    void rowsAreWrittenAlikeInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("2\t1\t3\tcat\t0.1235\n", SuggestionRows.row(2, 1, 3, new Suggestion("cat", 0.123456)));
            assertEquals("2\t1\t3\tcat\t1.235e-05\n", SuggestionRows.row(2, 1, 3, new Suggestion("cat", 1.23456e-5)));
        } finally {
            Locale.setDefault(before);
        }
    }

    static List<String> rows(int line, List<List<Suggestion>> suggested) {
        List<String> rows = new ArrayList<>();
        for (int m = 0; m < suggested.size(); m++) {
            for (int k = 0; k < suggested.get(m).size(); k++) {
                Suggestion s = suggested.get(m).get(k);
                rows.add(line + "\t" + (m + 1) + "\t" + (k + 1) + "\t" + s.word() + "\t"
                        + String.format(Locale.ROOT, "%.4g", s.probability()));
            }
        }
        return rows;
    }
}
