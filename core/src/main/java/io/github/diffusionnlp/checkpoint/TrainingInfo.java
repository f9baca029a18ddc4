package io.github.diffusionnlp.checkpoint;

import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.ReadingRules;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.model.Sentiment;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint records of its training: enough to resume it and to tell a user what the model is.
 *
 * @param corpus the training corpus file(s)
 * @param trainSentences rows the corpus gave, not sentences: a sentence longer than the model's positions gives one
 *     row per window of that many words (Brown's training split: 47,798 sentences, 48,174 rows). The name stays, as
 *     every config.json and results file written so far records it so
 * @param step optimizer steps taken so far
 * @param totalSteps steps the learning-rate schedule was planned for
 * @param batchSize rows per step
 * @param learningRate peak learning rate
 * @param seed training seed
 * @param wallSeconds training wall time so far, over all resumed runs
 * @param trainLoss recent training cross-entropy (per token, nats)
 * @param devLoss last validation cross-entropy, measured on {@code dev} (every 250 steps and at a run's last, so
 *     possibly some steps before {@code step}), or NaN: none measured, or a resumed run's before its first measurement
 *     when it measures on another dev split than its checkpoint's, or on none, or resumes an averaged checkpoint
 *     without the average (a run of before 2026-12-07 carried the checkpoint's over, and a record without {@code
 *     dev} may hold one of a dev split it does not name)
 * @param metrics evaluation results added later (name to value)
 * @param averageDecay the decay of the moving average of the weights the checkpoint holds, or 0 when
 *     it holds the trained weights themselves (and in configs written before averaging existed)
 * @param layout the layout {@code corpus} was read in, the guess in place of {@code auto} ({@link
 *     TaggedCorpus.Read}), or null in configs written before it was recorded (guessed)
 * @param multiword how {@code corpus}'s CoNLL-U multiword tokens were read, or null in configs written before
 *     it was recorded ({@link MultiwordTokens#PARTS}, the only reading there was)
 * @param tagged whether the model was trained on UPOS tags at some point: the corpus read carried them (a word
 *     tagged other than X; {@link TaggedCorpus#untagged}), or a resumed run's checkpoint was trained on them (since
 *     2026-12-08; it keeps what it learnt of templates, while {@code layout} is the last corpus's); or null in configs
 *     written before it was recorded: then the layout tells ({@link #untagged}). The layout alone cannot: a CoNLL-U
 *     Plus corpus whose columns hold no UPOS is read again as {@code conllu}, every word X
 * @param warmupSteps the linear warm-up of the learning-rate schedule, which a resumed run goes on with where it is
 *     not given, or null in configs written before it was recorded (2026-12-05): then a resumed run takes the default
 *     warm-up of its steps, as it did before
 * @param sentimentLexiconShare the share of the corpus's tokens that the English lexicon labelling its sentiment
 *     rates ({@link SentimentLabeller}; English text about 4.7%), for a corpus large enough to judge by it; null for
 *     a smaller one, an autoregressive model (no sentiment condition) and configs written before it was recorded
 *     (2026-12-05). Under {@link SentimentLabeller#NOT_ENGLISH_RATED_SHARE} the corpus is probably not English and
 *     the model's sentiment condition means little ({@link #sentimentProbablyMeaningless})
 * @param corpusBytes the size of {@code corpus} when the run that saved the checkpoint read it, or null in configs
 *     written before it was recorded (2026-12-05) and for a corpus that is no regular file ({@link CorpusFingerprint})
 * @param corpusChecksum its crc32c then ({@code crc32c:} and 8 hex digits), null as {@code corpusBytes}: a run
 *     resumed on the same path whose file no longer has them says so
 * @param rowLengths how many training rows had each length, element {@code i} counting rows of {@code i + 1} words
 *     (one element for each of the model's positions), from which generation may draw its sentences' lengths
 *     ({@code SamplingOptions.Builder#drawLength}); null in configs written before it was recorded (2026-12-06),
 *     until the {@code row-lengths} command records it, and for an autoregressive model (it ends its own sentences)
 * @param rowLengthsByLabel the same counts for the rows of each sentiment label as training labelled them, from which
 *     a sentence generated with that label draws its length: the labels go with length (a longer row more often holds
 *     a rated word), so p(length | label) is not p(length). A label no row had is absent. Null where {@code rowLengths}
 *     is, and in configs that record {@code rowLengths} from before it was recorded (2026-12-06): then every sentence
 *     draws from {@code rowLengths} ({@link #rowLengthsFor})
 * @param dev the dev split the run measured its {@code devLoss} on, absolute and normalised as {@code corpus}, which
 *     a run resumed without one measures on again; null for a run without one and in configs written before it was
 *     recorded (2026-12-07): a resume without a dev split then measures none
 * @param devBytes the size of {@code dev} when the run that saved the checkpoint read it, null as {@code dev} and
 *     for a dev split that is no regular file ({@link CorpusFingerprint#recordedDev})
 * @param devChecksum its crc32c then, null as {@code devBytes}: a resume that would measure on a file that no longer
 *     has them is refused
 * @param readingRules the version of the rules by which {@code corpus}'s text was read into lines and sentences
 *     ({@link ReadingRules#CURRENT}), or null in configs written before it was recorded (2026-12-07), whose runs read
 *     by {@link ReadingRules#FIRST}: a bare CR ended no line, and plain text skipped every line starting with
 *     {@code #}. A run resumed on the same file, unchanged, that reads otherwise now is refused ({@code
 *     TrainingData}): its size and checksum are the same, its sentences are not
 */
public record TrainingInfo(
        String corpus, int trainSentences, int step, int totalSteps, int batchSize, double learningRate,
        long seed, double wallSeconds, double trainLoss, double devLoss, Map<String, Double> metrics,
        double averageDecay, CorpusLayout layout, MultiwordTokens multiword, Boolean tagged, Integer warmupSteps,
        Double sentimentLexiconShare, Long corpusBytes, String corpusChecksum, List<Integer> rowLengths,
        Map<Sentiment, List<Integer>> rowLengthsByLabel, String dev, Long devBytes, String devChecksum,
        Integer readingRules) {

    public TrainingInfo {
        if (metrics != null) { // Map.copyOf's NullPointerException named neither the metric nor the problem
            metrics.forEach((name, value) -> {
                if (value == null) {
                    throw new IllegalArgumentException("the metric '" + io.github.diffusionnlp.corpus.Visible.of(name)
                            + "' has no value (null): the file was edited or damaged; give it its value, or delete it");
                }
            });
        }
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        rowLengths = counts(rowLengths);
        if (rowLengthsByLabel != null) {
            Map<Sentiment, List<Integer>> byLabel = new EnumMap<>(Sentiment.class);
            rowLengthsByLabel.forEach((label, counts) -> byLabel.put(label, counts(counts)));
            rowLengthsByLabel = java.util.Collections.unmodifiableMap(byLabel);
        }
    }

    private static List<Integer> counts(List<Integer> counts) {
        // not List.copyOf: a damaged config's null count reaches the load's check, which names it
        return counts == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(counts));
    }

    /** A record that does not say by which rules its corpus was read ({@code readingRules}), as configs before. */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged, Integer warmupSteps, Double sentimentLexiconShare, Long corpusBytes,
            String corpusChecksum, List<Integer> rowLengths, Map<Sentiment, List<Integer>> rowLengthsByLabel,
            String dev, Long devBytes, String devChecksum) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, warmupSteps, sentimentLexiconShare, corpusBytes,
                corpusChecksum, rowLengths, rowLengthsByLabel, dev, devBytes, devChecksum, null);
    }

    /** A record that does not record its dev split ({@code dev}, {@code devBytes}, {@code devChecksum}). */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged, Integer warmupSteps, Double sentimentLexiconShare, Long corpusBytes,
            String corpusChecksum, List<Integer> rowLengths, Map<Sentiment, List<Integer>> rowLengthsByLabel) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, warmupSteps, sentimentLexiconShare, corpusBytes,
                corpusChecksum, rowLengths, rowLengthsByLabel, null, null, null);
    }

    /** A record that does not count its rows' lengths by label ({@code rowLengthsByLabel}), as configs before did. */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged, Integer warmupSteps, Double sentimentLexiconShare, Long corpusBytes,
            String corpusChecksum, List<Integer> rowLengths) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, warmupSteps, sentimentLexiconShare, corpusBytes,
                corpusChecksum, rowLengths, null);
    }

    /** A record that does not count its rows' lengths ({@code rowLengths}), as configs before it did. */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged, Integer warmupSteps, Double sentimentLexiconShare, Long corpusBytes,
            String corpusChecksum) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, warmupSteps, sentimentLexiconShare, corpusBytes,
                corpusChecksum, null);
    }

    /**
     * A record that does not fingerprint its corpus ({@code corpusBytes}, {@code corpusChecksum}), as configs before.
     */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged, Integer warmupSteps, Double sentimentLexiconShare) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, warmupSteps, sentimentLexiconShare, null, null);
    }

    /** A record that does not say how much of its corpus the sentiment lexicon rates, as configs before it did. */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged, Integer warmupSteps) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, warmupSteps, null);
    }

    /** A record that does not say its warm-up (see {@code warmupSteps}), as configs before it did. */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword,
            Boolean tagged) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, tagged, null);
    }

    /** A record that does not say whether its corpus was tagged (see {@link #untagged}), as configs before it did. */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay, CorpusLayout layout, MultiwordTokens multiword) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, layout, multiword, null, null);
    }

    /** A record whose corpus reading is not recorded (see {@link #corpusReading}). */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics, double averageDecay) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, averageDecay, null, null, null, null);
    }

    /** A record of a checkpoint that holds its trained weights (no average). */
    public TrainingInfo(String corpus, int trainSentences, int step, int totalSteps, int batchSize,
            double learningRate, long seed, double wallSeconds, double trainLoss, double devLoss,
            Map<String, Double> metrics) {
        this(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds, trainLoss, devLoss,
                metrics, 0);
    }

    /**
     * Whether the run reached the steps its learning-rate schedule was planned for ({@code step >= totalSteps}).
     * A record that {@code DiffusionTrainer.run()} or {@code ArTrainer.run()} returns unfinished is of a run that
     * its time budget stopped, with a checkpoint of its last step: the same options with {@code resume} continue it
     * (a run stopped by {@code stop()}, an interrupt or a signal ends with {@code TrainingStopped} instead); or of a
     * resumed run that had nothing to do, asked for no more steps than such a checkpoint had reached, whose record is
     * that checkpoint's ({@code step} at or past the steps asked tells it apart). A record of before the plan was
     * recorded (totalSteps 0) counts as finished.
     */
    public boolean finished() {
        return step >= totalSteps;
    }

    /**
     * Whether the model's sentiment condition probably means little: its corpus is probably not English, judged by
     * how few of its tokens the English lexicon that labelled it rates ({@code sentimentLexiconShare}). False when
     * that was not recorded.
     */
    public boolean sentimentProbablyMeaningless() {
        return sentimentLexiconShare != null && sentimentLexiconShare < SentimentLabeller.NOT_ENGLISH_RATED_SHARE;
    }

    /**
     * Why the sentiment condition probably means little, for a front end's warning after the setting it names ("the
     * English lexicon that labelled its training sentences rated only 1.5% of their tokens (English text: about
     * 4.7%), so its corpus is probably not English"); null when {@link #sentimentProbablyMeaningless} is false.
     */
    public String sentimentCaveat() {
        return !sentimentProbablyMeaningless() ? null : String.format(java.util.Locale.ROOT, "the English lexicon that"
                + " labelled its training sentences rated only %.1f%% of their tokens (English text: about %.1f%%), so"
                + " its corpus is probably not English", 100 * sentimentLexiconShare,
                100 * SentimentLabeller.ENGLISH_RATED_SHARE);
    }

    /** The same record with another validation loss. */
    public TrainingInfo withDevLoss(double devLoss) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay, layout, multiword, tagged, warmupSteps,
                sentimentLexiconShare, corpusBytes, corpusChecksum, rowLengths, rowLengthsByLabel, dev, devBytes,
                devChecksum, readingRules);
    }

    /** The same record with another corpus name (a results file writes it relative to the working directory). */
    public TrainingInfo withCorpus(String corpus) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay, layout, multiword, tagged, warmupSteps,
                sentimentLexiconShare, corpusBytes, corpusChecksum, rowLengths, rowLengthsByLabel, dev, devBytes,
                devChecksum, readingRules);
    }

    /** The same record with another dev split name (a results file writes it relative to the working directory). */
    public TrainingInfo withDev(String dev) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay, layout, multiword, tagged, warmupSteps,
                sentimentLexiconShare, corpusBytes, corpusChecksum, rowLengths, rowLengthsByLabel, dev, devBytes,
                devChecksum, readingRules);
    }

    /**
     * The same record with {@code rowLengths} and {@code rowLengthsByLabel} (null: not recorded) in place of its own:
     * both at once, since the counts by label are of the rows the overall counts count.
     */
    public TrainingInfo withRowLengths(List<Integer> rowLengths, Map<Sentiment, List<Integer>> rowLengthsByLabel) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay, layout, multiword, tagged, warmupSteps,
                sentimentLexiconShare, corpusBytes, corpusChecksum, rowLengths, rowLengthsByLabel, dev, devBytes,
                devChecksum, readingRules);
    }

    /**
     * The row lengths a sentence generated with {@code label} (null: none) draws its length from: the label's own
     * counts where they are recorded, else the overall {@code rowLengths}; null when those are not recorded (then the
     * record draws no lengths at all, whatever it holds by label: a config edited as an older one's is read so).
     */
    public List<Integer> rowLengthsFor(Sentiment label) {
        if (rowLengths == null) {
            return null;
        }
        List<Integer> own = label == null || rowLengthsByLabel == null ? null : rowLengthsByLabel.get(label);
        return own != null ? own : rowLengths;
    }

    /** The same record with {@code metrics} (null: none) in place of its own. */
    public TrainingInfo withMetrics(Map<String, Double> metrics) {
        return new TrainingInfo(corpus, trainSentences, step, totalSteps, batchSize, learningRate, seed, wallSeconds,
                trainLoss, devLoss, metrics, averageDecay, layout, multiword, tagged, warmupSteps,
                sentimentLexiconShare, corpusBytes, corpusChecksum, rowLengths, rowLengthsByLabel, dev, devBytes,
                devChecksum, readingRules);
    }

    /**
     * Whether the corpus carried no UPOS tags, so that a model trained on it cannot follow a template: as {@link
     * #tagged} says, or in a record of before it did, when the layout carries none (plain text, one word a line;
     * a layout not recorded, or guessed line by line, counts as tagged, as it always did).
     */
    public boolean untagged() {
        return whyUntagged() != null; // the one test is whyUntagged's, so that the verdict and its reason agree
    }

    /**
     * Why the record tells its corpus carried no UPOS tags ("its corpus was read as plain text, ..."), for a
     * message that says why a model refuses templates; null when it does not tell so ({@link #untagged}). Internal,
     * though this record is supported API: public for core's {@code api} and {@code cli} packages, which word the
     * refusal around it; its wording has no compatibility promise.
     */
    public String whyUntagged() {
        boolean layoutUntagged = layout != null && layout.untagged();
        if (tagged != null ? tagged : !layoutUntagged) {
            return null;
        }
        return layoutUntagged ? "its corpus was read as " + layout.description()
                : "its corpus" + (layout == null || layout == CorpusLayout.AUTO ? ""
                        : ", read as " + layout.description() + ",") + " carried none: every word X";
    }

    /**
     * How {@link #corpus} was read, for reading it again as the model was trained on it: as recorded, and
     * for a config written before it was (every model before --multiword existed), its layout guessed and
     * its multiword tokens as their parts ({@code de el}), which was all the reader did then.
     */
    public TaggedCorpus.Reading corpusReading() {
        return new TaggedCorpus.Reading(layout == null ? CorpusLayout.AUTO : layout,
                multiword == null ? UNRECORDED.multiword() : multiword);
    }

    /**
     * How a corpus was read for a model that records no reading (trained before it was recorded, or whose
     * config has no training record at all): its layout guessed, its multiword tokens as their parts, the only
     * reading there was then.
     */
    public static final TaggedCorpus.Reading UNRECORDED = new TaggedCorpus.Reading(CorpusLayout.AUTO,
            MultiwordTokens.PARTS);

    /**
     * How {@code file}, read for the model whose record is {@code training} (null: a model that records no
     * training), is read when nothing is said. The one way to that reading, for the library's users (with
     * {@code DiffusionLM.info().training()}) and the project's own readers alike: a resumed run's corpus,
     * tag-lexicon's, held-out sentences, a trigram's counts, n-gram fusion's corpus. The model's own training
     * corpus ({@link #isTrainedOn}) is read as {@link #corpusReading}; another file's layout is its own
     * (guessed), but its multiword tokens are read as the model's were ({@link #UNRECORDED} without a record),
     * since text compared with a model, or added to its training, must be split into words as its vocabulary
     * was: one with {@code de} and {@code el} never holds {@code del}.
     */
    public static TaggedCorpus.Reading readingFor(TrainingInfo training, Path file) {
        if (training == null) {
            return UNRECORDED;
        }
        return training.isTrainedOn(file) ? training.corpusReading()
                : TaggedCorpus.Reading.DEFAULT.orMultiword(training.corpusReading().multiword());
    }

    /**
     * Whether {@code file} is {@link #corpus}, which runs record absolute and normalised. A relative record (the
     * shipped models', edited to travel with the repository: {@code test-data/brown/train.conllu.gz}) is the file of
     * that relative path under any directory, as the lookups of a model's corpus find it (under the model's parents).
     */
    public boolean isTrainedOn(Path file) {
        if (corpus == null) {
            return false;
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (corpus.equals(absolute.toString())) {
            return true;
        }
        Path recorded;
        try {
            recorded = Path.of(corpus).normalize();
        } catch (InvalidPathException e) { // a name Java cannot take here (LANG=C) is no file given
            return false;
        }
        return !recorded.isAbsolute() && !recorded.toString().isEmpty() && !recorded.startsWith("..")
                && absolute.endsWith(recorded);
    }
}
