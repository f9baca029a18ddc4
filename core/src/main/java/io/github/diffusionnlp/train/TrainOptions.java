package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.ReadingRules;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Numbers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one training run.
 *
 * @param corpus training sentences (see {@link io.github.diffusionnlp.corpus.TaggedCorpus}), or null with {@code
 *     resume}: then the run trains on the corpus its checkpoint records, absolute, if that file is still there and
 *     unchanged (its recorded size and checksum), and refuses otherwise, as it refuses an output directory without
 *     a checkpoint
 * @param dev optional validation sentences, or null: then, {@link Setting#DEV} unsaid (the builder not given one,
 *     {@code train} without {@code --dev}), a resumed run measures on the dev split its checkpoint records, when
 *     that file is still there and unchanged (said on its first lines; refused when it has changed; a dev split gone
 *     is said, and the run measures none); said ({@link Builder#noDev}, {@code train --no-dev}, and the
 *     constructors, whose every value is given), the run measures none and its checkpoints record none
 * @param output checkpoint directory; also gets the loss log and plots
 * @param size named model size: tiny, small or base
 * @param vocabSize largest vocabulary, special tokens included
 * @param maxLength positions per row
 * @param batchSize rows per step
 * @param steps steps the schedule is planned for (warm-up then cosine decay to 10%)
 * @param timeBudget stop (with a checkpoint) after this long, or null; resume continues the schedule
 * @param learningRate peak learning rate
 * @param warmupSteps linear warm-up steps
 * @param seed seed for data order, masks and noise
 * @param checkpointEvery steps between checkpoints
 * @param resume continue from the checkpoint in {@code output} if there is one
 * @param contextEmbeddings start a new model's word embeddings from corpus contexts
 *     ({@link io.github.diffusionnlp.model.ContextEmbeddings}) rather than at random
 * @param relativePositions give a new model relative-position attention bias from the start
 * @param averageDecay decay of the moving average of the weights that checkpoints save for sampling
 *     ({@link WeightAverage}), or 0 to save the trained weights themselves
 * @param layout how {@code corpus} and {@code dev} are laid out, {@link CorpusLayout#AUTO} to guess, or null
 *     (not said): guessed, but a resumed run reads the corpus it was trained on in the layout it recorded
 * @param multiword how their CoNLL-U multiword tokens ({@code 4-5 del}) are read, or null (not said):
 *     {@link MultiwordTokens#SURFACE}, but a resumed run reads them as its checkpoint recorded, as its
 *     vocabulary was learnt so
 * @param unsaid the settings the caller left at their defaults (the builder's, or the command line's options not
 *     given): a new model takes the defaults, a resumed run its checkpoint's recorded settings
 *     ({@link #resumedFrom}); empty from the constructors, whose every value is given. A set without {@link
 *     Setting#DEV} (one of them since 2026-12-07) says the dev split: a null {@code dev} is then none
 * @param reproducible train on one PyTorch intra-op thread, so that the same options give the same weights bit for
 *     bit ({@link Builder#reproducible}); false from the constructors that do not take it
 * @param names how the caller names the settings in the messages of the run ({@link Builder#settingNames});
 *     {@link SettingNames#BUILDER} from the constructors that do not take it, or given null
 */
public record TrainOptions(
        Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize, int steps,
        Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery, boolean resume,
        boolean contextEmbeddings, boolean relativePositions, double averageDecay, CorpusLayout layout,
        MultiwordTokens multiword, Set<Setting> unsaid, boolean reproducible, SettingNames names) {

    /**
     * The settings of a run that its messages name, each by the caller's name for it ({@link SettingNames}). Those
     * that {@link #MAY_BE_UNSAID may be left unsaid}, the builder's and the command line's start so: those a checkpoint
     * records (steps, batch, learning rate, warm-up, seed) a resumed run takes from it; those of the model's shape it
     * keeps whatever is said, and says so when one is said otherwise; the dev split, left unsaid, is the one the
     * checkpoint records (see {@code dev}).
     */
    public enum Setting {
        SIZE("--size", "size"), VOCAB("--vocab", "vocabSize"), LENGTH("--length", "maxLength"),
        BATCH("--batch", "batchSize"), STEPS("--steps", "steps"), LEARNING_RATE("--lr", "learningRate"),
        WARMUP("--warmup", "warmupSteps"), SEED("--seed", "seed"), TIME_BUDGET("--time-budget", "timeBudget"),
        CHECKPOINT_EVERY("--checkpoint-every", "checkpointEvery"), AVERAGE("--average", "averageDecay"),
        RELATIVE_POSITIONS("--relative-positions", "relativePositions"), LAYOUT("--layout", "layout"),
        MULTIWORD("--multiword", "multiword"), RESUME("--resume", "resume"),
        CONTEXT_EMBEDDINGS("--context-embeddings", "contextEmbeddings"),
        /** The training corpus: the builder's argument, not a method of it. */
        CORPUS("--corpus", null),
        DEV("--dev", "dev"),
        /** The output directory: the builder's argument, not a method of it. */
        OUTPUT("--out", null),
        /** {@code train-ar}'s other model to take the vocabulary of: {@link ArTrainer}'s argument. */
        VOCAB_FROM("--vocab-from", null);

        /**
         * The settings a caller may leave unsaid, all of them unsaid until said (see {@code unsaid}); {@link #DEV}
         * since 2026-12-07, said by a dev split given or by {@link Builder#noDev}.
         */
        public static final Set<Setting> MAY_BE_UNSAID = Collections.unmodifiableSet(
                EnumSet.of(SIZE, VOCAB, LENGTH, BATCH, STEPS, LEARNING_RATE, WARMUP, SEED, DEV));

        private final String option;
        private final String method;

        Setting(String option, String method) {
            this.option = option;
            this.method = method;
        }

        /** The {@code train} option that gives it ({@link SettingNames#COMMAND_LINE}). */
        public String option() {
            return option;
        }

        /** The {@link Builder} method that gives it, or null for one given otherwise ({@link SettingNames#BUILDER}). */
        public String method() {
            return method;
        }
    }

    public static final String DEFAULT_SIZE = "small";
    public static final int DEFAULT_VOCAB_SIZE = 12000;
    public static final int DEFAULT_MAX_LENGTH = 64;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_STEPS = 5000;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final int DEFAULT_WARMUP_STEPS = 200;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_CHECKPOINT_EVERY = 250;
    /** The most rows a step may take: as many as a sampling batch may hold ({@code SamplingOptions}). */
    public static final int MAX_BATCH_SIZE = 4096;

    /** The longest row a model may have ({@link ModelConfig#MAX_LENGTH}). */
    public static final int MAX_LENGTH = ModelConfig.MAX_LENGTH;

    public TrainOptions {
        unsaid = unsaid == null || unsaid.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(unsaid));
        names = names == null ? SettingNames.BUILDER : names;
        if (corpus == null && !resume) {
            throw new NullPointerException("corpus (null only with resume(true), to train on the corpus the"
                    + " checkpoint records)");
        }
        Objects.requireNonNull(output, "output");
        ModelConfig.ofSize(size, 3, 2); // throws, naming the sizes there are
        atLeast("vocabulary size", names, Setting.VOCAB, vocabSize, 3);
        atLeast("positions per row", names, Setting.LENGTH, maxLength, 2);
        if (maxLength > MAX_LENGTH) { // attention is quadratic in it: longer rows only cost
            throw new IllegalArgumentException("positions per row (" + names.refused(Setting.LENGTH)
                    + ") must be at most " + MAX_LENGTH + ", got " + maxLength
                    + "; longer sentences are cut into several rows");
        }
        atLeast("rows per step", names, Setting.BATCH, batchSize, 1);
        // a typo's zeros: the heap ran out packing the first batch, a stack trace; a batch a checkpoint recorded
        // (unsaid, resumedFrom) is one a run trained with before the bound, and resumes
        if (batchSize > MAX_BATCH_SIZE && !unsaid.contains(Setting.BATCH)) {
            throw new IllegalArgumentException("rows per step (" + names.refused(Setting.BATCH) + ") must be at most "
                    + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        atLeast("steps", names, Setting.STEPS, steps, 1);
        atLeast("warm-up steps", names, Setting.WARMUP, warmupSteps, 0);
        atLeast("steps between checkpoints", names, Setting.CHECKPOINT_EVERY, checkpointEvery, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate (" + names.refused(Setting.LEARNING_RATE)
                    + ") must be a number > 0, got " + Numbers.written(learningRate));
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new IllegalArgumentException("time budget (" + names.refused(Setting.TIME_BUDGET)
                    + ") must be positive, got " + timeBudget);
        }
        if (!(averageDecay == 0 || averageDecay > 0 && averageDecay < 1)) {
            throw new IllegalArgumentException("weight-average decay (" + names.refused(Setting.AVERAGE)
                    + ") must be 0 (none) or in (0, 1), got " + Numbers.written(averageDecay));
        }
    }

    private static void atLeast(String what, SettingNames names, Setting setting, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(what + " (" + names.refused(setting) + ") must be at least " + least
                    + ", got " + value);
        }
    }

    /**
     * The warm-up when none is given: {@value #DEFAULT_WARMUP_STEPS} steps, or a tenth of a run too short for
     * that, so that a short first try still reaches its learning rate.
     */
    public static int defaultWarmup(int steps) {
        return Math.min(DEFAULT_WARMUP_STEPS, Math.max(1, steps / 10));
    }

    /**
     * A run on {@code corpus} writing to {@code output}, with the command line's defaults for everything else
     * ({@code corpus} may be null for a run that {@link Builder#resume resumes}: it trains on the corpus its
     * checkpoint records):
     * <pre>
     * TrainingInfo done = new DiffusionTrainer(TrainOptions.builder(corpus, Path.of("my-model"))
     *         .dev(devCorpus).steps(20_000).timeBudget(Duration.ofHours(2)).build(), System.out).run();
     * </pre>
     */
    public static Builder builder(Path corpus, Path output) {
        return new Builder(corpus, output);
    }

    /** Builds {@link TrainOptions}; every setting starts at the {@code train} command's default. */
    public static final class Builder {
        private final Path corpus;
        private final Path output;
        private Path dev;
        private String size = DEFAULT_SIZE;
        private int vocabSize = DEFAULT_VOCAB_SIZE;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int steps = DEFAULT_STEPS;
        private Duration timeBudget;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private Integer warmupSteps; // null: DEFAULT_WARMUP_STEPS, shortened for short runs
        private long seed = DEFAULT_SEED;
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private boolean resume;
        private boolean contextEmbeddings = true;
        private boolean relativePositions;
        private double averageDecay;
        private CorpusLayout layout; // null: not said (see TrainOptions' @param layout)
        private MultiwordTokens multiword;
        private final Set<Setting> unsaid = EnumSet.copyOf(Setting.MAY_BE_UNSAID); // each setter takes its own out
        private boolean reproducible;
        private SettingNames names = SettingNames.BUILDER;

        private Builder(Path corpus, Path output) {
            this.corpus = corpus;
            this.output = output;
        }

        /**
         * Validation sentences, logged beside the training loss (default none; with {@code resume}, the dev split the
         * checkpoint records, when it is still there unchanged: see {@link TrainOptions}'s {@code dev}); null: not
         * said, that default ({@link #noDev} says none). The last of {@code dev} and {@link #noDev} called wins, as
         * with every setter: {@code noDev().dev(x)} measures on {@code x}, and {@code noDev().dev(null)} says nothing
         * (with {@code resume}, the recorded dev split again), not none.
         */
        public Builder dev(Path dev) {
            this.dev = dev;
            if (dev == null) {
                unsaid.add(Setting.DEV);
            } else {
                unsaid.remove(Setting.DEV);
            }
            return this;
        }

        /**
         * No validation sentences, not even with {@code resume} the dev split the checkpoint records (one gone,
         * changed or no longer wanted): the run measures no dev loss and its checkpoints record no dev split
         * ({@code train --no-dev}). It replaces a {@link #dev} given before it ({@code dev(x).noDev()} measures
         * none), and a {@code dev} given after replaces it: the last called wins (the command line refuses {@code
         * --dev} beside {@code --no-dev}).
         */
        public Builder noDev() {
            this.dev = null;
            unsaid.remove(Setting.DEV);
            return this;
        }

        /** tiny, small or base (default small). */
        public Builder size(String size) {
            this.size = size;
            unsaid.remove(Setting.SIZE);
            return this;
        }

        public Builder vocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            unsaid.remove(Setting.VOCAB);
            return this;
        }

        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            unsaid.remove(Setting.LENGTH);
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            unsaid.remove(Setting.BATCH);
            return this;
        }

        /** The steps the learning-rate schedule is planned for. */
        public Builder steps(int steps) {
            this.steps = steps;
            unsaid.remove(Setting.STEPS);
            return this;
        }

        /**
         * A time budget as people write it ({@code 90m}, {@code 2h}, {@code 1h30m}, {@code 45s}) or in ISO-8601
         * ({@code PT90M}), for a front end that takes it as text: {@code train --time-budget}, OpenNLP's
         * {@code TimeBudget}.
         *
         * @throws IllegalArgumentException saying what is accepted
         */
        public static Duration parseDuration(String text) {
            String upper = text.strip().toUpperCase(Locale.ROOT);
            try {
                // ISO-8601 as it is; the hours-minutes-seconds form is ISO's time part without its "PT"
                return Duration.parse(upper.startsWith("P") ? upper : "PT" + upper);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90m, 2h, 1h30m or 45s"
                        + " (or ISO-8601: PT90M)");
            }
        }

        /** Stop with a checkpoint after this long (default: no limit); {@link #resume} continues. */
        public Builder timeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            unsaid.remove(Setting.LEARNING_RATE);
            return this;
        }

        /** Linear warm-up (default {@value #DEFAULT_WARMUP_STEPS}, or a tenth of a shorter run's steps). */
        public Builder warmupSteps(int warmupSteps) {
            this.warmupSteps = warmupSteps;
            unsaid.remove(Setting.WARMUP);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            unsaid.remove(Setting.SEED);
            return this;
        }

        public Builder checkpointEvery(int checkpointEvery) {
            this.checkpointEvery = checkpointEvery;
            return this;
        }

        /** Continue from the checkpoint in the output directory, if there is one. */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Start a new model's word embeddings from the corpus's word contexts (default) or at random. */
        public Builder contextEmbeddings(boolean contextEmbeddings) {
            this.contextEmbeddings = contextEmbeddings;
            return this;
        }

        /** Give a new model relative-position attention bias (default off, as in {@code train}). */
        public Builder relativePositions(boolean relativePositions) {
            this.relativePositions = relativePositions;
            return this;
        }

        /** Save a moving average of the weights with this decay as the model (default 0: the trained weights). */
        public Builder averageDecay(double averageDecay) {
            this.averageDecay = averageDecay;
            return this;
        }

        /**
         * How the corpus (and dev split) is laid out (default: guessed from each file, with a note when the guess
         * is not clear-cut, as {@link CorpusLayout#AUTO}; a resumed run's corpus as its checkpoint recorded); any
         * other refuses a line that does not fit it.
         */
        public Builder layout(CorpusLayout layout) {
            this.layout = layout;
            return this;
        }

        /**
         * How CoNLL-U multiword tokens are read (default {@link MultiwordTokens#SURFACE}: {@code del} one word, as
         * users' text has it, and a resumed run's as its checkpoint recorded; {@link MultiwordTokens#PARTS}:
         * {@code de el}).
         */
        public Builder multiword(MultiwordTokens multiword) {
            this.multiword = multiword;
            return this;
        }

        /**
         * Train on one PyTorch intra-op thread (default: PyTorch's count, one per core), so that the same options give
         * the same weights bit for bit, as {@code train --reproducible} does: on several threads some gradient sums
         * of a batch large enough to be split between them differ in their last bit from run to run, and two runs of
         * one seed drift apart. Slower (30 steps of the small model: 0.80 steps/s against 1.22-1.43 on two threads).
         * The trainer's thread runs on one thread for the run and gets its count back after; see {@link
         * Reproducible} for threads that already ran PyTorch work, and GPUs.
         */
        public Builder reproducible(boolean reproducible) {
            this.reproducible = reproducible;
            return this;
        }

        /**
         * How the run's refusals, notes and remedies name its settings (default {@link SettingNames#BUILDER}, this
         * builder's methods: "learning rate (learningRate(...)) must be a number &gt; 0"): a front end gives its
         * own, as the command line does its options ({@link SettingNames#COMMAND_LINE}: "train --lr").
         */
        public Builder settingNames(SettingNames names) {
            this.names = Objects.requireNonNull(names, "names (e.g. SettingNames.BUILDER)");
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range, as {@link #settingNames} names it */
        public TrainOptions build() {
            return new TrainOptions(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget,
                    learningRate, warmupSteps != null ? warmupSteps : defaultWarmup(steps), seed, checkpointEvery,
                    resume, contextEmbeddings, relativePositions, averageDecay, layout, multiword, unsaid,
                    reproducible, names);
        }
    }

    /**
     * These options with the settings named as the builder's methods ({@link SettingNames#BUILDER}).
     *
     * @deprecated use {@link #builder}, which names each setting it gives: {@code builder(corpus, output).dev(dev)
     *     .size(size)...build()} gives these options with every setting of {@link Setting#MAY_BE_UNSAID} set (this
     *     constructor's {@code unsaid} is the set of those the builder is not given). A null {@code dev} is no dev
     *     split, not even on resuming the one the checkpoint records ({@link Builder#noDev}), unless {@code unsaid}
     *     holds {@link Setting#DEV}: then it is the recorded one ({@code dev(null)}, not said)
     */
    @Deprecated
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume, boolean contextEmbeddings, boolean relativePositions, double averageDecay,
            CorpusLayout layout, MultiwordTokens multiword, Set<Setting> unsaid, boolean reproducible) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, contextEmbeddings, relativePositions, averageDecay, layout, multiword,
                unsaid, reproducible, SettingNames.BUILDER);
    }

    /**
     * These options on PyTorch's own thread count (not {@code reproducible}).
     *
     * @deprecated use {@link #builder}, which names each setting it gives (its default: not {@code reproducible});
     *     {@code unsaid} is the set of the settings the builder is not given. A null {@code dev} is no dev split, not
     *     even on resuming the one the checkpoint records ({@link Builder#noDev}), unless {@code unsaid} holds {@link
     *     Setting#DEV}: then it is the recorded one ({@code dev(null)}, not said)
     */
    @Deprecated
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume, boolean contextEmbeddings, boolean relativePositions, double averageDecay,
            CorpusLayout layout, MultiwordTokens multiword, Set<Setting> unsaid) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, contextEmbeddings, relativePositions, averageDecay, layout, multiword,
                unsaid, false);
    }

    /**
     * These options with every setting given (the constructors' way).
     *
     * @deprecated use {@link #builder}, which names each setting it gives: given each of these settings (so every
     *     one of {@link Setting#MAY_BE_UNSAID}, which a resumed run would otherwise take from its checkpoint: a null
     *     {@code dev} is {@link Builder#noDev}), it builds these options
     */
    @Deprecated
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume, boolean contextEmbeddings, boolean relativePositions, double averageDecay,
            CorpusLayout layout, MultiwordTokens multiword) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, contextEmbeddings, relativePositions, averageDecay, layout, multiword,
                Set.of());
    }

    /** Whether the caller gave {@code setting} (see {@code unsaid}). */
    public boolean said(Setting setting) {
        return !unsaid.contains(setting);
    }

    /**
     * The options a run resuming {@code checkpoint} (its record; null for a new model: these options) trains
     * with: the steps, batch, peak learning rate, warm-up and seed it recorded where these leave them unsaid, so
     * that a plain resume continues the run it stopped. A recorded warm-up that is the default of the recorded steps
     * follows the steps when they are said otherwise, as the default does. A record of before a setting was recorded
     * (0; a warm-up: null) leaves it as it is (the warm-up: the default of the resumed steps).
     */
    public TrainOptions resumedFrom(TrainingInfo checkpoint) {
        if (checkpoint == null) {
            return this;
        }
        int resumedSteps = !said(Setting.STEPS) && checkpoint.totalSteps() > 0 ? checkpoint.totalSteps() : steps;
        int resumedBatch = !said(Setting.BATCH) && checkpoint.batchSize() > 0 ? checkpoint.batchSize() : batchSize;
        double resumedRate = !said(Setting.LEARNING_RATE) && checkpoint.learningRate() > 0 ? checkpoint.learningRate()
                : learningRate;
        long resumedSeed = said(Setting.SEED) ? seed : checkpoint.seed();
        Integer recordedWarmup = checkpoint.warmupSteps();
        // a recorded default warm-up was the steps' choice, not the user's: it follows steps said otherwise
        boolean chosenWarmup = recordedWarmup != null && (recordedWarmup != defaultWarmup(checkpoint.totalSteps())
                || resumedSteps == checkpoint.totalSteps());
        int resumedWarmup = said(Setting.WARMUP) ? warmupSteps
                : chosenWarmup ? recordedWarmup : defaultWarmup(resumedSteps);
        return new TrainOptions(corpus, dev, output, size, vocabSize, maxLength, resumedBatch, resumedSteps, timeBudget,
                resumedRate, resumedWarmup, resumedSeed, checkpointEvery, resume, contextEmbeddings, relativePositions,
                averageDecay, layout, multiword, unsaid, reproducible, names);
    }

    /**
     * These options with the multiword-token reading not said (see {@code multiword}).
     *
     * @deprecated use {@link #builder}, given the settings as {@link #TrainOptions(Path, Path, Path, String, int,
     *     int, int, int, Duration, double, int, long, int, boolean, boolean, boolean, double, CorpusLayout,
     *     MultiwordTokens) that constructor's} deprecation says, without {@code multiword} (a null {@code dev}: no
     *     dev split, not even on resuming the one the checkpoint records, {@link Builder#noDev})
     */
    @Deprecated
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume, boolean contextEmbeddings, boolean relativePositions, double averageDecay,
            CorpusLayout layout) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, contextEmbeddings, relativePositions, averageDecay, layout, null);
    }

    /**
     * These options with the corpus layout and multiword-token reading not said (see {@code layout}).
     *
     * @deprecated use {@link #builder}, given the settings as {@link #TrainOptions(Path, Path, Path, String, int,
     *     int, int, int, Duration, double, int, long, int, boolean, boolean, boolean, double, CorpusLayout,
     *     MultiwordTokens) that constructor's} deprecation says, without {@code layout} and {@code multiword} (a null
     *     {@code dev}: no dev split, not even on resuming the one the checkpoint records, {@link Builder#noDev})
     */
    @Deprecated
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume, boolean contextEmbeddings, boolean relativePositions, double averageDecay) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, contextEmbeddings, relativePositions, averageDecay, null);
    }

    /**
     * Options for a model of the named size as it is: random word embeddings, absolute positions only.
     *
     * @deprecated use {@link #builder}, which starts a new model's word embeddings from the corpus's contexts: this
     *     constructor starts them at random ({@code contextEmbeddings} false), where the builder's default is true.
     *     It equals the builder given every one of these settings and {@code contextEmbeddings(false)}, a null {@code
     *     dev} as {@link Builder#noDev} (no dev split, not even on resuming the one the checkpoint records, where the
     *     builder's {@code dev(null)} is not said: the recorded one); kept as it is, since runs made with it would
     *     train other weights with the builder's default.
     */
    @Deprecated
    public TrainOptions(Path corpus, Path dev, Path output, String size, int vocabSize, int maxLength, int batchSize,
            int steps, Duration timeBudget, double learningRate, int warmupSteps, long seed, int checkpointEvery,
            boolean resume) {
        this(corpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget, learningRate, warmupSteps,
                seed, checkpointEvery, resume, false, false, 0);
    }

    /** These options on {@code otherCorpus} (a resumed run's, as its checkpoint records it). */
    TrainOptions onCorpus(Path otherCorpus) {
        return new TrainOptions(otherCorpus, dev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget,
                learningRate, warmupSteps, seed, checkpointEvery, resume, contextEmbeddings, relativePositions,
                averageDecay, layout, multiword, unsaid, reproducible, names);
    }

    /** These options measuring on {@code otherDev} (a resumed run's, as its checkpoint records it). */
    TrainOptions onDev(Path otherDev) {
        return new TrainOptions(corpus, otherDev, output, size, vocabSize, maxLength, batchSize, steps, timeBudget,
                learningRate, warmupSteps, seed, checkpointEvery, resume, contextEmbeddings, relativePositions,
                averageDecay, layout, multiword, unsaid, reproducible, names);
    }

    /**
     * These options planned for {@code otherSteps} steps at the rate {@code otherRate} (a checkpoint's plan),
     * the warm-up following the step count when it is the default.
     */
    public TrainOptions plannedFor(int otherSteps, double otherRate) {
        int warmup = warmupSteps == defaultWarmup(steps) ? defaultWarmup(otherSteps) : warmupSteps;
        return new TrainOptions(corpus, dev, output, size, vocabSize, maxLength, batchSize, otherSteps, timeBudget,
                otherRate, warmup, seed, checkpointEvery, resume, contextEmbeddings, relativePositions, averageDecay,
                layout, multiword, unsaid, reproducible, names);
    }

    /**
     * How this run reads its corpus: as {@code layout} and {@code multiword} say, and what they leave unsaid
     * as {@code resumed} (the checkpoint's record, or null for a new model) read it: its multiword tokens, as
     * its vocabulary was learnt so, and, on the corpus it was trained on, its layout. A new model's is
     * {@link TaggedCorpus.Reading#DEFAULT}.
     */
    public TaggedCorpus.Reading corpusReading(TrainingInfo resumed) {
        TaggedCorpus.Reading unsaid = resumed == null ? TaggedCorpus.Reading.DEFAULT
                : TrainingInfo.readingFor(resumed, corpus);
        return unsaid.orLayout(layout).orMultiword(multiword);
    }

    /**
     * What a checkpoint of this run records, for train and train-ar alike: these options' plan and corpus
     * reading ({@code read}, the layout guessed in place of auto) beside where the run stands. The corpus is
     * named absolutely: a relative name would be read against whatever directory the model is used from.
     * {@code averageDecay}: the weight average the checkpoint's model is, 0 for none. The dev split, when there is
     * one, is named so too, with {@code devFingerprint}, for a run resumed without one to measure on it again.
     */
    TrainingInfo checkpointRecord(int trainRows, int step, double wallSeconds, double trainLoss, double devLoss,
            double averageDecay, TaggedCorpus.Reading read, boolean tagged, CorpusFingerprint fingerprint,
            CorpusFingerprint devFingerprint) {
        return checkpointRecord(trainRows, step, wallSeconds, trainLoss, devLoss, averageDecay, read, tagged, null,
                fingerprint, devFingerprint, null);
    }

    /**
     * {@code sentimentLexiconShare}: see {@link TrainingInfo}'s; null for a model without a sentiment condition.
     * {@code fingerprint}: the corpus's size and checksum when the run read it, or null when it is no regular file;
     * {@code devFingerprint}: the dev split's so, or null. {@code rowLengths}: the overall and per-label counts
     * {@link TrainingInfo} records; null for an autoregressive model.
     */
    TrainingInfo checkpointRecord(int trainRows, int step, double wallSeconds, double trainLoss, double devLoss,
            double averageDecay, TaggedCorpus.Reading read, boolean tagged, Double sentimentLexiconShare,
            CorpusFingerprint fingerprint, CorpusFingerprint devFingerprint, RowLengths rowLengths) {
        return new TrainingInfo(corpus.toAbsolutePath().normalize().toString(), trainRows, step, steps, batchSize,
                learningRate, seed, wallSeconds, trainLoss, devLoss, null, averageDecay, read.layout(),
                read.multiword(), tagged, warmupSteps, sentimentLexiconShare,
                fingerprint == null ? null : fingerprint.bytes(), fingerprint == null ? null : fingerprint.checksum(),
                rowLengths == null ? null : rowLengths.overall(), rowLengths == null ? null : rowLengths.byLabel(),
                dev == null ? null : dev.toAbsolutePath().normalize().toString(),
                devFingerprint == null ? null : devFingerprint.bytes(),
                devFingerprint == null ? null : devFingerprint.checksum(), ReadingRules.CURRENT);
    }

    /** Warm-up to the peak rate, then cosine decay to 10% of it at the last planned step. */
    public float learningRateAt(int step) {
        if (step <= warmupSteps) {
            return (float) (learningRate * step / Math.max(1, warmupSteps));
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps));
        return (float) (learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
