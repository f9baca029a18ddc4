package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.diffusionnlp.SamplingRuns;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code syntax=keep} on the shipped model: a sentence longer than its 64 positions is rewritten window by window by
 * core, in the one call of the batch ({@code DiffusionLM.rewriteAll} under its own tags), its {@code [MASK]}s filled
 * first as infill fills them. It was also sent whole, every token kept, in the batch of the others, where core filled
 * its masks (a mask is never kept) and rewrote the windows holding them, a pass whose words were then thrown away.
 */
class KeptSyntaxRewriteTest {
    @Test
    void aLongSentenceIsRewrittenInTheBatchsOneCallSamplingOnlyTheRowsCounted() {
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> longSentence = new ArrayList<>();
        List<Upos> longTags = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // masks in both 64-token windows
            longSentence.add(i == 3 || i == 66 ? DiffusionLM.MASK : i % 2 == 0 ? "the" : "report");
            longTags.add(i % 2 == 0 ? Upos.DET : Upos.NOUN);
        }
        List<String> shortSentence = List.of("The", DiffusionLM.MASK, "was", "late", ".");
        List<Upos> shortTags = List.of(Upos.DET, Upos.NOUN, Upos.AUX, Upos.ADJ, Upos.PUNCT);
        boolean[] keepLong = new boolean[70];
        keepLong[0] = true;
        boolean[] keepShort = {false, false, true, false, true};

        SamplingRuns progress = new SamplingRuns();
        SamplingOptions options = SamplingOptions.builder().steps(2).seed(11).optProgress(progress).build();
        List<List<String>> out = KeptSyntaxRewrite.rewrite(lm, List.of(longTags, shortTags),
                List.of(longSentence, shortSentence), List.of(keepLong, keepShort), 0.5, Constraints.none(), options,
                null);

        SampledRows counted = KeptSyntaxRewrite.rows(lm, longTags, longSentence, keepLong, Constraints.none())
                .plus(KeptSyntaxRewrite.rows(lm, shortTags, shortSentence, keepShort, Constraints.none()));
        // each stretch holding a mask filled, each window rewritten; the short sentence: the same. No pass more.
        assertEquals(new SampledRows(3, 3), counted);
        assertEquals(counted.sampled() + counted.filled(), progress.rows(), "rows core sampled");

        // the same seed gives the same words
        SamplingRuns again = new SamplingRuns();
        assertEquals(out, KeptSyntaxRewrite.rewrite(lm, List.of(longTags, shortTags),
                List.of(longSentence, shortSentence), List.of(keepLong, keepShort), 0.5, Constraints.none(),
                options.toBuilder().optProgress(again).build(), null));
        assertEquals("the", out.get(0).get(0), "kept");
        assertNotEquals(DiffusionLM.MASK, out.get(0).get(66), "filled in its window");
        assertNotEquals(DiffusionLM.MASK, out.get(1).get(1));
    }

    /**
     * A bad token in a later window of a long sentence is refused before anything is sampled (the short sentence's
     * batch and the first window were sampled first, then thrown away) and named by its place in the sentence and
     * the sentence's in the list: it was named by its place in the window, of a "sentence 0".
     */
    @Test
    void aBadTokenInALaterWindowIsRefusedFirstAndNamedAsGiven() {
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> longSentence = new ArrayList<>();
        List<Upos> longTags = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            longSentence.add(i == 3 ? DiffusionLM.MASK : i == 66 ? "two words" : "report");
            longTags.add(Upos.NOUN);
        }
        List<String> shortSentence = List.of("The", DiffusionLM.MASK, "was", "late", ".");
        List<Upos> shortTags = List.of(Upos.DET, Upos.NOUN, Upos.AUX, Upos.ADJ, Upos.PUNCT);
        SamplingRuns progress = new SamplingRuns();
        SamplingOptions options = SamplingOptions.builder().steps(2).seed(11).optProgress(progress).build();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KeptSyntaxRewrite.rewrite(lm, List.of(shortTags, longTags), List.of(shortSentence, longSentence),
                        List.of(new boolean[5], new boolean[70]), 0.5, Constraints.none(), options, null));
        assertEquals("token 66 of sentence 1, 'two words', holds whitespace: a token is a word of whitespace-split"
                + " text; split it into tokens", refused.getMessage());
        assertEquals(0, progress.rows(), "rows sampled before the refusal");
    }

    /**
     * A long sentence's keep mask of the wrong length is refused as a short sentence's is, in core's words, naming the
     * sentence, before anything is sampled: it was padded with tokens not kept, or cut, and the sentence rewritten.
     * A null mask keeps nothing, as core's does (it was a NullPointerException). {@code rows} refuses alike.
     */
    @Test
    void aKeepMaskOfTheWrongLengthIsRefusedForALongSentenceAsForAShortOne() {
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> longSentence = new ArrayList<>();
        List<Upos> longTags = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            longSentence.add(i % 2 == 0 ? "the" : "report");
            longTags.add(i % 2 == 0 ? Upos.DET : Upos.NOUN);
        }
        List<String> shortSentence = List.of("The", "report", "was", "late", ".");
        List<Upos> shortTags = List.of(Upos.DET, Upos.NOUN, Upos.AUX, Upos.ADJ, Upos.PUNCT);
        SamplingRuns progress = new SamplingRuns();
        SamplingOptions options = SamplingOptions.builder().steps(1).seed(11).optProgress(progress).build();

        assertEquals("sentence 1 has 5 tokens but its keep mask has 4", assertThrows(IllegalArgumentException.class,
                () -> KeptSyntaxRewrite.rewrite(lm, List.of(longTags, shortTags), List.of(longSentence, shortSentence),
                        List.of(new boolean[70], new boolean[4]), 0.5, Constraints.none(), options, null))
                .getMessage());
        for (int length : new int[] {69, 71}) {
            assertEquals("sentence 1 has 70 tokens but its keep mask has " + length, assertThrows(
                    IllegalArgumentException.class, () -> KeptSyntaxRewrite.rewrite(lm, List.of(shortTags, longTags),
                            List.of(shortSentence, longSentence), List.of(new boolean[5], new boolean[length]), 0.5,
                            Constraints.none(), options, null)).getMessage());
            assertEquals("70 tokens but a keep mask of " + length, assertThrows(IllegalArgumentException.class,
                    () -> KeptSyntaxRewrite.rows(lm, longTags, longSentence, new boolean[length], Constraints.none()))
                    .getMessage());
        }
        assertEquals("5 tokens but a keep mask of 4", assertThrows(IllegalArgumentException.class,
                () -> KeptSyntaxRewrite.rows(lm, shortTags, shortSentence, new boolean[4], Constraints.none()))
                .getMessage());
        assertEquals(0, progress.rows(), "rows sampled before the refusals");

        List<boolean[]> none = new ArrayList<>();
        none.add(null);
        assertEquals(KeptSyntaxRewrite.rewrite(lm, List.of(longTags), List.of(longSentence), List.of(new boolean[70]),
                0.5, Constraints.none(), options, null), KeptSyntaxRewrite.rewrite(lm, List.of(longTags),
                List.of(longSentence), none, 0.5, Constraints.none(), options, null), "a null mask keeps nothing");
        assertEquals(KeptSyntaxRewrite.rows(lm, longTags, longSentence, new boolean[70], Constraints.none()),
                KeptSyntaxRewrite.rows(lm, longTags, longSentence, null, Constraints.none()));
    }
    /**
     * A sentence's tag list of the wrong length is refused, naming the sentence, before anything is sampled: a long
     * sentence's too few tags threw an IndexOutOfBoundsException from a window's subList and too many were cut without
     * a word; a short sentence's became a template of another length, to which it was rewritten. {@code rows} refuses
     * alike. The annotator always gives one tag a word: this guards a direct caller.
     */
    @Test
    void aTagListOfTheWrongLengthIsRefusedNamingTheSentence() {
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> longSentence = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            longSentence.add(i % 2 == 0 ? "the" : "report");
        }
        List<String> shortSentence = List.of("The", "report", "was", "late", ".");
        List<Upos> shortTags = List.of(Upos.DET, Upos.NOUN, Upos.AUX, Upos.ADJ, Upos.PUNCT);
        SamplingRuns progress = new SamplingRuns();
        SamplingOptions options = SamplingOptions.builder().steps(1).seed(11).optProgress(progress).build();

        for (int length : new int[] {69, 71}) {
            List<Upos> tags = java.util.Collections.nCopies(length, Upos.NOUN);
            assertEquals("sentence 1 has 70 tokens but its tag list has " + length, assertThrows(
                    IllegalArgumentException.class, () -> KeptSyntaxRewrite.rewrite(lm, List.of(shortTags, tags),
                            List.of(shortSentence, longSentence), List.of(new boolean[5], new boolean[70]), 0.5,
                            Constraints.none(), options, null)).getMessage());
            assertEquals("70 tokens but a tag list of " + length, assertThrows(IllegalArgumentException.class,
                    () -> KeptSyntaxRewrite.rows(lm, tags, longSentence, new boolean[70], Constraints.none()))
                    .getMessage());
        }
        List<Upos> fourTags = shortTags.subList(0, 4);
        assertEquals("sentence 0 has 5 tokens but its tag list has 4", assertThrows(IllegalArgumentException.class,
                () -> KeptSyntaxRewrite.rewrite(lm, List.of(fourTags), List.of(shortSentence),
                        List.of(new boolean[5]), 0.5, Constraints.none(), options, null)).getMessage());
        assertEquals("5 tokens but a tag list of 4", assertThrows(IllegalArgumentException.class,
                () -> KeptSyntaxRewrite.rows(lm, fourTags, shortSentence, new boolean[5], Constraints.none()))
                .getMessage());
        assertEquals(0, progress.rows(), "rows sampled before the refusals");
    }

    /**
     * Tag lists and keep masks not one per sentence are refused saying the counts, before anything is sampled: fewer
     * threw an IndexOutOfBoundsException, and more tag lists than sentences were left unread without a word.
     */
    @Test
    void tagListsOrKeepMasksNotOnePerSentenceAreRefusedSayingTheCounts() {
        DiffusionLM lm = SharedModels.get(null, null);
        List<String> sentence = List.of("The", "report", "was", "late", ".");
        List<Upos> tags = List.of(Upos.DET, Upos.NOUN, Upos.AUX, Upos.ADJ, Upos.PUNCT);
        SamplingRuns progress = new SamplingRuns();
        SamplingOptions options = SamplingOptions.builder().steps(1).seed(11).optProgress(progress).build();
        List<List<String>> two = List.of(sentence, sentence);
        Object[][] cases = {
            {List.of(tags), List.of(new boolean[5], new boolean[5]), "1 tag list and 2 keep masks for 2 sentences"},
            {List.of(tags, tags), List.of(new boolean[5]), "2 tag lists and 1 keep mask for 2 sentences"},
            {List.of(tags, tags, tags), List.of(new boolean[5], new boolean[5]),
                "3 tag lists and 2 keep masks for 2 sentences"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<List<Upos>> tagLists = (List<List<Upos>>) c[0];
            @SuppressWarnings("unchecked")
            List<boolean[]> keep = (List<boolean[]>) c[1];
            assertEquals(c[2], assertThrows(IllegalArgumentException.class, () -> KeptSyntaxRewrite.rewrite(lm,
                    tagLists, two, keep, 0.5, Constraints.none(), options, null)).getMessage());
        }
        assertEquals(0, progress.rows(), "rows sampled before the refusals");
    }
}
