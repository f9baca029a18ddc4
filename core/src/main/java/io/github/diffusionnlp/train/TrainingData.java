package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.HashLinesOnly;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.StoppableReading;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How both trainers read their corpora and turn sentences into rows, so that {@link DiffusionTrainer} and
 * {@link ArTrainer} train on the same rows.
 */
public final class TrainingData {
    private TrainingData() {}

    /**
     * A run's training sentences and its dev split's (none without {@code --dev}), and how the training
     * sentences were read (the layout guessed in place of auto), which its checkpoints record.
     */
    /**
     * {@code fingerprint}: the corpus file's size and checksum, which the run's checkpoints record (null: no file);
     * {@code devFingerprint}: the dev split's so (null: none, or no file); {@code devReadsOtherwise}: whether the dev
     * split is the one the resumed checkpoint measured on, and reads as other sentences now than by the rules that
     * checkpoint's run read by ({@link RecordedCorpus#devLossCarried} carries no loss of it then).
     */
    record Corpora(List<TaggedSentence> train, List<TaggedSentence> dev, TaggedCorpus.Reading reading,
            CorpusFingerprint fingerprint, CorpusFingerprint devFingerprint, boolean devReadsOtherwise) {}

    /**
     * Reads the corpus and the dev split in the options' layout and multiword-token reading
     * ({@link TrainOptions#corpusReading}: a resumed run's corpus as its checkpoint {@code resumed} recorded),
     * for train and train-ar alike, the training sentences {@code alreadyRead} (when not null) in their place.
     * A corpus, or a dev split given, without a sentence is refused: there is nothing to train on, and a dev loss
     * of nothing would go unseen. The reading checks {@code startUp} every few thousand lines.
     */
    static Corpora read(TrainOptions options, TrainingInfo resumed, TaggedCorpus.Read alreadyRead,
            PrintStream log, StartUp startUp) throws IOException {
        TaggedCorpus.Reading reading = options.corpusReading(resumed);
        startUp.enter("reading the corpus");
        TaggedCorpus.Read read = alreadyRead != null ? alreadyRead : readSaying(options, reading, log, startUp);
        if (options.dev() != null) {
            startUp.enter("reading the dev split");
        }
        List<TaggedSentence> corpus = read.sentences();
        if (alreadyRead != null) { // counted with the rows packed from them, however they were read
            StoppableReading.requireRoomToTrain(options.corpus(), corpus);
        }
        // the dev split is its own file: its layout is said or guessed, its multiword tokens read as the corpus's
        TaggedCorpus.Read devRead = options.dev() == null ? null
                : StoppableReading.readBeside(options.dev(), TaggedCorpus.Reading.DEFAULT.orLayout(options.layout())
                        .orMultiword(reading.multiword()), log, LayoutOption.COMMAND_LINE, startUp::check,
                        options.corpus(), corpus);
        List<TaggedSentence> devCorpus = devRead == null ? List.of() : devRead.sentences();
        requireSentences(options.corpus().toString(), options.corpus(), read,
                options.names().given(TrainOptions.Setting.LAYOUT, CorpusLayout.PLAIN));
        if (options.dev() != null && devCorpus.isEmpty()) {
            String named = Visible.of(options.dev()) + " (the dev split)";
            // the layout setting reads both files: plain text is a way out only when the corpus reads so already
            String plain = read.reading().layout() != CorpusLayout.PLAIN ? null : HashLinesOnly.refusal(named,
                    options.dev(), devRead.reading(), options.names().given(TrainOptions.Setting.LAYOUT,
                            CorpusLayout.PLAIN) + " (it reads the corpus too, which is read as plain text already)");
            throw new IOException(plain != null ? plain : named + " holds no sentences (it is empty, or every line is"
                    + " blank or a # comment)");
        }
        CorpusFingerprint fingerprint = CorpusFingerprint.of(options.corpus());
        // the same file, unchanged, may read as other sentences now than for the checkpoint's run
        RecordedCorpus.requireSameReading(options, resumed, read.reading().layout(), fingerprint);
        CorpusFingerprint devFingerprint = options.dev() == null ? null : CorpusFingerprint.of(options.dev());
        return new Corpora(corpus, devCorpus, read.reading(), fingerprint, devFingerprint,
                devRead != null && RecordedCorpus.readsOtherwise(resumed, options.dev(), devRead.reading().layout(),
                        devFingerprint));
    }

    /**
     * The corpus read, saying so before and after: reading a large one is most of a start-up (several seconds for
     * Brown's training split, over a minute for eight copies) and was silent.
     */
    private static TaggedCorpus.Read readSaying(TrainOptions options, TaggedCorpus.Reading reading, PrintStream log,
            StartUp startUp) throws IOException {
        long start = System.nanoTime();
        log.println("corpus: reading " + Visible.of(options.corpus()) + "...");
        TaggedCorpus.Read read = StoppableReading.readAs(options.corpus(), reading, log, LayoutOption.COMMAND_LINE,
                startUp::check);
        log.printf(Locale.ROOT, "corpus: %s read in %.1f s%n", Counted.of(read.sentences().size(), "sentence",
                "sentences"), (System.nanoTime() - start) / 1e9);
        return read;
    }

    /**
     * Internal (shared with the benchmark; no compatibility promise). Refuses a training corpus without a
     * sentence, {@code named} as the user gave it ({@code "train.txt"}, {@code "--corpus train.txt"}): there is
     * nothing to train on.
     */
    public static void requireSentences(String named, List<TaggedSentence> corpus) throws IOException {
        requireSentences(named, null, new TaggedCorpus.Read(corpus, null), null);
    }

    /**
     * Internal (shared with the benchmark and {@code evaluate}; no compatibility promise). Refuses {@code file}, read
     * as {@code read}, without a sentence, {@code named} as the user gave it; one read in a layout of columns that
     * plain text reads sentences in (a file of {@code #MeToo is trending} lines, guessed to be columns) is refused
     * saying so and to give {@code givePlain}, the caller's setting for plain text ({@code --layout plain}; {@link
     * HashLinesOnly}). {@code file} or {@code givePlain} null: no such hint (no plain reading the caller can ask for).
     */
    public static void requireSentences(String named, Path file, TaggedCorpus.Read read, String givePlain)
            throws IOException {
        List<TaggedSentence> corpus = read.sentences();
        if (corpus.isEmpty() && file != null && givePlain != null) {
            String plain = HashLinesOnly.refusal(Visible.of(named), file, read.reading(), givePlain);
            if (plain != null) {
                throw new IOException(plain);
            }
        }
        if (corpus.isEmpty()) {
            throw new IOException(Visible.of(named) + " holds no sentences (it is empty, or every line is blank or a #"
                    + " comment); give a corpus of one sentence a line, or of CoNLL-U, word<TAB>UPOS or one-word"
                    + " lines");
        }
    }

    /**
     * One diffusion training row: word ids (right-padded to maxLength), its UPOS ids (END on the padding) and its
     * sentiment id, both possibly {@link Conditioning#NONE} once dropped.
     */
    record Example(int[] ids, int[] upos, int sentiment) {}

    /**
     * Sentences as diffusion rows ({@link #wordRows}), each labelled on its own by {@code labeller} and tagged
     * with its words' UPOS. The rows are kept packed ({@link PackedRows}) and padded one by one as they are got.
     */
    static List<Example> examples(List<TaggedSentence> sentences, Vocabulary vocab, SentimentLabeller labeller,
            int maxLength) {
        return PackedRows.of(sentences, vocab, labeller::label, maxLength).examples();
    }

    /**
     * Sentences as rows of word ids right-padded to maxLength, longer ones cut into consecutive windows of
     * maxLength: the rows of both trainers (the autoregressive one needs neither tags nor sentiment). Kept packed
     * as {@link #examples} are.
     */
    static List<int[]> wordRows(List<TaggedSentence> sentences, Vocabulary vocab, int maxLength) {
        return PackedRows.of(sentences, vocab, null, maxLength).wordRows();
    }

    /**
     * How many of the rows {@link #examples} makes of {@code sentences} have each length, overall and for each label
     * each row gets ({@link #label}), counted in one pass that labels each row once: what {@code row-lengths}
     * records for a model trained before training recorded it ({@link PackedRows#rowLengths} counts the same as it
     * packs the rows), when there is no vocabulary to pack the rows with.
     */
    public static RowLengths rowLengths(List<TaggedSentence> sentences, int maxLength, SentimentLabeller labeller) {
        RowLengths.Counter counter = new RowLengths.Counter(maxLength);
        Function<List<String>, Sentiment> labels = labeller::label;
        forEachWindow(sentences, maxLength, (s, from, to) -> counter.add(to - from, label(labels, s, from, to)));
        return counter.counts();
    }

    /**
     * The sentiment label of the row of {@code sentence}'s words {@code from} to {@code to}: its own words' label
     * ({@code labeller}: a {@link SentimentLabeller}'s {@code label}).
     */
    static Sentiment label(Function<List<String>, Sentiment> labeller, TaggedSentence sentence, int from, int to) {
        return labeller.apply(sentence.words().subList(from, to));
    }

    interface Window {
        void accept(TaggedSentence sentence, int from, int to);
    }

    /**
     * Each row the sentences make, in order: a sentence of at most maxLength words whole, a longer one in consecutive
     * windows of maxLength. The one rule of the trained rows ({@link PackedRows}) and their recorded lengths.
     */
    static void forEachWindow(List<TaggedSentence> sentences, int maxLength, Window window) {
        for (TaggedSentence s : sentences) {
            forEachWindow(s, maxLength, window);
        }
    }

    /** The rows of one sentence ({@link #forEachWindow(List, int, Window)}). */
    private static void forEachWindow(TaggedSentence s, int maxLength, Window window) {
        int size = s.words().size();
        for (int from = 0; from < size; from += maxLength) {
            window.accept(s, from, Math.min(size, from + maxLength));
        }
    }

    /**
     * The fewest leading sentences whose rows include the first {@code rows} rows that {@code sentences} make (all of
     * them when they make fewer): the part of a dev split its loss is measured on ({@link TrainingLog#DEV_ROWS}), so
     * that the rest is neither labelled nor packed.
     */
    static List<TaggedSentence> makingFirstRows(List<TaggedSentence> sentences, int rows, int maxLength) {
        int[] made = {0};
        int taken = 0;
        while (taken < sentences.size() && made[0] < rows) {
            forEachWindow(sentences.get(taken++), maxLength, (s, from, to) -> made[0]++);
        }
        return sentences.subList(0, taken);
    }
}
