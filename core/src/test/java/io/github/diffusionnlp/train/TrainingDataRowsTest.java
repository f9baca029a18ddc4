package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainingData.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows both trainers read ({@link TrainingData#examples}, {@link TrainingData#wordRows}), kept packed since
 * ({@link PackedRows}), are the padded rows they were: word ids padded with {@link Vocabulary#PAD_ID} to the
 * model's width, UPOS ids with {@link Conditioning#END}, a sentence longer than the width cut into windows, each
 * window labelled on its own.
 */
class TrainingDataRowsTest {
    private static final int WIDTH = 4;

    private static TaggedSentence sentence(String text, Upos... tags) {
        return new TaggedSentence(List.of(text.split(" ")), List.of(tags));
    }

    private final List<TaggedSentence> sentences = List.of(
            sentence("a good good day was had .", Upos.DET, Upos.ADJ, Upos.ADJ, Upos.NOUN, Upos.AUX, Upos.VERB,
                    Upos.PUNCT),
            sentence("awful", Upos.ADJ));
    private final Vocabulary vocab = Vocabulary.build(sentences.stream().map(TaggedSentence::words).toList(), 100);
    private final SentimentLabeller labeller = SentimentLabeller.afinn();

    private int[] ids(String... words) {
        int[] row = new int[WIDTH];
        for (int i = 0; i < words.length; i++) {
            row[i] = vocab.id(words[i]);
        }
        return row;
    }

    private static int[] upos(Upos... tags) {
        return Conditioning.uposRow(List.of(tags), WIDTH);
    }

    @Test
    void diffusionRowsArePaddedWindowsEachLabelledOnItsOwn() {
        List<Example> rows = TrainingData.examples(sentences, vocab, labeller, WIDTH);
        assertEquals(3, rows.size());
        int[][] ids = {ids("a", "good", "good", "day"), ids("was", "had", "."), ids("awful")};
        int[][] upos = {upos(Upos.DET, Upos.ADJ, Upos.ADJ, Upos.NOUN), upos(Upos.AUX, Upos.VERB, Upos.PUNCT),
            upos(Upos.ADJ)};
        Sentiment[] sentiment = {Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE};
        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(ids[r], rows.get(r).ids(), "row " + r);
            assertArrayEquals(upos[r], rows.get(r).upos(), "row " + r);
            assertEquals(Conditioning.sentimentId(sentiment[r]), rows.get(r).sentiment(), "row " + r);
        }
        assertEquals(0, ids[2][1], "padding is PAD_ID");
        assertEquals(Conditioning.END, upos[2][1]);
    }

    @Test
    void wordRowsAreTheDiffusionRowsIds() {
        List<int[]> words = TrainingData.wordRows(sentences, vocab, WIDTH);
        List<Example> rows = TrainingData.examples(sentences, vocab, labeller, WIDTH);
        assertEquals(rows.size(), words.size());
        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(rows.get(r).ids(), words.get(r), "row " + r);
        }
    }

    /** The coverage the start-up logs and warns by, read off the packed words, is that of the padded rows. */
    @Test
    void packedCoverageIsThePaddedRowsCoverage() throws java.io.IOException {
        List<TaggedSentence> dev = TaggedCorpus.read(TestModels.devCorpus());
        Vocabulary small = Vocabulary.build(dev.stream().map(TaggedSentence::words).toList(), 2_000);
        for (int width : new int[] {64, 8}) {
            PackedRows packed = PackedRows.of(dev, small, labeller::label, width);
            double padded = TrainingNotes.coverage(packed.examples().stream().map(Example::ids).toList());
            assertEquals(padded, packed.coverage(), "width " + width);
            assertTrue(padded > 0.5 && padded < 1, "some words unknown: " + padded);
        }
    }

    /**
     * A dev split's measured rows, its first {@link TrainingLog#DEV_ROWS}, come from the fewest leading sentences that
     * make them, the same rows as when the whole split was made rows; an empty sentence (no row) is passed over.
     */
    @Test
    void theDevRowsComeFromTheLeadingSentencesOnly() throws java.io.IOException {
        List<TaggedSentence> dev = new java.util.ArrayList<>(TaggedCorpus.read(TestModels.devCorpus()));
        dev.add(3, new TaggedSentence(List.of(), List.of()));
        Vocabulary devVocab = Vocabulary.build(dev.stream().map(TaggedSentence::words).toList(), 2_000);
        for (int width : new int[] {64, 8}) {
            List<TaggedSentence> leading = TrainingData.makingFirstRows(dev, TrainingLog.DEV_ROWS, width);
            assertTrue(leading.size() <= TrainingLog.DEV_ROWS + 1 && leading.size() < dev.size(), "" + leading.size());
            List<Example> all = TrainingData.examples(dev, devVocab, labeller, width);
            List<Example> led = TrainingData.examples(leading, devVocab, labeller, width);
            assertTrue(led.size() >= TrainingLog.DEV_ROWS, "width " + width);
            int withoutTheLast = TrainingData.examples(leading.subList(0, leading.size() - 1), devVocab, labeller,
                    width).size();
            assertTrue(withoutTheLast < TrainingLog.DEV_ROWS, "the fewest sentences: " + withoutTheLast);
            for (int r = 0; r < TrainingLog.DEV_ROWS; r++) {
                assertArrayEquals(all.get(r).ids(), led.get(r).ids(), "width " + width + ", row " + r);
                assertArrayEquals(all.get(r).upos(), led.get(r).upos(), "width " + width + ", row " + r);
                assertEquals(all.get(r).sentiment(), led.get(r).sentiment(), "width " + width + ", row " + r);
            }
        }
        List<TaggedSentence> few = dev.subList(0, 5);
        assertEquals(few, TrainingData.makingFirstRows(few, TrainingLog.DEV_ROWS, 64), "fewer rows: all of them");
    }
}
