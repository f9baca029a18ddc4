package io.github.diffusionnlp.train;

import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainingData.Example;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * Training rows kept as their words only, every row's ids in one array (and their UPOS ids and sentiment ids in
 * bytes, for diffusion rows), each padded to the model's width only when a batch asks for it: padded rows of
 * {@code int} took 2 × (16 + 4 × 64) bytes a row plus the row's objects, some 550 bytes for Brown's rows of 20
 * words on average, where these take about 110. The rows read are those {@link #examples} and {@link #wordRows}
 * hand out, padded as they were when every row was made padded.
 */
final class PackedRows {
    private final int width;
    /** Row {@code r}'s words are {@code ids[starts[r]]} to {@code ids[starts[r + 1] - 1]}. */
    private final int[] starts;
    private final int[] ids;
    /** Each word's UPOS id, or null (word rows). */
    private final byte[] upos;
    /** Each row's sentiment id, or null (word rows). */
    private final byte[] sentiment;
    /** How many rows have each length, overall and by label, counted as they were labelled; null (word rows). */
    private final RowLengths lengths;

    private PackedRows(int width, int[] starts, int[] ids, byte[] upos, byte[] sentiment, RowLengths lengths) {
        this.width = width;
        this.starts = starts;
        this.ids = ids;
        this.upos = upos;
        this.sentiment = sentiment;
        this.lengths = lengths;
    }

    /**
     * Rows of {@code sentences}, cut into windows of {@code width}; with their tags and sentiment when labelled
     * ({@code labeller}: a {@link SentimentLabeller}'s {@code label}, or null for word rows), each row labelled once,
     * its label and length counted then ({@link #rowLengths}).
     */
    static PackedRows of(List<TaggedSentence> sentences, Vocabulary vocab, Function<List<String>, Sentiment> labeller,
            int width) {
        long words = 0;
        for (TaggedSentence s : sentences) {
            words += s.size();
        }
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%,d training words, more than"
                    + " the %,d one run holds; train on a part of the corpus", words, Integer.MAX_VALUE - 8));
        }
        int[] rows = {0};
        TrainingData.forEachWindow(sentences, width, (s, from, to) -> rows[0]++);
        int[] starts = new int[rows[0] + 1];
        int[] ids = new int[(int) words];
        byte[] upos = labeller == null ? null : new byte[ids.length];
        byte[] sentiment = labeller == null ? null : new byte[rows[0]];
        RowLengths.Counter counter = labeller == null ? null : new RowLengths.Counter(width);
        int[] row = {0}; // the row and the word written next
        int[] at = {0};
        TrainingData.forEachWindow(sentences, width, (s, from, to) -> {
            starts[row[0]] = at[0];
            for (int i = from; i < to; i++, at[0]++) {
                ids[at[0]] = vocab.id(s.words().get(i));
                if (upos != null) {
                    upos[at[0]] = (byte) Conditioning.uposId(s.tags().get(i));
                }
            }
            if (sentiment != null) {
                Sentiment label = TrainingData.label(labeller, s, from, to);
                sentiment[row[0]] = (byte) Conditioning.sentimentId(label);
                counter.add(to - from, label);
            }
            row[0]++;
        });
        starts[rows[0]] = at[0];
        return new PackedRows(width, starts, ids, upos, sentiment, counter == null ? null : counter.counts());
    }

    int size() {
        return starts.length - 1;
    }

    /**
     * The share of the rows' words that the vocabulary knows (not {@link Vocabulary#UNK_ID}): {@link
     * TrainingNotes#coverage} of the padded rows, read off the packed words without padding a row.
     */
    double coverage() {
        long known = 0;
        for (int id : ids) {
            known += id == Vocabulary.UNK_ID ? 0 : 1;
        }
        return ids.length == 0 ? 0 : (double) known / ids.length;
    }

    /** Each row's number of words, in row order: what a padded row's {@link Vocabulary#unpaddedLength} is. */
    int[] wordCounts() {
        int[] words = new int[size()];
        for (int r = 0; r < words.length; r++) {
            words[r] = starts[r + 1] - starts[r];
        }
        return words;
    }

    /**
     * How many rows have each length, overall and for each label the rows got when they were packed (the same counts
     * as {@link TrainingData#rowLengths} of the same sentences, without labelling them again).
     */
    RowLengths rowLengths() {
        if (lengths == null) {
            throw new IllegalStateException("word rows carry no sentiment");
        }
        return lengths;
    }

    /** Row {@code r}'s word ids, right-padded with {@link Vocabulary#PAD_ID} to the width: a new array. */
    int[] ids(int r) {
        int[] row = new int[width]; // all PAD_ID, 0, past the words
        System.arraycopy(ids, starts[r], row, 0, starts[r + 1] - starts[r]);
        return row;
    }

    /** Row {@code r}'s UPOS ids, {@link Conditioning#END} on the padding: a new array. */
    int[] upos(int r) {
        int[] row = new int[width];
        int from = starts[r];
        int words = starts[r + 1] - from;
        for (int i = 0; i < width; i++) {
            row[i] = i < words ? upos[from + i] : Conditioning.END;
        }
        return row;
    }

    /** The rows as diffusion examples, each padded when it is got (rows made without a labeller have none). */
    List<Example> examples() {
        if (sentiment == null) {
            throw new IllegalStateException("word rows carry no tags or sentiment");
        }
        return new View<>(r -> new Example(ids(r), upos(r), sentiment[r]));
    }

    /** The rows as word ids, each padded when it is got. */
    List<int[]> wordRows() {
        return new View<>(this::ids);
    }

    private final class View<T> extends AbstractList<T> implements RandomAccess {
        private final java.util.function.IntFunction<T> row;

        View(java.util.function.IntFunction<T> row) {
            this.row = row;
        }

        @Override
        public T get(int index) {
            java.util.Objects.checkIndex(index, size());
            return row.apply(index);
        }

        @Override
        public int size() {
            return PackedRows.this.size();
        }
    }
}
