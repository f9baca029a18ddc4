package io.github.diffusionnlp.train;

import ai.djl.ndarray.NDList;
import com.google.common.collect.Multiset;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.train.TrainOptions.Setting;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The notes a run prints where what it was given differs from what it trains on, shared by {@code train}
 * ({@link DiffusionTrainer}) and {@code train-ar} ({@link ArTrainer}), which resume alike: another corpus
 * than the checkpoint's, another learning-rate plan, a vocabulary that misses most of the corpus, sentences
 * cut to fit the model's rows.
 */
final class TrainingNotes {
    /** Below this share of the corpus's tokens in the vocabulary, {@link #warnOfPoorCoverage} speaks up. */
    private static final double POOR_COVERAGE = 0.5;
    /**
     * Above this share of tokens that end in punctuation joined to a word, the corpus looks untokenised. Brown,
     * tokenised, has 0.42% (Mr., Mrs., Dr., U.S., initials: abbreviations keep their point); plain French text split
     * only at spaces, 11.6% (soir., juillet,).
     */
    static final double UNTOKENISED_SHARE = 0.02;
    /** A letter or digit, then the punctuation a tokeniser splits off: "soir." and "juillet," but not "." or "...". */
    private static final Pattern JOINED_PUNCTUATION = Pattern.compile("[\\p{L}\\p{N}][.,!?;:]$");

    private final TrainOptions options;
    /** The caller's names for the settings the notes name ({@link TrainOptions#names}). */
    private final SettingNames names;
    private final PrintStream log;

    TrainingNotes(TrainOptions options, PrintStream log) {
        this.options = options;
        this.names = options.names();
        this.log = log;
    }

    /**
     * Sentences longer than the model's rows are trained as consecutive windows of {@code maxLength} words
     * ({@link TrainingData#wordRows}); said, as a treebank of long sentences trains on pieces of them.
     */
    static void noteCutSentences(List<TaggedSentence> corpus, int maxLength, PrintStream log) {
        long cut = corpus.stream().filter(sentence -> sentence.size() > maxLength).count();
        if (cut > 0) {
            log.printf(Locale.ROOT, "note: %,d %s longer than the model's %d positions %s cut into several rows%n",
                    cut, cut == 1 ? "sentence" : "sentences", maxLength, cut == 1 ? "is" : "are");
        }
    }

    /**
     * The sentiment labels come from AFINN-165 ({@link SentimentLabeller}), an English lexicon: says how much of
     * the corpus it rates beside what English text gets, and, when that is far below, that the corpus is probably
     * not English, so that the sentiment condition, trained on labels from English words that happen to be spelt
     * alike, will mean little. Returns the share rated when the corpus has enough tokens to judge by it
     * ({@link SentimentLabeller#TOKENS_TO_JUDGE_LANGUAGE}), for the checkpoint to record; null otherwise.
     */
    Double noteSentimentLexicon(CorpusSpellings corpus, SentimentLabeller labeller) {
        long tokens = corpus.tokens();
        long rated = corpus.tokens(word -> labeller.valence(word) != 0);
        double share = tokens == 0 ? 0 : (double) rated / tokens;
        log.printf(Locale.ROOT, "sentiment labels: the AFINN-165 lexicon, which is English, rates %.1f%% of the"
                + " corpus's tokens (English text: about %.1f%%)%n", 100 * share,
                100 * SentimentLabeller.ENGLISH_RATED_SHARE);
        if (tokens >= SentimentLabeller.TOKENS_TO_JUDGE_LANGUAGE && share < SentimentLabeller.NOT_ENGLISH_RATED_SHARE) {
            log.println("note: so few rated words suggest that the corpus is not English: its sentiment labels come"
                    + " from the English words its words happen to spell, so sampling this model toward a sentiment"
                    + " will mean little (its infilling and generation are unaffected)");
        }
        return tokens >= SentimentLabeller.TOKENS_TO_JUDGE_LANGUAGE ? share : null;
    }

    /**
     * A corpus split only at spaces keeps punctuation on its words ("soir." beside "soir"): the model then learns
     * them as other words, and a front end that tokenises its input meets neither. Says so when many tokens end in
     * punctuation joined to a word (a share, so that abbreviations such as Mr. stay unremarked), with examples.
     */
    static void noteUntokenised(CorpusSpellings corpus, PrintStream log) {
        long tokens = corpus.tokens();
        long joined = 0;
        Set<String> examples = new LinkedHashSet<>();
        // the spellings in the order the corpus first writes them: the examples are the first the corpus holds
        for (Multiset.Entry<String> spelling : corpus.counts().entrySet()) {
            if (JOINED_PUNCTUATION.matcher(spelling.getElement()).find()) {
                joined += spelling.getCount();
                if (examples.size() < 3) {
                    examples.add('"' + Visible.of(spelling.getElement()) + '"'); // the corpus's own word
                }
            }
        }
        if (tokens > 0 && (double) joined / tokens > UNTOKENISED_SHARE) {
            log.printf(Locale.ROOT, "note: %.1f%% of the corpus's tokens end in punctuation joined to a word (%s),"
                    + " so it looks untokenised: the model would learn them as words of their own. Tokenise the corpus"
                    + " first, as the text the model will be used on is tokenised (punctuation a token of its own)%n",
                    100.0 * joined / tokens, String.join(", ", examples));
        }
    }

    /**
     * A corpus without UPOS tags cannot teach the model to follow a UPOS template; the remedy is in the corpus,
     * not in a setting, so the note names no front end's option.
     */
    static void noteUntagged(List<TaggedSentence> corpus, PrintStream log) {
        if (TaggedCorpus.untagged(corpus)) {
            log.println("note: the corpus carries no UPOS tags (every tag X), so it cannot teach the model to follow"
                    + " a POS template; give it as word<TAB>UPOS or CoNLL-U lines for that");
        }
    }

    /**
     * A resumed run whose corpus is tagged otherwise than its checkpoint was trained says what that means for POS
     * templates, in one note: an untagged checkpoint ({@code checkpointUntagged} says why, as {@code
     * ModelCheckpoint.Loaded#whyUntagged}) resumed on tagged text has its tag lexicon rebuilt (built, when it had
     * none) and learns templates from here on; a tagged one ({@code checkpointUntagged} null) resumed on untagged
     * text keeps what it learnt of them (and its lexicon, when {@code lexicon}) but trains them no further. Returns
     * whether it said one; the remedy is in the corpus, so it names no front end's option.
     */
    static boolean noteOtherTagging(String checkpointUntagged, boolean lexicon, boolean corpusTagged,
            PrintStream log) {
        if (checkpointUntagged != null && corpusTagged) {
            log.println("note: the checkpoint was trained without UPOS tags (" + checkpointUntagged + ") and this"
                    + " corpus carries them: its " + ModelCheckpoint.TAG_LEXICON
                    + (lexicon ? " is rebuilt" : " is built") + " from this corpus, and the model learns to follow"
                    + " POS templates from this run on (poorly until it has trained on them a while)");
            return true;
        }
        if (checkpointUntagged == null && !corpusTagged) {
            log.println("note: the checkpoint was trained on UPOS tags and this corpus carries none (every tag X):"
                    + " the model keeps " + (lexicon ? "its " + ModelCheckpoint.TAG_LEXICON + " and " : "")
                    + "what it learnt of POS templates, and still takes them, but this run does not train it to"
                    + " follow them (the longer it runs, the less well it may); give the corpus as word<TAB>UPOS or"
                    + " CoNLL-U lines to go on training them");
            return true;
        }
        return false;
    }

    /** Says that a run resumes, and whether its optimizer moments were saved (the shipped model's were not). */
    static void noteResumed(PrintStream log, Path out, int step, NDList moments) {
        if (moments != null) {
            log.printf(Locale.ROOT, "resuming %s at step %d%n", Visible.of(out), step);
        } else {
            log.printf(Locale.ROOT,
                    "resuming %s at step %d without optimizer moments (no %s): AdamW starts them afresh%n",
                    Visible.of(out), step, ModelCheckpoint.OPTIMIZER);
        }
    }

    /**
     * What a resumed run says about the checkpoint it resumes ({@code previous}'s record) against its options: {@code
     * corpus} and {@code dev}, the corpus's and the dev split's size and checksum as this run read them (null: none,
     * or no regular file).
     */
    void noteResuming(TrainingInfo previous, TaggedCorpus.Reading read, CorpusFingerprint corpus,
            CorpusFingerprint dev) {
        noteOtherCorpus(previous);
        noteChangedCorpus(previous, corpus);
        noteChangedDev(previous, dev);
        noteOtherReading(previous, read);
        noteOtherSchedule(previous);
        noteOtherBatchWarmupAndSeed(previous);
    }

    /**
     * A resumed run reads its corpus as the checkpoint recorded unless told otherwise: told to read the
     * multiword tokens another way (the vocabulary learnt de el, now del), or the same corpus in another layout,
     * it says so.
     */
    private void noteOtherReading(TrainingInfo previous, TaggedCorpus.Reading read) {
        if (previous == null) {
            return;
        }
        TaggedCorpus.Reading recorded = previous.corpusReading();
        if (options.multiword() != null && options.multiword() != recorded.multiword()) {
            log.println("note: resuming with " + names.given(Setting.MULTIWORD, options.multiword()) + " ("
                    + options.multiword().description() + "), where the checkpoint's corpus was read with "
                    + recorded.multiword() + " (" + recorded.multiword().description() + "); without "
                    + names.name(Setting.MULTIWORD) + " the run reads them as the checkpoint did");
        }
        // the layout said is the one recorded (auto, for a checkpoint of before the record), or reads as it: nothing
        // to say
        if (options.layout() != null && options.layout() != recorded.layout() && read.layout() != recorded.layout()
                && previous.isTrainedOn(options.corpus())) {
            log.println("note: resuming with " + names.given(Setting.LAYOUT, options.layout()) + ", where the"
                    + " checkpoint read the same corpus as " + recorded.layout() + " ("
                    + recorded.layout().description()
                    + "); without " + names.name(Setting.LAYOUT) + " the run reads it as the checkpoint did");
        }
    }

    /** A resumed run keeps the checkpoint's vocabulary: says so when it trains on another corpus than it came from. */
    private void noteOtherCorpus(TrainingInfo previous) {
        if (previous != null && previous.corpus() != null && !previous.isTrainedOn(options.corpus())) {
            log.println("note: resuming on " + Visible.of(options.corpus().toAbsolutePath().normalize())
                    + ", not the corpus the checkpoint was trained on ("
                    + Visible.of(previous.corpus())
                    + "); " + VOCABULARY_STAYS);
        }
    }

    /** What a run resumed on another corpus, or on a changed one, keeps and what that means for the new words. */
    static final String VOCABULARY_STAYS = "the checkpoint's vocabulary stays, and words it lacks are read as unknown";

    /**
     * The same corpus path whose file is not what the checkpoint read ({@code now}, its size and checksum, against
     * the recorded ones): edited, or replaced by another corpus. A config that recorded none (before 2026-12-05), a
     * corpus that is no regular file, or another path (said by {@link #noteOtherCorpus}) gets no note.
     */
    private void noteChangedCorpus(TrainingInfo previous, CorpusFingerprint now) {
        CorpusFingerprint then = CorpusFingerprint.recorded(previous);
        if (then == null || now == null || then.equals(now) || !previous.isTrainedOn(options.corpus())) {
            return;
        }
        log.println("note: resuming on " + Visible.of(previous.corpus()) + ", which " + now.changedSince(then) + "; "
                + VOCABULARY_STAYS);
    }

    /**
     * The recorded dev split given again whose file is not what the checkpoint measured on ({@code now} against the
     * recorded size and checksum): measured on, as asked, but its losses are of other sentences than the checkpoint's.
     * A dev split taken from the record unasked is refused so changed ({@link RecordedCorpus}); another path, or a
     * record of none, gets no note.
     */
    private void noteChangedDev(TrainingInfo previous, CorpusFingerprint now) {
        CorpusFingerprint then = CorpusFingerprint.recordedDev(previous);
        if (then == null || now == null || then.equals(now) || options.dev() == null
                || !options.dev().toAbsolutePath().normalize().toString().equals(previous.dev())) {
            return;
        }
        log.println("note: measuring the dev loss on " + Visible.of(previous.dev()) + ", which "
                + now.changedSinceMeasured(then) + "; its dev losses do not compare with the checkpoint's");
    }

    /**
     * The learning-rate schedule (warm-up, cosine decay to a tenth) is drawn over --steps up to the peak --lr: a
     * resumed run told another step count or peak rate than its checkpoint's follows the new curve from where it
     * stands, which can raise the rate several times over (a finished 5,000-step plan extended to 10,000 goes from
     * 1e-4 to 5.6e-4). Says so, naming what changed (only what was said can differ: the rest is the
     * checkpoint's, {@link TrainOptions#resumedFrom}).
     */
    private void noteOtherSchedule(TrainingInfo previous) {
        if (previous == null || previous.step() >= options.steps()) {
            return;
        }
        boolean otherSteps = previous.totalSteps() != options.steps();
        boolean otherRate = previous.learningRate() > 0 && previous.learningRate() != options.learningRate();
        if (!otherSteps && !otherRate) {
            return;
        }
        TrainOptions planned = options.plannedFor(previous.totalSteps(),
                otherRate ? previous.learningRate() : options.learningRate());
        String now = String.format(Locale.ROOT, "%.2e", options.learningRateAt(previous.step() + 1));
        String then = String.format(Locale.ROOT, "%.2e", planned.learningRateAt(previous.step() + 1));
        if (now.equals(then)) { // both at the floor of a finished plan, say: nothing to tell
            return;
        }
        log.printf(Locale.ROOT, "note: the checkpoint was planned for %s and this run for %s; the learning"
                + " rate follows the new plan's schedule: %s at step %d, where the old plan had %s%n",
                plan(otherSteps, previous.totalSteps(), otherRate, previous.learningRate()),
                plan(otherSteps, options.steps(), otherRate, options.learningRate()), now, previous.step() + 1, then);
    }

    /** The parts of a plan that changed: "400 steps", "a peak learning rate of 1.00e-03 (--lr)", or both. */
    private String plan(boolean otherSteps, int steps, boolean otherRate, double rate) {
        String peak = String.format(Locale.ROOT, "a peak learning rate of %.2e (%s)", rate,
                names.name(Setting.LEARNING_RATE));
        return otherSteps && otherRate ? steps + " steps at " + peak : otherSteps ? steps + " steps" : peak;
    }

    /**
     * The batch, warm-up and seed a resumed run was told, where they differ from the checkpoint's: they change what
     * the rest of the run trains on (the rows of each step, the learning rate, the noise and masks), so a run that
     * continues with them
     * does not end where an unbroken one would. Said, naming both values; left unsaid, the checkpoint's go on.
     */
    private void noteOtherBatchWarmupAndSeed(TrainingInfo previous) {
        if (previous == null) {
            return;
        }
        List<String> changed = new ArrayList<>();
        if (previous.batchSize() > 0 && previous.batchSize() != options.batchSize()) {
            changed.add(names.given(Setting.BATCH, options.batchSize()) + " (the checkpoint's: " + previous.batchSize()
                    + ")");
        }
        Integer warmup = previous.warmupSteps(); // null: a checkpoint of before it was recorded, nothing to compare
        if (warmup != null && options.said(Setting.WARMUP) && warmup != options.warmupSteps()) {
            changed.add(names.given(Setting.WARMUP, options.warmupSteps()) + " (the checkpoint's: " + warmup + ")");
        }
        if (previous.seed() != options.seed()) {
            changed.add(names.given(Setting.SEED, options.seed()) + " (the checkpoint's: " + previous.seed() + ")");
        }
        if (!changed.isEmpty()) {
            log.println("note: resuming with " + String.join(" and ", changed) + "; the rest of the run trains"
                    + " otherwise than the checkpoint's run would have; without them it goes on with the checkpoint's");
        }
    }

    /**
     * The shape options said otherwise than a resumed checkpoint's shape ({@code --size}, {@code --length},
     * {@code --vocab}, as "--size base"): a resumed run keeps the checkpoint's shape and vocabulary, and a plain
     * resume, which leaves them unsaid, asks for nothing. {@code keptIsOfSize} tells whether a named size gives
     * the checkpoint's shape; {@code keptVocabulary}, the checkpoint's vocabulary size, which a said {@code --vocab}
     * is held to (a vocabulary is as large as its corpus allows, so the {@code --vocab} it was built with may be
     * larger). A list the caller may add its own to.
     */
    List<String> shapeAskedOtherwise(Predicate<String> keptIsOfSize, int keptLength, int keptVocabulary) {
        List<String> asked = new ArrayList<>();
        if (options.said(Setting.SIZE) && !keptIsOfSize.test(options.size())) {
            asked.add(names.given(Setting.SIZE, options.size()));
        }
        if (options.said(Setting.LENGTH) && options.maxLength() != keptLength) {
            asked.add(names.given(Setting.LENGTH, options.maxLength()));
        }
        if (options.said(Setting.VOCAB) && options.vocabSize() != keptVocabulary) {
            asked.add(names.given(Setting.VOCAB, options.vocabSize()));
        }
        return asked;
    }

    /**
     * Says that a resumed run keeps the checkpoint's shape ({@code kept}, in words) and vocabulary, not the
     * {@code asked} options' ({@link #shapeAskedOtherwise}); {@code shapeSettings} are the trainer's settings that
     * shape new models only. Nothing when nothing was asked.
     */
    void noteKeptShape(String kept, int keptVocabulary, List<String> asked, List<Setting> shapeSettings) {
        if (!asked.isEmpty()) {
            log.println("note: resuming keeps the checkpoint's shape (" + kept + ") and vocabulary ("
                    + String.format(Locale.ROOT, "%,d", keptVocabulary) + " words), not " + String.join(", ", asked)
                    + "'s; " + names.list(shapeSettings) + " shape new models only");
        }
    }

    /**
     * A vocabulary that misses most of the corpus's tokens trains a model that mostly writes [UNK]: a new
     * model's --vocab is too small for the corpus, or a resumed one's vocabulary came from another corpus.
     */
    void warnOfPoorCoverage(double coverage, int vocabSize, boolean resuming) {
        warnOfPoorCoverage(coverage, vocabSize, resuming, null);
    }

    /**
     * {@link #warnOfPoorCoverage(double, int, boolean)} for a new model whose vocabulary may come from
     * another model's directory ({@code vocabularyFrom}, {@code train-ar --vocab-from}; null when built from
     * the corpus): --vocab does not size that one, so the advice is to change where it comes from.
     */
    void warnOfPoorCoverage(double coverage, int vocabSize, boolean resuming, Path vocabularyFrom) {
        if (coverage < POOR_COVERAGE) {
            String advice;
            if (resuming) {
                advice = "The checkpoint's vocabulary comes from the corpus it was trained on: train a new model"
                        + " (another " + names.name(Setting.OUTPUT) + ") on this corpus";
            } else if (vocabularyFrom != null) {
                String from = names.name(Setting.VOCAB_FROM);
                advice = "The vocabulary of " + Visible.of(vocabularyFrom) + " (" + from + ") comes from the corpus"
                        + " that model was trained on: train on that corpus, or leave out " + from + " to build the"
                        + " vocabulary from this one";
            } else {
                advice = "Give a larger " + names.name(Setting.VOCAB) + " or a corpus that repeats its words more";
            }
            log.printf(Locale.ROOT, "warning: the vocabulary (%,d words) covers only %.1f%% of the corpus's tokens;"
                    + " the rest are read as %s, which the model then learns to write. %s%n", vocabSize, 100 * coverage,
                    Vocabulary.UNK, advice);
        }
    }

    /** The share of the rows' tokens (padding aside) that the vocabulary knows. */
    static double coverage(List<int[]> rows) {
        long known = 0;
        long total = 0;
        for (int[] row : rows) {
            for (int id : row) {
                if (id != Vocabulary.PAD_ID) {
                    total++;
                    known += id == Vocabulary.UNK_ID ? 0 : 1;
                }
            }
        }
        return total == 0 ? 0 : (double) known / total;
    }
}
