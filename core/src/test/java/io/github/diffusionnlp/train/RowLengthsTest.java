package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainingData.Example;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingData#rowLengths} counts the rows training makes: a long sentence as its windows, each under the
 * label training gives it; {@link PackedRows#rowLengths}, which train records, counts the same rows as it packs them,
 * labelling each row once.
 */
class RowLengthsTest {
    private static final int WIDTH = 64;

    private static TaggedSentence words(int n) {
        return new TaggedSentence(Collections.nCopies(n, "w"), Collections.nCopies(n, Upos.NOUN));
    }

    @Test
    void countsEachWindowOfALongSentence() {
        // 10 words in windows of 4: rows of 4, 4 and 2; 3 words: one row of 3; 4 words: one of 4
        assertEquals(List.of(0, 1, 1, 3), TrainingData.rowLengths(List.of(words(10), words(3), words(4)), 4,
                SentimentLabeller.afinn()).overall());
    }

    private static TaggedSentence sentence(String... words) {
        return new TaggedSentence(List.of(words), Collections.nCopies(words.length, Upos.NOUN));
    }

    @Test
    void countsEachWindowUnderItsOwnLabel() {
        // windows of 4: "good" (AFINN +3) makes its window positive, "bad" (-3) negative; the rest are neutral
        List<TaggedSentence> sentences = List.of(sentence("a", "good", "day", "here", "and", "so", "on"),
                sentence("a", "bad", "day"), sentence("a", "day"), sentence("w", "w", "w", "w", "w", "bad"));
        RowLengths counted = TrainingData.rowLengths(sentences, 4, SentimentLabeller.afinn());
        assertEquals(Map.of(Sentiment.POSITIVE, List.of(0, 0, 0, 1), Sentiment.NEGATIVE, List.of(0, 1, 1, 0),
                Sentiment.NEUTRAL, List.of(0, 1, 1, 1)), counted.byLabel());
        assertEquals(List.of(0, 2, 2, 2), counted.overall(), "the rows counted overall, split by label");
    }

    @Test
    void aLabelNoRowHasIsLeftOut() {
        assertEquals(Map.of(Sentiment.NEUTRAL, List.of(0, 1)), TrainingData.rowLengths(
                List.of(sentence("a", "day")), 2, SentimentLabeller.afinn()).byLabel());
    }

    /**
     * On Brown's dev split (and again cut into windows of 8, so that long sentences make several rows), the counts
     * packing makes are those train recorded before it counted them while packing (two more passes over the corpus,
     * kept below as they were), those {@code row-lengths} records, and those of the rows trained on; and the labeller
     * ran once a row.
     */
    @Test
    void packingCountsWhatTheSeparatePassesCountedOnBrown() throws IOException {
        List<TaggedSentence> dev = TaggedCorpus.read(TestModels.devCorpus());
        Vocabulary vocab = Vocabulary.build(dev.stream().map(TaggedSentence::words).toList(), 2_000);
        SentimentLabeller labeller = SentimentLabeller.afinn();
        for (int width : new int[] {WIDTH, 8}) {
            AtomicInteger labelled = new AtomicInteger();
            PackedRows packed = PackedRows.of(dev, vocab, words -> {
                labelled.incrementAndGet();
                return labeller.label(words);
            }, width);
            RowLengths counted = packed.rowLengths();
            assertEquals(packed.size(), labelled.get(), "each of the " + packed.size() + " rows labelled once");
            assertEquals(separatePassRowLengths(dev, width), counted.overall(), "width " + width);
            assertEquals(separatePassRowLengthsByLabel(dev, width, labeller), counted.byLabel(), "width " + width);
            assertEquals(TrainingData.rowLengths(dev, width, labeller), counted, "what row-lengths records");
            assertEquals(trainedRows(packed.examples(), width), counted, "the rows trained on");
            assertArrayEquals(packed.examples().stream().mapToInt(r -> Vocabulary.unpaddedLength(r.ids())).toArray(),
                    packed.wordCounts(), "the lengths batches are sorted by");
            assertEquals(Arrays.asList(Sentiment.values()), new ArrayList<>(counted.byLabel().keySet()),
                    "every label at this size, in order");
        }
    }

    /** How train counted the rows' lengths before (TrainingData.rowLengths of ad2fc3df): a pass of its own. */
    private static List<Integer> separatePassRowLengths(List<TaggedSentence> sentences, int maxLength) {
        int[] counts = new int[maxLength];
        TrainingData.forEachWindow(sentences, maxLength, (s, from, to) -> counts[to - from - 1]++);
        return Arrays.stream(counts).boxed().toList();
    }

    /** And by label (TrainingData.rowLengthsByLabel): another pass, labelling every row a second time. */
    private static Map<Sentiment, List<Integer>> separatePassRowLengthsByLabel(List<TaggedSentence> sentences,
            int maxLength, SentimentLabeller labeller) {
        Map<Sentiment, int[]> counts = new EnumMap<>(Sentiment.class);
        TrainingData.forEachWindow(sentences, maxLength, (s, from, to) -> counts.computeIfAbsent(
                labeller.label(s.words().subList(from, to)), l -> new int[maxLength])[to - from - 1]++);
        Map<Sentiment, List<Integer>> out = new EnumMap<>(Sentiment.class);
        counts.forEach((label, c) -> out.put(label, Arrays.stream(c).boxed().toList()));
        return out;
    }

    /** The counts read off the padded rows themselves: each row's words and the sentiment id it trains with. */
    private static RowLengths trainedRows(List<Example> rows, int width) {
        RowLengths.Counter counter = new RowLengths.Counter(width);
        for (Example row : rows) {
            Sentiment label = Arrays.stream(Sentiment.values())
                    .filter(s -> Conditioning.sentimentId(s) == row.sentiment()).findFirst().orElseThrow();
            counter.add(Vocabulary.unpaddedLength(row.ids()), label);
        }
        return counter.counts();
    }
}
