package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link SentenceWindows} cuts sentences into rows and writes the rows' words back (no model needed). */
class SentenceWindowsTest {
    private static final SamplingOptions SEED_100 = SamplingOptions.builder().seed(100).build();
    private static final String M = DiffusionLM.MASK;
    private static final Vocabulary VOCAB = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "w", "x", "y"));
    private static final int LEN = 8;

    /** Every generated position of every row "sampled" as {@code word}; given ones stay, as the sampler keeps them. */
    private static List<ModelRow> sampledAs(List<ModelRow> rows, String word) {
        for (ModelRow row : rows) {
            row.result = new int[LEN];
            for (int i = 0; i < LEN; i++) {
                row.result[i] = row.given[i] ? row.ids[i] : VOCAB.id(word);
            }
        }
        return rows;
    }

    @Test
    void aLongSentenceIsFilledStretchByStretchEachRoundReadingTheWordsBefore() {
        List<String> sentence = new ArrayList<>(Collections.nCopies(20, "w"));
        sentence.set(3, M);
        sentence.set(5, M);
        SentenceWindows windows = new SentenceWindows(List.of(List.copyOf(sentence)), VOCAB, LEN);

        List<ModelRow> first = windows.infillRound(0, Constraints.none(), SEED_100);
        assertEquals(1, first.size());
        assertEquals(0, first.get(0).offset);
        assertEquals(100, first.get(0).seed, "sentence 0's first stretch keeps the seed");
        windows.writeInfilled(sampledAs(first, "x"));
        assertEquals("x", windows.sentences().get(0).get(3));
        assertEquals(M, windows.sentences().get(0).get(5), "outside round 0's stretch [0, 4): left for round 1");

        List<ModelRow> second = windows.infillRound(1, Constraints.none(), SEED_100);
        assertEquals(1, second.size());
        assertEquals(2, second.get(0).offset, "a quarter of the length of context before the stretch [4, 8)");
        assertEquals(100 + 4 * SamplingOptions.POSITION_STRIDE, second.get(0).seed, "its own noise: see below");
        assertEquals("x", second.get(0).tokens.get(1), "reads the word round 0 chose");
        windows.writeInfilled(sampledAs(second, "y"));

        assertEquals(List.of(), windows.infillRound(2, Constraints.none(), SEED_100), "no mask in [8, 12)");
        assertEquals(false, windows.hasInfillRound(5), "5 stretches of 4 cover the 20 tokens");
        List<String> expected = new ArrayList<>(Collections.nCopies(20, "w"));
        expected.set(3, "x");
        expected.set(5, "y");
        assertEquals(List.of(expected), windows.sentences());
    }

    /**
     * {@link DiffusionLM#infillRows} and {@link DiffusionLM#rewriteRows} (the CoreNLP server weighs a request
     * by them) count exactly the rows the rounds and windows make: none for a sentence without a mask, one for a
     * short one, and for a long one its stretches holding a mask.
     */
    @Test
    void theRowCountsAreTheRowsTheCallsMake() {
        List<List<String>> sentences = List.of(List.of("w", "x"), List.of("w", M), Collections.nCopies(LEN, M),
                masksAt(20, 3, 5), masksAt(20, 3, 17), masksAt(20), masksAt(LEN + 1, LEN), masksAt(3 * LEN + 1, 0, 9,
                13, 3 * LEN));
        for (List<String> sentence : sentences) {
            SentenceWindows windows = new SentenceWindows(List.of(sentence), VOCAB, LEN);
            int rows = 0;
            for (int round = 0; windows.hasInfillRound(round); round++) {
                List<ModelRow> made = windows.infillRound(round, Constraints.none(), SamplingOptions.defaults());
                rows += made.size();
                windows.writeInfilled(sampledAs(made, "x"));
            }
            assertEquals(rows, SentenceWindows.infillRows(sentence, LEN), "infill of " + sentence);
            List<ModelRow> rewrite = new SentenceWindows(List.of(sentence), VOCAB, LEN)
                    .rewriteRows(Collections.singletonList(null), List.of(Constraints.none()), SamplingOptions.defaults());
            assertEquals(rewrite.size(), SentenceWindows.rewriteRows(sentence.size(), null, Constraints.none(), LEN),
                    "rewrite of " + sentence);
        }
        assertEquals(List.of(0, 1, 1, 2, 2, 0, 1, 4), sentences.stream().map(s -> SentenceWindows.infillRows(s, LEN))
                .toList());
    }

    /**
     * A rewrite samples no window whose every token is kept, and one row under a template that sets the sentence's
     * length whatever its length: {@link SentenceWindows#rewriteRows(int, boolean[], Constraints, int)} counts those
     * rows, where the count before (one a window of the model's length) said 3 for the first two and 2 for the third.
     * Under a template of exactly its length a sentence longer than the model goes window by window, as without one.
     */
    @Test
    void aRewritesRowCountLeavesOutKeptWindowsAndCountsATemplateOnce() {
        List<String> sentence = Collections.nCopies(3 * LEN - 2, "w");
        boolean[] middleKept = new boolean[sentence.size()];
        java.util.Arrays.fill(middleKept, LEN, 2 * LEN, true);
        boolean[] allKept = new boolean[sentence.size()];
        java.util.Arrays.fill(allKept, true);
        Constraints template = Constraints.none().withTemplate(List.of(Upos.NOUN, Upos.VERB));
        List<String> shortSentence = sentence.subList(0, LEN + 1);
        Constraints own = Constraints.none().withTemplate(Collections.nCopies(sentence.size(), Upos.NOUN));
        Object[][] cases = {{sentence, middleKept, Constraints.none(), 2}, {sentence, allKept, Constraints.none(), 0},
            {shortSentence, null, template, 1}, {sentence, middleKept, own, 2}, {sentence, allKept, own, 0},
            {sentence, null, own, 3}};
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> tokens = (List<String>) c[0];
            boolean[] keep = (boolean[]) c[1];
            Constraints constraints = (Constraints) c[2];
            List<boolean[]> keeps = new ArrayList<>();
            keeps.add(keep);
            List<ModelRow> made = new SentenceWindows(List.of(tokens), VOCAB, LEN).rewriteRows(keeps,
                    List.of(constraints), SamplingOptions.defaults());
            assertEquals(c[3], made.size(), "rows made for " + tokens.size() + " tokens");
            assertEquals(made.size(), SentenceWindows.rewriteRows(tokens.size(), keep, constraints, LEN),
                    "rows counted for " + tokens.size() + " tokens");
        }
    }

    /**
     * A sentence longer than the model under a template of exactly its length (its own tags) is rewritten window by
     * window, as one without a template: each window's row carries its part of the template (END after the
     * sentence's end), its part of the keep mask and the window's seed, a window whose every token is kept is left
     * out, and the sampled words go back in place, the sentence keeping its length.
     */
    @Test
    void aLongSentenceUnderATemplateOfItsLengthIsRewrittenWindowByWindow() {
        int size = 2 * LEN + 3;
        List<Upos> tags = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            tags.add(i % 2 == 0 ? Upos.NOUN : Upos.VERB);
        }
        List<Constraints> each = List.of(Constraints.none().withTemplate(tags));
        boolean[] keep = new boolean[size];
        java.util.Arrays.fill(keep, LEN, 2 * LEN, true); // the middle window all kept
        keep[1] = true;
        SentenceWindows windows = new SentenceWindows(List.of(Collections.nCopies(size, "w")), VOCAB, LEN);

        List<ModelRow> rows = windows.rewriteRows(List.of(keep), each, SEED_100);
        assertEquals(List.of(0, 2 * LEN), rows.stream().map(r -> r.offset).toList());
        assertEquals(List.of(SEED_100.windowSeed(0, 0), SEED_100.windowSeed(0, 2 * LEN)),
                rows.stream().map(r -> r.seed).toList());
        ModelRow last = rows.get(1);
        for (int i = 0; i < LEN; i++) {
            int at = 2 * LEN + i;
            assertEquals(at < size ? Conditioning.uposId(tags.get(at)) : Conditioning.END, last.upos[i], "tag " + i);
        }
        assertEquals(true, rows.get(0).given[1], "token 1 kept");
        windows.writeRewritten(sampledAs(rows, "y"), each);

        List<String> expected = new ArrayList<>(Collections.nCopies(size, "y"));
        for (int i = 0; i < size; i++) {
            if (keep[i]) {
                expected.set(i, "w");
            }
        }
        assertEquals(List.of(expected), windows.sentences());
    }

    /** {@code size} tokens, masks at {@code at}. */
    private static List<String> masksAt(int size, int... at) {
        List<String> tokens = new ArrayList<>(Collections.nCopies(size, "w"));
        for (int i : at) {
            tokens.set(i, M);
        }
        return tokens;
    }

    @Test
    void aTemplatedRewriteReplacesItsSentenceKeepingKeptTokensVerbatim() {
        List<List<String>> given = List.of(List.of("unknown", "w", "w"), List.of("w", "w"));
        Constraints templated = Constraints.none().withTemplate(List.of(Upos.NOUN, Upos.VERB, Upos.ADV, Upos.PUNCT));
        List<Constraints> each = List.of(templated, Constraints.none());
        SentenceWindows windows = new SentenceWindows(given, VOCAB, LEN);

        List<ModelRow> rows = windows.rewriteRows(List.of(new boolean[] {true, false, false}, new boolean[] {false, true}),
                each, SamplingOptions.builder().seed(7).build());
        assertEquals(2, rows.size());
        windows.writeRewritten(sampledAs(rows, "y"), each);

        assertEquals(List.of(List.of("unknown", "y", "y", "y"), List.of("y", "w")), windows.sentences());
    }

    /**
     * The sampler leaves {@code [UNK]} only where a rewrite started from a word the model does not know: that word
     * is written back as it was, in a window and under a template alike, never as {@code [UNK]}.
     */
    @Test
    void anUnknownWordTheModelLeftUnknownIsWrittenBackAsItWas() {
        List<List<String>> given = List.of(List.of("Zyzzogeton", "w", "w"), List.of("w", "Quux", "w"));
        Constraints templated = Constraints.none().withTemplate(List.of(Upos.NOUN, Upos.VERB, Upos.ADV, Upos.PUNCT));
        List<Constraints> each = List.of(Constraints.none(), templated);
        SentenceWindows windows = new SentenceWindows(given, VOCAB, LEN);

        List<ModelRow> rows = windows.rewriteRows(java.util.Arrays.asList(null, null), each,
                SamplingOptions.builder().seed(7).build());
        for (ModelRow row : sampledAs(rows, "y")) {
            for (int i = 0; i < row.tokens.size(); i++) {
                if (row.ids[i] == Vocabulary.UNK_ID) {
                    row.result[i] = Vocabulary.UNK_ID;
                }
            }
        }
        windows.writeRewritten(rows, each);

        assertEquals(List.of(List.of("Zyzzogeton", "y", "y"), List.of("y", "Quux", "y", "y")), windows.sentences());
    }

    /**
     * Every row of a call starts from its own noise: a long sentence's later stretches and windows do not share
     * a seed with the sentences after it (as {@code seed + s + p} made sentence 0's stretch at position 4 and
     * sentence 4 share one), nor with best-of-k candidates ({@link BestOf#SEED_STRIDE}); a sentence's first
     * window keeps its sentence's seed.
     */
    @Test
    void noTwoRowsOfACallShareASeed() {
        List<List<String>> sentences = new ArrayList<>();
        sentences.add(Collections.nCopies(3 * LEN, M)); // windows and stretches at 0, 4, 8, …
        for (int s = 1; s <= 3 * LEN; s++) {
            sentences.add(List.of(M, "w"));
        }
        SentenceWindows windows = new SentenceWindows(sentences, VOCAB, LEN);
        List<Long> seeds = new ArrayList<>();
        for (int round = 0; windows.hasInfillRound(round); round++) {
            windows.infillRound(round, Constraints.none(), SEED_100).forEach(r -> seeds.add(r.seed));
        }
        List<boolean[]> keepNothing = Collections.nCopies(sentences.size(), null);
        List<Constraints> none = Collections.nCopies(sentences.size(), Constraints.none());
        List<Long> rewriteSeeds = windows.rewriteRows(keepNothing, none, SEED_100).stream().map(r -> r.seed).toList();
        for (List<Long> call : List.of(seeds, rewriteSeeds)) {
            assertEquals(call.size(), call.stream().distinct().count(), "seeds " + call);
            for (long seed : call) {
                for (int j = 1; j < Constraints.MAX_CANDIDATES; j++) {
                    long candidate = seed + j * BestOf.SEED_STRIDE;
                    assertEquals(false, call.contains(candidate), "a candidate's seed is another row's: " + seed);
                }
            }
        }
        assertEquals(100L, seeds.get(0), "sentence 0's first stretch: the seed");
        assertEquals(SEED_100.sentenceSeed(1), rewriteSeeds.get(rewriteSeeds.size() - 3 * LEN), "sentence 1, one window");
    }

    /**
     * A model trained on Brown knows double quotes only as {@code ``} and {@code ''}: a {@code "} or {@code “ ”} the
     * user wrote is read as those (by its place: the first {@code "} opens, the next closes), not as an unknown
     * word; where the model leaves the quote as it read it, the user's own spelling comes back, in a rewrite's
     * window as among an infill's given tokens. A quote the model writes anew is its own {@code ``}.
     */
    @Test
    void quotesOfAnyStyleAreReadAsTheModelsAndWrittenBackAsTheUserWroteThem() {
        Vocabulary brown = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "w", "``", "''"));
        List<String> straight = List.of("\"", "w", "\"", M);
        List<String> curly = List.of("“", "w", "”", "w");
        SentenceWindows infill = new SentenceWindows(List.of(straight), brown, LEN);
        List<ModelRow> rows = infill.infillRound(0, Constraints.none(), SamplingOptions.builder().seed(1).build());
        assertEquals(List.of(brown.id("``"), brown.id("w"), brown.id("''")),
                List.of(rows.get(0).ids[0], rows.get(0).ids[1], rows.get(0).ids[2]));
        for (ModelRow row : rows) {
            row.result = row.ids.clone();
            row.result[3] = brown.id("``");
        }
        infill.writeInfilled(rows);
        assertEquals(List.of("\"", "w", "\"", "``"), infill.sentences().get(0));

        SentenceWindows rewrite = new SentenceWindows(List.of(curly), brown, LEN);
        List<ModelRow> rewritten = rewrite.rewriteRows(java.util.Collections.singletonList(null),
                List.of(Constraints.none()), SamplingOptions.builder().seed(1).build());
        assertEquals(brown.id("``"), rewritten.get(0).ids[0]);
        assertEquals(brown.id("''"), rewritten.get(0).ids[2]);
        for (ModelRow row : rewritten) {
            row.result = row.ids.clone(); // every word left as the model read it
        }
        rewrite.writeRewritten(rewritten, List.of(Constraints.none()));
        assertEquals(List.of(curly), rewrite.sentences());
    }
}
