package io.github.diffusionnlp.opennlp;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;
import com.google.common.collect.Multisets;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.corpus.PtbTags;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.OutputDirectory;
import io.github.diffusionnlp.train.SettingNames;
import io.github.diffusionnlp.train.TrainOptions;
import io.github.diffusionnlp.train.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * {@link DiffusionModel#train} and {@link DiffusionModel#trainUntagged}: OpenNLP's tagged samples, or untagged
 * sentences, and training parameters handed to core's {@link DiffusionTrainer}. Tags may be UPOS or Penn Treebank
 * ({@link PtbTags}); any other tag reads as {@code X}, and so does every word of an untagged sentence, as core's
 * {@code train --layout plain} reads plain text: such a model cannot follow POS templates.
 */
final class ModelTraining {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelTraining.class);
    /** Whether the fallback of {@link #everySetting} has been warned of: once a JVM, not on every run. */
    private static final AtomicBoolean WARNED_OF_FALLBACK = new AtomicBoolean();
    static final String SIZE = "Size";
    static final String BATCH_SIZE = "BatchSize";
    static final String LEARNING_RATE = "LearningRate";
    static final String WARMUP_STEPS = "WarmupSteps";
    static final String SEED = "Seed";
    static final String VOCAB_SIZE = "VocabSize";
    static final String MAX_LENGTH = "MaxLength";
    static final String TIME_BUDGET = "TimeBudget";
    static final String RELATIVE_POSITIONS = "RelativePositions";
    static final String CONTEXT_EMBEDDINGS = "ContextEmbeddings";
    static final String AVERAGE = "Average";
    static final String CHECKPOINT_DIR = "CheckpointDir";
    static final String CHECKPOINT_EVERY = "CheckpointEvery";
    /** Every key {@link #train} reads; {@code Iterations} is OpenNLP's own name for the steps. */
    static final Set<String> KEYS = Set.of(TrainingParameters.ITERATIONS_PARAM, SIZE, BATCH_SIZE, LEARNING_RATE,
            WARMUP_STEPS, SEED, VOCAB_SIZE, MAX_LENGTH, TIME_BUDGET, RELATIVE_POSITIONS, CONTEXT_EMBEDDINGS, AVERAGE,
            CHECKPOINT_DIR, CHECKPOINT_EVERY);
    /**
     * The keys of OpenNLP's own trainers that {@link TrainingParameters#defaultParams()} sets (with {@code
     * Iterations=100}) and OpenNLP's parameter files hold, any case: refused as such, not as unknown words.
     */
    private static final Set<String> MAXENT_KEYS = caseInsensitive(TrainingParameters.ALGORITHM_PARAM,
            TrainingParameters.TRAINER_TYPE_PARAM, TrainingParameters.CUTOFF_PARAM, TrainingParameters.THREADS_PARAM);

    private static Set<String> caseInsensitive(String... keys) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(keys));
        return set;
    }

    /**
     * The parameters that give each setting, for the run's refusals, notes and remedies ("learning rate
     * (LearningRate) must be a number &gt; 0"); what no parameter gives is this adapter's own choice, named by
     * what the user does instead (a CheckpointDir is resumed unasked) or, where the user has no say, by core's
     * builder's method that this adapter calls.
     */
    private static final Map<TrainOptions.Setting, String> PARAMETERS = new EnumMap<>(Map.ofEntries(
            Map.entry(TrainOptions.Setting.SIZE, SIZE), Map.entry(TrainOptions.Setting.VOCAB, VOCAB_SIZE),
            Map.entry(TrainOptions.Setting.LENGTH, MAX_LENGTH), Map.entry(TrainOptions.Setting.BATCH, BATCH_SIZE),
            Map.entry(TrainOptions.Setting.STEPS, TrainingParameters.ITERATIONS_PARAM),
            Map.entry(TrainOptions.Setting.LEARNING_RATE, LEARNING_RATE),
            Map.entry(TrainOptions.Setting.WARMUP, WARMUP_STEPS), Map.entry(TrainOptions.Setting.SEED, SEED),
            Map.entry(TrainOptions.Setting.TIME_BUDGET, TIME_BUDGET), Map.entry(TrainOptions.Setting.AVERAGE, AVERAGE),
            Map.entry(TrainOptions.Setting.RELATIVE_POSITIONS, RELATIVE_POSITIONS),
            Map.entry(TrainOptions.Setting.CONTEXT_EMBEDDINGS, CONTEXT_EMBEDDINGS),
            Map.entry(TrainOptions.Setting.OUTPUT, CHECKPOINT_DIR),
            Map.entry(TrainOptions.Setting.CHECKPOINT_EVERY, CHECKPOINT_EVERY),
            Map.entry(TrainOptions.Setting.RESUME, "the same " + CHECKPOINT_DIR + " (resumed unasked)")));
    static final SettingNames SETTING_NAMES = SettingNames.of(
            setting -> PARAMETERS.getOrDefault(setting, SettingNames.BUILDER.name(setting)),
            (setting, value) -> PARAMETERS.containsKey(setting) ? PARAMETERS.get(setting) + "=" + value
                    : SettingNames.BUILDER.given(setting, value));
    private static final String OTHERWISE = "give another " + CHECKPOINT_DIR;
    /** The corpus file the samples are written to, in the training directory (its config names it). */
    static final String CORPUS_FILE = "training-samples.conllu.gz";

    private ModelTraining() {}

    /**
     * The parameter a misspelt one most likely meant, as the CoreNLP plugin guesses a misspelt property: at most two
     * edits away in any case (OpenNLP's {@link StringUtil#levenshteinDistance}), one for a key of four letters, whose
     * neighbours two edits away are other words (Step is not Seed), the nearest first.
     */
    static Optional<String> closestKey(String unknown) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        Map<String, Integer> near = new TreeMap<>();
        for (String k : KEYS) {
            String key = k.toLowerCase(Locale.ROOT);
            int edits = StringUtil.levenshteinDistance(lower, key)[lower.length()][key.length()];
            if (edits <= (key.length() > 4 ? 2 : 1)) {
                near.put(k, edits);
            }
        }
        return near.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /**
     * {@code running} is given the run before it starts, so that a caller can stop it from another thread ({@link
     * TrainingRun#stop}: the {@code Train} tool on Ctrl-C or SIGTERM); the training directory, when temporary, is
     * removed before this returns or throws, a stop's {@link io.github.diffusionnlp.train.TrainingStopped} included.
     */
    static DiffusionModel train(String languageCode, ObjectStream<POSSample> samples, TrainingParameters params,
            DiffusionToolFactory factory, PrintStream log, Consumer<? super TrainingRun> running) throws IOException {
        return train(languageCode, Source.TAGGED, notes -> read(samples, notes), params, factory, log, running);
    }

    /** As {@link #train}, on untagged sentences: every word X ({@link #readUntagged}). */
    static DiffusionModel trainUntagged(String languageCode, ObjectStream<String[]> sentences,
            TrainingParameters params, DiffusionToolFactory factory, PrintStream log,
            Consumer<? super TrainingRun> running) throws IOException {
        return train(languageCode, Source.UNTAGGED, notes -> readUntagged(sentences), params, factory, log, running);
    }

    /** What a run trains from, as its messages and its corpus file's header name it. */
    private enum Source {
        TAGGED("DiffusionModel.train", "OpenNLP POS samples given to DiffusionModel.train",
                "the training samples hold no sentences"),
        UNTAGGED("DiffusionModel.trainUntagged", "untagged sentences given to DiffusionModel.trainUntagged",
                "the training sentences hold no words");

        /** The library method the caller called, as a refusal of its parameters names it. */
        final String method;
        /** How the lock of the training directory names this writer to a command it refuses. */
        final String holder;
        final String header;
        final String empty;

        Source(String method, String header, String empty) {
            this.method = method;
            this.holder = method + " (" + CHECKPOINT_DIR + ")";
            this.header = header;
            this.empty = empty;
        }
    }

    /** Reads the sentences to train on, noting on the log what the user should know of them. */
    @FunctionalInterface
    private interface SentenceReader {
        List<TaggedSentence> read(PrintStream notes) throws IOException;
    }

    /** The one path of both: parameters checked first, then the sentences read, written and trained on. */
    private static DiffusionModel train(String languageCode, Source source, SentenceReader reader,
            TrainingParameters params, DiffusionToolFactory factory, PrintStream log,
            Consumer<? super TrainingRun> running) throws IOException {
        DiffusionModel.checkedLanguage(languageCode); // before the samples are read, not after training
        // values come as typed objects from code and as strings from a parameters file; keys in any case
        Map<String, Object> settings = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        settings.putAll(everySetting(params));
        Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        known.addAll(KEYS);
        for (String key : settings.keySet()) {
            if (key.contains(".")) {
                throw new IllegalArgumentException(namespaced(key, source.method));
            }
            if (MAXENT_KEYS.contains(key)) {
                throw new IllegalArgumentException("training parameter '" + key + "' is OpenNLP's maxent/perceptron"
                        + " trainers' parameter, which this model has no use for; start from new TrainingParameters(),"
                        + " not TrainingParameters.defaultParams() (whose Iterations=100 would also train 100 steps),"
                        + " or remove it from the parameters file; allowed: " + String.join(", ", new TreeSet<>(KEYS)));
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown training parameter '" + Visible.of(key) + "'; "
                        + closestKey(key).map(k -> "did you mean " + k + "? ").orElse("") + "allowed: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        Object checkpoints = settings.get(CHECKPOINT_DIR);
        Path dir = checkpoints != null ? Path.of(checkpoints.toString()) : temporaryDirectory();
        Path corpus = dir.resolve(CORPUS_FILE);
        try {
            // the options first: a bad parameter is reported before the samples are read
            TrainOptions options = options(settings, corpus, dir, checkpoints != null);
            if (checkpoints != null) {
                // the corpus goes into the directory before the trainer checks it: checked here first, so that
                // a directory of the user's own files (one named as the corpus included) is left as it was
                OutputDirectory.requireTrainable(options, CHECKPOINT_DIR);
            }
            List<TaggedSentence> sentences = reader.read(log);
            if (sentences.isEmpty()) {
                throw new InvalidFormatException(source.empty);
            }
            // The samples and, after the run, the package's files are written and read under the directory's
            // lock, as the run writes its checkpoints: a train --resume there meanwhile would otherwise read
            // half-written samples, or commit a checkpoint between the package's files.
            Files.createDirectories(dir);
            try (ModelDirectory.Lock lock = ModelDirectory.lock(dir, source.holder, OTHERWISE)) {
                TaggedCorpus.write(corpus, List.of(source.header), sentences);
            }
            DiffusionTrainer trainer = new DiffusionTrainer(options, log);
            running.accept(trainer);
            trainer.run();
            try (ModelDirectory.Lock lock = ModelDirectory.lock(dir, source.holder, OTHERWISE)) {
                return DiffusionModel.fromTraining(dir, languageCode, factory);
            }
        } finally {
            if (checkpoints == null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * Every parameter given, namespaced ones ({@code my.Bogus}, {@code put("diffusion", "Iterations", 10)}) included.
     * OpenNLP's {@link TrainingParameters#getObjectSettings()} leaves out every key with a "." in it, and the class
     * has no other way to list its keys ({@code serialize} fails on a value that is not a string, as {@code
     * put(key, 10)} gives): its map is read, so that such a key is refused by name rather than silently dropped (the
     * run went on with 5,000 steps where {@code diffusion.Iterations=10} was meant). Where the map cannot be read
     * (another OpenNLP release), the keys {@code getObjectSettings()} gives are taken, with one WARN: training with
     * valid parameters must not fail for want of a check.
     */
    static Map<String, Object> everySetting(TrainingParameters params) {
        return everySetting(params, "parameters");
    }

    /** As above, reading the map from the field {@code mapField} (another name: as if that release had none). */
    static Map<String, Object> everySetting(TrainingParameters params, String mapField) {
        try {
            java.lang.reflect.Field field = TrainingParameters.class.getDeclaredField(mapField);
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> all = (Map<String, Object>) field.get(params);
            return new java.util.HashMap<>(all);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another OpenNLP release: its field gone, or closed to us
            if (WARNED_OF_FALLBACK.compareAndSet(false, true)) {
                LOG.warn("cannot read the keys of OpenNLP's TrainingParameters ({}; this adapter is built for OpenNLP"
                        + " 2.5.11): training parameters with a \".\" in their key (namespaced) cannot be checked,"
                        + " and are ignored unseen; give every key without a prefix", e.toString());
            }
            return params.getObjectSettings();
        }
    }

    /**
     * The refusal of a namespaced key. One model is trained, with no sub-trainer for a namespace to address (OpenNLP
     * namespaces keys where one tool trains several models), so none is read, ours included: the key is to be given
     * without its prefix. {@code method} is the one called ({@code DiffusionModel.trainUntagged} too).
     */
    private static String namespaced(String key, String method) {
        String bare = key.substring(key.lastIndexOf('.') + 1);
        Optional<String> meant = KEYS.stream().filter(k -> k.equalsIgnoreCase(bare)).findFirst()
                .or(() -> closestKey(key.replace(".", ""))).or(() -> closestKey(bare));
        return "namespaced training parameter '" + Visible.of(key) + "': " + method + " reads no namespaces; give it"
                + " without its prefix" + meant.map(k -> " (did you mean " + k + "?)").orElse("") + "; allowed: "
                + String.join(", ", new TreeSet<>(KEYS));
    }

    /** The run's options; the samples file is read in the layout it is written in ({@link TaggedCorpus#write}). */
    static TrainOptions options(Map<String, Object> p, Path corpus, Path dir, boolean resume) {
        TrainOptions.Builder b = TrainOptions.builder(corpus, dir).resume(resume).settingNames(SETTING_NAMES)
                .layout(TaggedCorpus.WRITTEN_LAYOUT)
                .averageDecay(number(p, AVERAGE, 0.0).doubleValue())
                // OpenNLP's trainers take no held-out split: none, not the one a CheckpointDir core's train --dev
                // trained records (a changed one would be refused naming dev(...) / noDev(), which this API lacks)
                .noDev();
        // only the parameters given are set: the rest are the builder's defaults, or a resumed run's checkpoint's
        ifGiven(p, TrainingParameters.ITERATIONS_PARAM, TrainOptions.DEFAULT_STEPS, n -> b.steps(n.intValue()));
        ifGiven(p, BATCH_SIZE, TrainOptions.DEFAULT_BATCH_SIZE, n -> b.batchSize(n.intValue()));
        ifGiven(p, LEARNING_RATE, TrainOptions.DEFAULT_LEARNING_RATE, n -> b.learningRate(n.doubleValue()));
        ifGiven(p, SEED, TrainOptions.DEFAULT_SEED, n -> b.seed(n.longValue()));
        ifGiven(p, VOCAB_SIZE, TrainOptions.DEFAULT_VOCAB_SIZE, n -> b.vocabSize(n.intValue()));
        ifGiven(p, MAX_LENGTH, TrainOptions.DEFAULT_MAX_LENGTH, n -> b.maxLength(n.intValue()));
        ifGiven(p, WARMUP_STEPS, TrainOptions.DEFAULT_WARMUP_STEPS, n -> b.warmupSteps(n.intValue()));
        ifGiven(p, CHECKPOINT_EVERY, TrainOptions.DEFAULT_CHECKPOINT_EVERY, n -> b.checkpointEvery(n.intValue()));
        if (p.containsKey(SIZE)) {
            b.size(p.get(SIZE).toString().trim());
        }
        ifGivenFlag(p, RELATIVE_POSITIONS, b::relativePositions);
        ifGivenFlag(p, CONTEXT_EMBEDDINGS, b::contextEmbeddings);
        if (p.containsKey(TIME_BUDGET)) {
            // the durations core's train --time-budget takes (90m, 1h30m), not only ISO-8601's PT90M
            try {
                b.timeBudget(TrainOptions.Builder.parseDuration(p.get(TIME_BUDGET).toString()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TIME_BUDGET + " " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** Passes flag {@code key} (true or false, any case; a Boolean or its text from a parameters file) when given. */
    private static void ifGivenFlag(Map<String, Object> p, String key, Consumer<Boolean> set) {
        if (p.containsKey(key)) {
            String v = p.get(key).toString().trim();
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key + " takes true or false, got '" + Visible.of(v) + "'");
            }
            set.accept(Boolean.parseBoolean(v));
        }
    }

    /** Passes parameter {@code key} to {@code set} when it is given, read as {@code kind}'s type (see number). */
    private static void ifGiven(Map<String, Object> p, String key, Number kind,
            java.util.function.Consumer<Number> set) {
        if (p.containsKey(key)) {
            set.accept(number(p, key, kind));
        }
    }

    private static Number number(Map<String, Object> p, String key, Number absent) {
        Object v = p.get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n) {
            return n;
        }
        String text = v.toString().trim();
        try {
            // not Long.parseLong, which reads any script's digits ('٣' as 3)
            return absent instanceof Double ? (Number) Double.parseDouble(text) : (Number) Numbers.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " " + text + " is not " + (absent instanceof Double ? "a number"
                    : "a whole number") + (Numbers.hasOtherDigits(text) ? " " + Numbers.IN_ASCII_DIGITS : ""));
        }
    }

    /**
     * A sample as core reads a sentence: its tags as UPOS, Penn Treebank mapped, a joined tag as its first part
     * ({@code can't_AUX+PART}, as POSTaggerME tags a contraction, is AUX), any other tag X.
     */
    static TaggedSentence tagged(POSSample sample) {
        String[] words = sample.getSentence();
        String[] tags = sample.getTags();
        List<Upos> upos = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            Upos u = PtbTags.of(words[i], EnglishPosTagger.firstPart(tags[i].toUpperCase(Locale.ROOT)));
            upos.add(u == null ? Upos.X : u);
        }
        return new TaggedSentence(List.of(words), upos);
    }

    /**
     * The samples as tagged sentences. Tags are read in any case ({@code noun}, {@code nn}), as core's
     * {@code TaggedCorpus} reads them; one of neither tag set trains as X, and the log says how many did and
     * which tags they were: a corpus in another tag set (Brown's {@code AT}, say) would otherwise train a
     * model that cannot follow POS templates without a word said.
     */
    static List<TaggedSentence> read(ObjectStream<POSSample> samples, PrintStream log) throws IOException {
        List<TaggedSentence> sentences = new ArrayList<>();
        Multiset<String> unknown = HashMultiset.create();
        long tokens = 0;
        for (POSSample s = samples.read(); s != null; s = samples.read()) {
            String[] words = s.getSentence();
            String[] tags = s.getTags();
            for (String t : tags) {
                if (!EnglishPosTagger.isTrainedAsTag(t)) { // can't_AUX+PART is AUX
                    unknown.add(t);
                }
            }
            tokens += words.length;
            if (words.length > 0) {
                sentences.add(tagged(s));
            }
        }
        if (!unknown.isEmpty()) {
            String most = Multisets.copyHighestCountFirst(unknown).entrySet().stream().limit(5)
                    .map(e -> "'" + e.getElement() + "' " + e.getCount()).collect(Collectors.joining(", "));
            log.printf(Locale.ROOT, "note: %,d of %,d sample tokens have tags that are neither UD UPOS nor Penn"
                    + " Treebank (most often: %s); they train as X, which POS templates cannot ask for%n",
                    unknown.size(), tokens, most);
        }
        return sentences;
    }

    /**
     * Untagged sentences, their tokens as given, as sentences whose every tag is X: what core's reader makes of plain
     * text ({@code train --layout plain}), so that the model records it was trained without tags and refuses POS
     * templates. A sentence of no tokens is skipped, as a blank line of plain text is (a null one ends the stream, as
     * OpenNLP's streams end); a null token is an {@link IllegalArgumentException} naming it.
     */
    static List<TaggedSentence> readUntagged(ObjectStream<String[]> sentences) throws IOException {
        List<TaggedSentence> read = new ArrayList<>();
        int index = 0;
        for (String[] tokens = sentences.read(); tokens != null; tokens = sentences.read(), index++) {
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i] == null) {
                    throw new IllegalArgumentException("training sentence " + (index + 1) + ": token " + (i + 1)
                            + " is null");
                }
            }
            if (tokens.length > 0) {
                read.add(new TaggedSentence(List.of(tokens), java.util.Collections.nCopies(tokens.length, Upos.X)));
            }
        }
        return read;
    }

    /**
     * A directory to train in when no {@value #CHECKPOINT_DIR} is given. Failing (an unwritable java.io.tmpdir), the
     * message says the parameter that avoids it: it said only the path ("error: /tmp/ro/diffusion-training159...").
     */
    private static Path temporaryDirectory() throws IOException {
        try {
            return Files.createTempDirectory("diffusion-training");
        } catch (IOException e) {
            throw new IOException("no temporary directory to train in; give " + CHECKPOINT_DIR + "=DIR among the"
                    + " training parameters to train in a directory of your own", e);
        }
    }
}
