package io.github.diffusionnlp.api;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.CastWeights;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.runtime.Interruption;
import io.github.diffusionnlp.runtime.Lifecycle;
import io.github.diffusionnlp.runtime.Owned;
import io.github.diffusionnlp.model.Precision;
import io.github.diffusionnlp.model.QuoteSpelling;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import io.github.diffusionnlp.sample.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A diffusion language model ready for use: infill masked tokens, rewrite sentences, generate new ones.
 *
 * <pre>{@code
 * try (DiffusionLM lm = DiffusionLM.builder().build()) {          // the shipped default model
 *     List<String> filled = lm.infill(List.of("The", "[MASK]", "was", "late", "."), SamplingOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Thread-safe: one instance may serve many threads at once, and by default calls from concurrent
 * threads share sampling batches ({@link Builder#optBatching}); {@link #close()} waits for calls in
 * flight (they return their answers), stops the batching threads and frees the native memory; calls
 * made once it has begun fail at once, and a second close returns when the first has freed the memory
 * ({@code ClosingInFlightTest}, {@code LifecycleTest}). A model never
 * closed keeps its native memory until the JVM exits, which frees it: the batching threads are daemons
 * and do not keep the JVM alive.
 *
 * <p>What a call throws: {@link IllegalArgumentException} for a value it cannot work with (naming it and
 * what is allowed) and {@link NullPointerException} for a missing one (naming which argument, sentence or
 * token), both before any sampling; {@link ModelClosedException} (an {@link IllegalStateException}) once the
 * model is closed, naming the model ({@link #name()}): the one to retry on a model loaded in its place; a plain
 * {@link IllegalStateException} when the calling thread is interrupted while it samples or rates (best of k,
 * {@link #sentimentPosterior}; the message says so; the thread keeps its interrupt flag); DJL's {@link
 * ai.djl.engine.EngineException} when PyTorch itself fails.
 *
 * <p>A call copies the lists and keep masks it is given when it starts, so changing them afterwards (or
 * from another thread while it runs) changes nothing of its work; it returns new, modifiable lists that
 * are the caller's own.
 */
public final class DiffusionLM implements AutoCloseable {
    static {
        DjlTelemetry.optOut(); // before DJL's engine first starts
    }

    /** The token that marks a position to infill. */
    public static final String MASK = Vocabulary.MASK;

    /** Request-batching lanes unless {@link Builder#optBatching(int, Duration, int)} says otherwise. */
    public static final int DEFAULT_BATCH_LANES = 2;

    private final NDManager manager;
    private final ModelCheckpoint.Loaded model;
    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(DiffusionLM.class);

    private final Precision precision;
    /** Gathers concurrent calls into shared batches ({@link Builder#optBatching}); null: off. */
    private final RequestBatcher batcher;
    /** Rates best-of-k candidates with {@link #batcher}'s lane count of threads; null, as it, when batching is off. */
    private final RatingThreads ratings;
    /** Lexical constraints' word masks, which {@link #rowSampler} builds; a rewrite checks them first. */
    private final LexicalMasks lexicalMasks;
    /** Samples the rows of every call, through {@link #batcher} when there is one. */
    private final RowSampler rowSampler;
    private final ModelInfo info;
    /** Its calls and close; a call once the close has begun fails with a {@link ModelClosedException} naming it. */
    private final Lifecycle lifecycle = new Lifecycle("DiffusionLM", this::closedError);
    /** What the log and messages call the model: {@link Builder#optModelName}, else its directory. */
    private final String name;
    /** Where n-gram fusion's corpus is, how it is read, and its trigrams once counted. */
    private final NgramCorpus ngramCorpus;
    /**
     * Why the model cannot follow a template, or null when it can: trained on a corpus without tags, as its tag
     * lexicon (X alone) or, without one, its training record's layout says ({@link #requireTemplates}).
     */
    private final String untaggedBecause;
    /** The words it never writes ({@link Builder#optBannedWords}). */
    private final Set<String> bannedWords;
    /** Whether its sentiment caveat has been told, by the log or a front end ({@link #takeSentimentCaveat}). */
    private final AtomicBoolean sentimentCaveatTold = new AtomicBoolean();

    private DiffusionLM(NDManager manager, ModelCheckpoint.Loaded model, Builder settings) {
        this.manager = manager;
        this.model = model;
        for (Pair<String, Parameter> p : model.network().getParameters()) {
            p.getValue().getArray().setRequiresGradient(false); // inference only: no autograd graph
        }
        this.precision = settings.precision;
        this.ngramCorpus = new NgramCorpus(model, settings.ngramCorpus, settings.ngramLayout, settings.ngramMultiword,
                settings.ngramLayoutOption);
        this.untaggedBecause = model.whyUntagged();
        this.bannedWords = settings.bannedWords;
        int[] banned = BannedWords.ids(settings.bannedWords, model.vocabulary());
        BannedWords.requireWordsLeft(banned, model.vocabulary());
        model.network().neverWrite(banned);
        model.network().neverWrite(model.vocabulary().unwritable()); // an older model's "400 000": no text's token
        Sampler sampler = new Sampler(model.network(), model.warp(), manager,
                precision == Precision.FP32 ? null : new CastWeights(model.network(), precision, manager));
        this.name = settings.modelName != null ? settings.modelName : model.directory().toString();
        this.info = new ModelInfo(model.directory(), model.header().model(), model.network().parameterCount(),
                model.header().training());
        // the name is a path or a front end's label: data, whose line breaks or ESC sequences would forge log lines
        logger.info("diffusion-nlp: model {} on {} ({}){}", Visible.of(name), Devices.name(manager.getDevice()),
                precision,
                settings.batchRows == 0 ? ", no request batching" : ", request batching up to " + settings.batchRows
                        + " rows in " + settings.batchLanes + (settings.batchLanes == 1 ? " lane" : " lanes"));
        // last: its lanes are threads, and a constructor that failed after starting them would leave them running,
        // with no DiffusionLM for the caller to close (FailedBuildTest)
        this.batcher = settings.batchRows == 0 ? null
                // a lane runs its callers' work: what a steering scorer calls from there is a nested call
                : new RequestBatcher((rows, schedule, wanted) -> lifecycle.onBehalfOfACall(
                        () -> sampler.sample(rows, schedule, wanted)),
                        settings.batchRows, settings.batchWait, settings.batchLanes,
                        "diffusion-nlp-batcher", this::closedError);
        this.ratings = settings.batchRows == 0 ? null : new RatingThreads(settings.batchLanes);
        this.lexicalMasks = new LexicalMasks(manager, model, name);
        this.rowSampler = new RowSampler(sampler, batcher, ratings, lifecycle, lexicalMasks, ngramCorpus,
                model.vocabulary());
    }

    /**
     * A builder of a model: {@code DiffusionLM.builder().build()} loads the shipped default model on the engine's
     * device.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The words of a banned-words list file, as {@link Builder#optBannedWords(Path)} reads them: for a front end
     * that checks its settings before it loads a model, or keys its shared models by them.
     *
     * @throws IllegalArgumentException as {@link Builder#optBannedWords(Path)}
     */
    public static Set<String> readBannedWords(Path file) {
        return BannedWords.read(Objects.requireNonNull(file, "file (an empty file bans none)"));
    }

    /**
     * The words this model never writes, as given to {@link Builder#optBannedWords(Collection)} or read by {@link
     * Builder#optBannedWords(Path)}; by default {@link #defaultBannedWords()}.
     */
    public Set<String> bannedWords() {
        return bannedWords;
    }

    /** The words a model never writes unless {@link Builder#optBannedWords} says otherwise: a short list of slurs. */
    public static Set<String> defaultBannedWords() {
        return BannedWords.DEFAULT;
    }

    /**
     * What the log and messages call this model, a closed one's {@link ModelClosedException} too: the name it was
     * loaded under ({@link Builder#optModelName}), else its directory.
     */
    public String name() {
        return name;
    }

    private ModelClosedException closedError() {
        return new ModelClosedException("DiffusionLM", name);
    }

    /** What the model is: its directory, its config (shape, length, noise range), size and training record. */
    public ModelInfo info() {
        return info;
    }

    /** The number format the transformer body runs in ({@link Builder#optPrecision}). */
    public Precision precision() {
        return precision;
    }

    /**
     * Native arrays this model holds: its weights (one array each) and what it derives from them to sample
     * faster, made at load (the normalised embedding table; the sampling pass's copies of the modulation,
     * attention and output weights with their scales folded in; under fp16 or bf16 {@link Builder#optPrecision},
     * copies of the body's weights in that type) or cached by the first call that needs them (the word masks
     * of {@link Constraints#withLexical lexical constraints}; for a model with relative positions, the offset
     * biases of each width a row is computed at: one array per layer and width, the widths multiples of 16 up to
     * the model's length, so at most 16 arrays on the shipped model's 4 layers and 64 positions, about 0.5 MB; the
     * first call on a sentence longer than the model, read in windows of its whole length, adds the widest 4).
     * Nothing else between calls. A leak check for a long-running process: PyTorch's memory is outside the
     * Java heap, so neither the heap nor the garbage collector shows a leak there, and this count stays flat
     * from call to call when nothing leaks, once each cache is built (the {@code benchmark} and {@code
     * load-benchmark} commands report it beside resident memory).
     */
    public int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /**
     * A copy of the model's embedding table E (V, d), rows normalised as the model uses them, in
     * {@code target}: for training scorers over its embeddings (plug-and-play guidance).
     *
     * @throws NullPointerException when {@code target} is null
     * @throws ModelClosedException when the model has been closed
     */
    public ai.djl.ndarray.NDArray embeddingTable(NDManager target) {
        Objects.requireNonNull(target, "target (the NDManager the copy goes to)");
        return whileOpen(() -> {
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(manager, false);
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                scope.suppressNotUsedWarning();
                ai.djl.ndarray.NDArray e = model.network().embeddings(ps, manager.getDevice(), false);
                ai.djl.ndarray.NDArray copy = target.create(e.toFloatArray(), e.getShape());
                ai.djl.ndarray.NDScope.unregister(copy); // the caller's, not the scope's
                return copy;
            }
        });
    }

    /**
     * The words the model knows, in the order of their ids ({@link Vocabulary#word}; {@link Vocabulary#id} gives
     * {@link Vocabulary#UNK_ID} for a word it does not know); immutable, and readable once the model is closed.
     */
    public Vocabulary vocabulary() {
        return model.vocabulary();
    }

    /**
     * Fills every {@link #MASK} of a tokenized sentence with one word; every other token comes back
     * unchanged (words the model does not know included). Unless {@code options} set a temperature,
     * the words are the model's most likely ({@link SamplingOptions#INFILL_TEMPERATURE}).
     *
     * @throws IllegalArgumentException for a mask written another way ("[mask]", {@code "<mask>"}, "[MASK]."),
     *     which would come back unfilled, and for an empty token or one holding whitespace (infill and rewrite take
     *     whitespace-split text); the message names the token ("token 2", no sentence index: the caller gave one
     *     sentence) and how to write it
     */
    public List<String> infill(List<String> tokens, SamplingOptions options) {
        return infill(tokens, Constraints.none(), options);
    }

    /**
     * {@link #infill(List, SamplingOptions)} under constraints, as {@link #infillAll(List, Constraints,
     * SamplingOptions)} takes them: a sentiment, and/or a POS template with one tag per token.
     */
    public List<String> infill(List<String> tokens, Constraints constraints, SamplingOptions options) {
        return infill(List.of(Objects.requireNonNull(tokens, "tokens")), constraints, options, SentenceNaming.ONE)
                .get(0);
    }

    /**
     * Batched {@link #infill(List, SamplingOptions)}: sentences go through the network
     * {@link SamplingOptions#batchSize()} at a time; sentence i uses seed {@link SamplingOptions#sentenceSeed
     * options.sentenceSeed(i)}.
     * Sentences longer than the model's length are filled in stretches of half its length, each in a
     * window of the model's length around it that reads the words filled before it.
     */
    public List<List<String>> infillAll(List<List<String>> sentences, SamplingOptions options) {
        return infillAll(sentences, Constraints.none(), options);
    }

    /**
     * Infills under constraints: a sentiment for every sentence, and/or a POS template that must have
     * exactly as many tags as each sentence has tokens (the tags of given words help the model too).
     *
     * <p>The refusals of the batched calls ({@code infillAll}, {@code suggestAll}, {@code rewriteAll}) name a
     * sentence by its index in the list ("token 2 of sentence 0", "sentence 1 has 3 tokens"), a list of one
     * included: the index is where the caller put it, and a message's words do not change with the list's size.
     * Those of the calls given one sentence ({@code infill}, {@code suggest}, {@code rewrite}) say "token 2" and
     * "the sentence", an index their caller never gave. The overloads given a {@link SentenceNaming} ({@link
     * #infillAll(List, Constraints, SamplingOptions, SentenceNaming)} and those of {@code suggestAll} and {@code
     * rewriteAll}) name them as it does.
     */
    public List<List<String>> infillAll(List<List<String>> sentences, Constraints constraints,
            SamplingOptions options) {
        return infill(sentences, constraints, options, SentenceNaming.BATCH);
    }

    /**
     * {@link #infillAll(List, Constraints, SamplingOptions)}, its refusals naming the sentences as {@code naming}
     * does: for a front end whose user counts the sentences otherwise (CoreNLP's annotator names a document's from 1,
     * "token 2 of sentence 2", as its own warnings do), or that passes on one sentence its caller gave alone ({@link
     * SentenceNaming#ONE}: "token 2", "the sentence"). It fills what that call fills, in the same way.
     *
     * @throws IllegalArgumentException as {@link #infillAll(List, Constraints, SamplingOptions)}, naming the sentences
     *     and tokens as {@code naming} does, and when {@code naming} names one sentence and more are given
     */
    public List<List<String>> infillAll(List<List<String>> sentences, Constraints constraints, SamplingOptions options,
            SentenceNaming naming) {
        requireOneSentenceFor(naming, sentences);
        return infill(sentences, constraints, options, naming);
    }

    /**
     * {@link #infillAll(List, Constraints, SamplingOptions)}, its refusals naming the sentences as {@code naming}
     * does.
     */
    private List<List<String>> infill(List<List<String>> sentences, Constraints constraints, SamplingOptions options,
            SentenceNaming naming) {
        sentences = CallArguments.sentences(sentences, constraints, options, naming);
        CallArguments.checkMasks(sentences, naming);
        CallArguments.checkConstraints(constraints);
        CallArguments.checkSteeringHere(constraints, options);
        if (constraints.template() != null) {
            requireTemplates();
            CallArguments.checkInfillTemplate(constraints.template(), sentences, naming);
        }
        warnOfSentiment(constraints.sentiment() != null);
        SamplingOptions sampling = options.withDefaultTemperature(SamplingOptions.INFILL_TEMPERATURE);
        SentenceWindows windows = new SentenceWindows(sentences, model.vocabulary(), info.config().maxLength());
        return whileOpen(() -> { // one call to close, stretch after stretch (see #close)
            for (int round = 0; windows.hasInfillRound(round); round++) {
                List<ModelRow> rows = windows.infillRound(round, constraints, options);
                windows.writeInfilled(rowSampler.run(rows, sampling, 1.0, constraints));
            }
            return windows.sentences();
        });
    }

    /**
     * The rows {@link #infillAll} samples for {@code tokens}, each best-of-k candidate apart: none without a
     * {@value #MASK}, one for a sentence of at most the model's length with one, and for a longer sentence one for each
     * stretch of half the model's length that holds a mask. For a caller that weighs a request's work before
     * sampling it (the CoreNLP server's limit); it loads nothing and works on a closed model.
     *
     * @throws NullPointerException when {@code tokens} or one of them is null, named as {@link #infill} names it
     */
    public int infillRows(List<String> tokens) {
        return SentenceWindows.infillRows(countable(tokens), info.config().maxLength());
    }

    /**
     * A sentence a row count is asked for, as it is now, refused as {@link #infill} refuses it when it or one of its
     * tokens is missing ("token 1 is null"), rather than counted or failing deep inside.
     */
    private static List<String> countable(List<String> tokens) {
        return TokenLists.checkedCopy(List.of(Objects.requireNonNull(tokens, "tokens")), "sentences",
                SentenceNaming.ONE).get(0);
    }

    /**
     * The {@code k} words the model finds likeliest at each {@value #MASK} of a sentence, best first, with their
     * probabilities: a masked language model's fill-mask. Each mask is read alone, from the sentence's visible words
     * in one pass of the network at the highest noise level (the other masks unknown to it): the distribution whose
     * most likely word greedy {@link #infill} starts from. Deterministic: the same sentence gives the same list.
     * Unknown words in the sentence are read as {@code [UNK]}; no suggestion is {@code [UNK]}, padding or a banned
     * word, and the probabilities are over the words the model may write (banning a word raises the others').
     * A sentence longer than the model's length is read as infill reads it, stretch by stretch of half the model's
     * length, each stretch's masks in the window of the model's length around it.
     *
     * @param tokens whitespace-split tokens, any number (none: no mask)
     * @param k how many words per mask, 1 to the words the model knows ({@link Vocabulary#size()} − 2)
     * @return one list per mask, in the sentence's order (none for a sentence without a mask), of k words unless k
     *     passes the words the model may write: the banned ones are left out
     * @throws IllegalArgumentException for a {@code k} out of range, and, as infill, a mask written another way or a
     *     token that is empty or holds whitespace, naming it
     * @throws ModelClosedException when the model has been closed
     */
    public List<List<Suggestion>> suggest(List<String> tokens, int k) {
        return suggest(tokens, Constraints.none(), k);
    }

    /**
     * {@link #suggest(List, int)} under constraints, as greedy {@link #infill(List, Constraints, SamplingOptions)}'s
     * first step reads the sentence under them: a sentiment and/or a POS template (one tag per token), pushed by
     * their guidance weight (0 ignores them), lexical constraints leaving out the words their lexicons forbid.
     *
     * @throws IllegalArgumentException as {@link #suggest(List, int)} and for constraints infill refuses, and for
     *     steering or more than one candidate, which act on sampled sentences, not on one pass
     */
    public List<List<Suggestion>> suggest(List<String> tokens, Constraints constraints, int k) {
        return suggest(tokens, constraints, SamplingOptions.defaults(), k);
    }

    /**
     * {@link #suggest(List, Constraints, int)} as greedy infill under {@code options} reads the sentence in its first
     * step. Of the options it reads two: the n-gram fusion weight ({@link SamplingOptions.Builder#ngramWeight}),
     * which ranks the network's {@code max(k, 100)} likeliest words at each mask by log p_network + weight ·
     * log p_trigram (the trigram reading the other masks at their fused choices) and renormalises their
     * probabilities over those words, so that each mask's first word is the one a one-step greedy fused infill
     * writes there; and the batch size (windows per pass). Steps, seed and temperatures describe sampling, which
     * suggest does not do: they are not read.
     */
    public List<List<Suggestion>> suggest(List<String> tokens, Constraints constraints, SamplingOptions options,
            int k) {
        List<List<String>> given = CallArguments.sentences(List.of(Objects.requireNonNull(tokens, "tokens")),
                constraints, options, SentenceNaming.ONE);
        return suggestRead(given, given, constraints, options, k, SentenceNaming.ONE).get(0);
    }

    /**
     * Batched {@link #suggest}: each sentence's lists, the words those of one call each and the probabilities equal
     * up to float rounding, the windows read {@link SamplingOptions#batchSize() a default batch} at a time (one
     * pass per batch instead of per sentence).
     *
     * @throws IllegalArgumentException as {@link #suggest}, naming the sentence, before any is read
     * @throws IllegalStateException when the calling thread is interrupted: between batches, as sampling stops
     *     between its steps (the thread keeps its interrupt flag)
     */
    public List<List<List<Suggestion>>> suggestAll(List<List<String>> sentences, int k) {
        return suggestAll(sentences, Constraints.none(), k);
    }

    /** Batched {@link #suggest(List, Constraints, int)}: the same constraints for every sentence. */
    public List<List<List<Suggestion>>> suggestAll(List<List<String>> sentences, Constraints constraints, int k) {
        return suggestAll(sentences, constraints, SamplingOptions.defaults(), k);
    }

    /** Batched {@link #suggest(List, Constraints, SamplingOptions, int)}: the same constraints and options for all. */
    public List<List<List<Suggestion>>> suggestAll(List<List<String>> sentences, Constraints constraints,
            SamplingOptions options, int k) {
        List<List<String>> given = CallArguments.sentences(sentences, constraints, options, SentenceNaming.BATCH);
        return suggestRead(given, given, constraints, options, k, SentenceNaming.BATCH);
    }

    /**
     * {@link #suggestAll(List, Constraints, int)} beside infill's result for the same sentences: a sentence longer
     * than the model's length has each stretch read with the words infill wrote before it, as infill's sampling of
     * that stretch read it, so that greedy infill's first step writes each mask's first suggestion there too (at
     * most the model's length, a sentence is read as {@link #suggestAll(List, Constraints, int)} reads it).
     *
     * @param infilled what {@link #infillAll} returned for {@code sentences}: as many, each as long, the same tokens
     *     wherever its sentence has no mask
     * @throws IllegalArgumentException as {@link #suggest(List, Constraints, int)}, or when {@code infilled} does
     *     not match, naming the sentence
     */
    public List<List<List<Suggestion>>> suggestAll(List<List<String>> sentences, List<List<String>> infilled,
            Constraints constraints, int k) {
        return suggestAll(sentences, infilled, constraints, SamplingOptions.defaults(), k);
    }

    /**
     * {@link #suggestAll(List, List, Constraints, int)} under {@code options}, read as {@link #suggest(List,
     * Constraints, SamplingOptions, int)} reads them: pass the options the sentences were infilled with.
     */
    public List<List<List<Suggestion>>> suggestAll(List<List<String>> sentences, List<List<String>> infilled,
            Constraints constraints, SamplingOptions options, int k) {
        return suggestAll(sentences, infilled, constraints, options, k, SentenceNaming.BATCH);
    }

    /**
     * {@link #suggestAll(List, List, Constraints, SamplingOptions, int)}, its refusals naming the sentences (and those
     * of {@code infilled}, "token 2 of infilled sentence 2") as {@code naming} does, as {@link #infillAll(List,
     * Constraints, SamplingOptions, SentenceNaming)} names them: for a front end that reads the words of the sentences
     * it infilled under its own naming (CoreNLP's annotator, from 1). It reads what that call reads, in the same way.
     *
     * @throws IllegalArgumentException as {@link #suggestAll(List, List, Constraints, SamplingOptions, int)}, naming
     *     the sentences and tokens as {@code naming} does, and when {@code naming} names one sentence and more are
     *     given
     */
    public List<List<List<Suggestion>>> suggestAll(List<List<String>> sentences, List<List<String>> infilled,
            Constraints constraints, SamplingOptions options, int k, SentenceNaming naming) {
        requireOneSentenceFor(naming, sentences);
        List<List<String>> given = CallArguments.sentences(sentences, constraints, options, naming);
        SentenceNaming filledNaming = new SentenceNaming("infilled " + naming.noun(), naming.single(),
                naming.firstSentence(), naming.firstToken());
        List<List<String>> filled = TokenLists.checkedCopy(infilled, "infilled", filledNaming);
        CallArguments.checkInfilled(given, filled, naming, filledNaming);
        return suggestRead(given, filled, constraints, options, k, naming);
    }

    private List<List<List<Suggestion>>> suggestRead(List<List<String>> given, List<List<String>> infilled,
            Constraints constraints, SamplingOptions options, int k, SentenceNaming naming) {
        CallArguments.checkMasks(given, naming);
        CallArguments.checkConstraints(constraints);
        CallArguments.checkOnePass(constraints);
        if (constraints.template() != null) {
            requireTemplates();
            CallArguments.checkInfillTemplate(constraints.template(), given, naming);
        }
        int words = model.vocabulary().size() - 2;
        if (k < 1 || k > words) {
            throw new IllegalArgumentException("k must be 1 to " + words + " (the words the model knows), got " + k);
        }
        warnOfSentiment(constraints.sentiment() != null);
        int len = info.config().maxLength();
        List<ModelRow> rows = new ArrayList<>();
        List<int[]> stretches = new ArrayList<>();
        for (int s = 0; s < given.size(); s++) {
            for (ModelRow row : SentenceWindows.suggestRows(s, given.get(s), infilled.get(s), model.vocabulary(), len,
                    stretches)) {
                rows.add(row.constrain(constraints, row.offset, given.get(s).size(), len));
            }
        }
        List<List<List<Suggestion>>> out = new ArrayList<>();
        for (List<String> sentence : given) {
            out.add(new ArrayList<>(Collections.nCopies(sentence.size(), null)));
        }
        // one call to close, batch after batch (see #close), and failing once closed however few masks it has
        whileOpen(() -> readSuggestions(rows, stretches, k, constraints, options, out));
        List<List<List<Suggestion>>> lists = new ArrayList<>(); // modifiable, the caller's own, as every call's
        for (List<List<Suggestion>> perToken : out) {
            // one list per mask, in order
            lists.add(perToken.stream().filter(Objects::nonNull).collect(Collectors.toCollection(ArrayList::new)));
        }
        return lists;
    }

    /** Each row's suggestions at the masks of its stretch, put in {@code out}, a batch of rows at a time. */
    private Void readSuggestions(List<ModelRow> rows, List<int[]> stretches, int k, Constraints constraints,
            SamplingOptions options, List<List<List<Suggestion>>> out) {
        int batch = options.batchSize();
        for (int from = 0; from < rows.size(); from += batch) {
            // as sampling answers an interrupt between its steps: a caller that gave up waits for no more batches
            Interruption.stopIfInterrupted("suggesting words");
            List<ModelRow> slice = rows.subList(from, Math.min(rows.size(), from + batch));
            Sampler.TopWords[][] top = rowSampler.topWords(slice, k, constraints, options.ngramWeight());
            for (int r = 0; r < slice.size(); r++) {
                ModelRow row = slice.get(r);
                int[] stretch = stretches.get(from + r);
                for (int i = 0; i < row.tokens.size(); i++) {
                    int at = row.offset + i;
                    if (!row.given[i] && at >= stretch[0] && at < stretch[1]) {
                        out.get(row.sentence).set(at, suggestions(top[r][i]));
                    }
                }
            }
        }
        return null;
    }

    /** One mask's words and probabilities. */
    private List<Suggestion> suggestions(Sampler.TopWords top) {
        List<Suggestion> here = new ArrayList<>();
        for (int c = 0; c < top.ids().length; c++) {
            here.add(new Suggestion(model.vocabulary().word(top.ids()[c]), top.probabilities()[c]));
        }
        return here;
    }

    /**
     * The rows {@link #rewriteAll} samples for {@code tokens} kept where {@code keep} says (null keeps nothing) under
     * {@code constraints}, each best-of-k candidate apart: first the infill rows of its {@value #MASK}s ({@link
     * #infillRows}: a mask is filled before the rewrite, never kept), then one under a POS template that sets its
     * length, else (no template, or one of exactly its length longer than the model) one for each window of the
     * model's length that holds a token not kept. As {@link #infillRows}, for weighing a
     * request's work; it loads nothing and works on a closed model.
     *
     * @throws IllegalArgumentException when the keep mask's length is not the sentence's
     * @throws NullPointerException when {@code tokens}, one of them or {@code constraints} is null, naming it
     */
    public int rewriteRows(List<String> tokens, boolean[] keep, Constraints constraints) {
        tokens = countable(tokens);
        Objects.requireNonNull(constraints, "constraints (Constraints.none() for none)");
        if (keep != null && keep.length != tokens.size()) {
            throw new IllegalArgumentException(Counted.of(tokens.size(), "token", "tokens") + " but a keep mask of "
                    + keep.length);
        }
        boolean[] k = neverKeepingMasks(List.of(tokens), Collections.singletonList(keep)).get(0);
        int len = info.config().maxLength();
        return SentenceWindows.infillRows(tokens, len)
                + SentenceWindows.rewriteRows(tokens.size(), k, constraints, len);
    }

    /**
     * Whether the model can follow a POS template: false for one trained on an untagged corpus (see {@link
     * #requireTemplates}, which refuses a template such a model is given, saying why).
     */
    public boolean followsTemplates() {
        return untaggedBecause == null;
    }

    /**
     * Fails unless the model can follow a POS template ({@link #followsTemplates}). One trained on an untagged corpus
     * (plain text, every UPOS tag X, so its {@code tag-lexicon.tsv} holds only X) saw a single template condition and
     * samples as if given none: its output would ignore the template without a word. A model without a
     * tag lexicon (deleted, or trained before there was one) is untagged when its training record says its corpus
     * carried no tags ({@link TrainingInfo#untagged}: every word X, or in a record of before that was recorded,
     * plain text or one word a line), and counts as tagged otherwise. Every call given a template checks
     * this; a caller that will pass templates may call it first, to fail before reading its input.
     *
     * @throws IllegalArgumentException naming the model, what is wrong and how to train one that can
     */
    public void requireTemplates() {
        requireTemplates("train it on word<TAB>UPOS or CoNLL-U data");
    }

    /**
     * As {@link #requireTemplates()}, with {@code retrain} for its advice: how a front end's users train a tagged
     * model, in the front end's own terms (the OpenNLP adapter's {@code word_TAG} lines), rather than core's formats.
     *
     * @throws IllegalArgumentException naming the model, what is wrong, and {@code retrain}
     */
    public void requireTemplates(String retrain) {
        if (!followsTemplates()) {
            throw new IllegalArgumentException("model " + Visible.of(name) + " was trained without UPOS tags ("
                    + untaggedBecause + "), so it cannot follow a POS template; " + retrain);
        }
    }

    /**
     * Rewrites a tokenized sentence: every position not kept starts from its own word's embedding,
     * noised to the level where the learned warping F equals {@code strength}, and is denoised in
     * the context of the kept words. Strength near 0 changes little; 1 ignores the input words
     * entirely (infill of every position not kept). The length is kept; kept tokens come back verbatim. A word
     * the model does not know (a name, a number) that is not kept comes back verbatim where the model leaves it
     * unknown, as a light rewrite does, and is replaced where it writes a word of its own there; at strength 1,
     * where nothing of the input is left, and under lexical constraints, which cannot vouch for a word their
     * lexicons do not hold, every position not kept gets a word of the model's vocabulary. A {@link #MASK} is a
     * position to write, never a word to keep (kept or not): it is filled first, as {@link #infill} fills it, and
     * that word rewritten like the others; only {@code [MASK]} in capitals, a {@code [mask]} being a word.
     *
     * @param keep which tokens stay verbatim (same length as {@code tokens}), or null to keep none
     * @param strength in (0, 1]
     * @throws IllegalArgumentException for a strength out of range, a keep mask not as long as the sentence, or, as
     *     infill, a token that is empty or holds whitespace, naming it
     * @throws ModelClosedException when the model has been closed
     */
    public List<String> rewrite(List<String> tokens, boolean[] keep, double strength, SamplingOptions options) {
        return rewrite(tokens, keep, strength, Constraints.none(), options);
    }

    /**
     * {@link #rewrite(List, boolean[], double, SamplingOptions)} under constraints, as {@link #rewriteAll(List, List,
     * double, Constraints, SamplingOptions)} takes them: a POS template sets the rewritten sentence's length (kept
     * tokens must fall inside it).
     *
     * @param keep which tokens stay verbatim (same length as {@code tokens}), or null to keep none
     * @param strength in (0, 1]
     */
    public List<String> rewrite(List<String> tokens, boolean[] keep, double strength, Constraints constraints,
            SamplingOptions options) {
        List<List<String>> one = List.of(Objects.requireNonNull(tokens, "tokens"));
        CallArguments.checkConstraints(Objects.requireNonNull(constraints,
                "constraints (Constraints.none() for none)"));
        return rewrite(one, Collections.singletonList(keep), strength, List.of(constraints), options,
                SentenceNaming.ONE).get(0);
    }

    /**
     * Batched {@link #rewrite(List, boolean[], double, SamplingOptions)}: sentence i uses seed
     * {@link SamplingOptions#sentenceSeed options.sentenceSeed(i)} and {@code keep.get(i)} (null keeps nothing).
     * Sentences longer than the model's length are rewritten window by window.
     */
    public List<List<String>> rewriteAll(List<List<String>> sentences, List<boolean[]> keep, double strength,
            SamplingOptions options) {
        return rewriteAll(sentences, keep, strength, Constraints.none(), options);
    }

    /**
     * Rewrites under constraints. A sentiment applies to every sentence. A POS template sets the
     * length of every rewritten sentence (at most the model's length; kept tokens must fall inside
     * it and keep their positions); without one each sentence keeps its own length. A template of exactly a
     * sentence's length may be longer than the model (see {@link #rewriteAll(List, List, double, List,
     * SamplingOptions)}).
     */
    public List<List<String>> rewriteAll(List<List<String>> sentences, List<boolean[]> keep, double strength,
            Constraints constraints, SamplingOptions options) {
        CallArguments.checkConstraints(Objects.requireNonNull(constraints,
                "constraints (Constraints.none() for none)"));
        return rewriteAll(sentences, keep, strength,
                java.util.Collections.nCopies(Objects.requireNonNull(sentences, "sentences").size(), constraints),
                options);
    }

    /**
     * Rewrites, sentence i under {@code perSentence.get(i)} (e.g. each with its own template); they must
     * share one guidance weight, since it is a setting of the batched sampling run. A template of exactly its
     * sentence's length (the sentence's own tags, say) may be longer than the model: that sentence is rewritten
     * window by window of the model's length, as a sentence without a template is, each window under its part of
     * the template, the window from position p with seed {@link SamplingOptions#windowSeed options.windowSeed(i,
     * p)}: what a call of that window alone, its part of the template and keep mask, with that seed gives. A
     * template of another length sets the sentence's new length and is at most the model's. An empty sentence
     * without a template comes back empty, nothing sampled for it, the others sampled as without it (each with the
     * seed of its place); its constraints are not refused for asking what it gives nothing to act on (its list's
     * guidance weight with no sentiment: a blank line beside templated ones), as a sentence with words would be.
     */
    public List<List<String>> rewriteAll(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options) {
        return rewrite(sentences, keep, strength, perSentence, options, SentenceNaming.BATCH);
    }

    /**
     * {@link #rewriteAll(List, List, double, List, SamplingOptions)}, its refusals naming the sentences as {@code
     * naming} does: {@link SentenceNaming#ONE} for a front end that passes on one sentence its caller gave alone (as
     * OpenNLP's {@code RewriterME.rewrite(String[])} does), whose caller has no index to read "sentence 0" by. It
     * accepts what that batched form accepts (unlike {@link #rewrite(List, boolean[], double, Constraints,
     * SamplingOptions)}, lexical constraints with neither a sentiment nor a template among them).
     *
     * @throws IllegalArgumentException as {@link #rewriteAll(List, List, double, List, SamplingOptions)}, and when
     *     {@code naming} names one sentence and more are given
     */
    public List<List<String>> rewriteAll(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options, SentenceNaming naming) {
        requireOneSentenceFor(naming, sentences);
        return rewrite(sentences, keep, strength, perSentence, options, naming, null);
    }

    /**
     * {@link #rewriteAll(List, List, double, List, SamplingOptions, SentenceNaming)} for a front end that tags words
     * itself: a sentence that holds a {@value #MASK} has its masks filled and is rewritten under what {@code filled}
     * makes of its filled words' tags: its template (its own tags, the tag at a mask a guess) and/or its keep mask
     * (the classes it keeps, which the guess at a mask could move off or onto its neighbours) read off the filled
     * words ({@link FilledTagging}), in the one call. Its words are tagged only where something is replaced (a
     * template replaced only where the sentence has one). What is checked before sampling is what the call is given,
     * as that call checks it; a sentence without a mask keeps its template and keep mask, untagged.
     *
     * @param filled what the tags of a masked sentence's filled words replace; null: nothing (that call)
     * @throws IllegalArgumentException as that call, and, before sampling, when {@code filled} replaces templates and
     *     a sentence that holds a mask is given a template of another length than its own
     * @throws IllegalStateException when the tagger gives a sentence no list, a null tag or another number of tags
     *     than tokens, or the keep rule a mask of another length, naming the sentence (and token) as {@code naming}
     *     does; what the tagger, the keep rule or its {@code told} throws comes out as it was thrown
     */
    public List<List<String>> rewriteAll(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options, SentenceNaming naming, FilledTagging filled) {
        requireOneSentenceFor(naming, sentences);
        return rewrite(sentences, keep, strength, perSentence, options, naming, filled);
    }

    /**
     * Refuses what {@link #rewriteAll(List, List, double, List, SamplingOptions, SentenceNaming)} refuses of its
     * arguments before it samples (null ones, a token that is no word of whitespace-split text or a mask written
     * another way, a strength out of range, constraints it cannot apply, keep masks or constraints not one per
     * sentence, a keep mask not as long as its sentence, a POS template longer than the model but not its sentence's
     * length or with a kept token outside it, lexical constraints under a template on a model without its tag
     * lexicon), in the same words, and samples nothing: for a front end that gives core one input in several calls
     * ({@link SentenceNaming#window}), to refuse it before the first call samples. It loads nothing and works on a
     * closed model.
     *
     * @throws IllegalArgumentException as that call, naming the sentences and tokens as {@code naming} does
     * @throws IllegalStateException as that call, for lexical constraints under a template on a model without its
     *     {@code tag-lexicon.tsv}
     */
    public void checkRewrite(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options, SentenceNaming naming) {
        requireOneSentenceFor(naming, sentences);
        rewriteCall(sentences, keep, strength, perSentence, options, naming);
    }

    private static void requireOneSentenceFor(SentenceNaming naming, List<List<String>> sentences) {
        if (Objects.requireNonNull(naming, "naming (SentenceNaming.BATCH for indexes)").single()
                && Objects.requireNonNull(sentences, "sentences").size() > 1) {
            throw new IllegalArgumentException("a naming of one sentence for "
                    + Counted.of(sentences.size(), "sentence", "sentences") + "; give SentenceNaming.BATCH");
        }
    }

    /**
     * {@link #rewriteAll(List, List, double, List, SamplingOptions)}, its refusals naming the sentences as {@code
     * naming} does.
     */
    private List<List<String>> rewrite(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options, SentenceNaming naming) {
        return rewrite(sentences, keep, strength, perSentence, options, naming, null);
    }

    /**
     * {@link #rewriteAll(List, List, double, List, SamplingOptions, SentenceNaming, FilledTagging)}; a null {@code
     * filled} keeps every template and keep mask as given.
     */
    private List<List<String>> rewrite(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options, SentenceNaming naming, FilledTagging filled) {
        RewriteCall call = rewriteCall(sentences, keep, strength, perSentence, options, naming);
        if (filled != null && filled.replacesTemplates()) {
            requireOwnLengthTemplates(call, naming);
        }
        warnOfSentiment(call.each().stream().anyMatch(c -> c.sentiment() != null));
        // one call to close, its masks filled and then the rewrite (see #close)
        return whileOpen(() -> rewriteOpen(call.sentences(), call.keep(), strength, call.each(), call.shared(),
                options, filled, naming));
    }

    /**
     * Refuses, before sampling, a sentence holding a mask under a template of another length than its own, which the
     * tags of its filled words (one a token) could not replace.
     */
    private static void requireOwnLengthTemplates(RewriteCall call, SentenceNaming naming) {
        for (int s = 0; s < call.sentences().size(); s++) {
            List<String> tokens = call.sentences().get(s);
            List<Upos> template = call.each().get(s).template();
            if (template != null && template.size() != tokens.size() && tokens.contains(MASK)) {
                throw new IllegalArgumentException(naming.sentence(s) + " holds a " + MASK + " and has "
                        + Counted.of(tokens.size(), "token", "tokens") + " but its POS template has "
                        + Counted.of(template.size(), "tag", "tags") + ": the tags of its filled words replace only a"
                        + " template of its own length (its own tags); give such a template, or rewrite it without"
                        + " tagging its filled words");
            }
        }
    }

    /** A rewrite's arguments once checked: copies of the sentences, keep masks and constraints, as they are now. */
    private record RewriteCall(List<List<String>> sentences, List<boolean[]> keep, List<Constraints> each,
            Constraints shared) {}

    /** The checks a rewrite makes of its arguments before it samples, and their copies. */
    private RewriteCall rewriteCall(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> perSentence, SamplingOptions options, SentenceNaming naming) {
        sentences = CallArguments.sentences(sentences, Objects.requireNonNull(perSentence, "perSentence constraints"),
                options, naming);
        List<Constraints> each = new ArrayList<>(perSentence); // as they are now, like the sentences and masks
        // constraints that differ between sentences are named by the sentence refused; the same for all are the call's
        boolean differ = each.stream().distinct().count() > 1;
        for (int s = 0; s < each.size(); s++) {
            Constraints c = each.get(s);
            if (c == null) {
                throw new NullPointerException(naming.sentence(s) + "'s constraints are null (Constraints.none() for"
                        + " none)");
            }
            // an empty sentence without a template has nothing to sample, guide or rank: it comes back empty, its
            // list's shared settings pushing it toward nothing (a blank line among templated ones)
            if (s >= sentences.size() || !sentences.get(s).isEmpty() || c.template() != null) {
                try {
                    CallArguments.checkSentenceConstraints(c);
                } catch (IllegalArgumentException e) {
                    throw differ ? new IllegalArgumentException(naming.sentence(s) + "'s constraints: "
                            + e.getMessage(), e) : e;
                }
            }
        }
        keep = CallArguments.keepMasks(Objects.requireNonNull(keep, "keep masks (a list of nulls keeps nothing)"));
        SamplingRange.STRENGTH.check(strength, "strength");
        if (keep.size() != sentences.size() || each.size() != sentences.size()) {
            throw new IllegalArgumentException(Counted.of(keep.size(), "keep mask", "keep masks") + " and "
                    + Counted.of(each.size(), "constraint", "constraints") + " for "
                    + Counted.of(sentences.size(), "sentence", "sentences"));
        }
        Constraints shared = CallArguments.shared(each, naming);
        CallArguments.checkSteeringHere(shared, options); // its masks are filled unsteered: refused before
        boolean templated = each.stream().anyMatch(c -> c.template() != null);
        if (templated) {
            requireTemplates();
        }
        if (shared.lexical()) { // its rows are sampled after the masks are filled: refused before
            lexicalMasks.requireLexicon(templated);
        }
        // before the masks are filled, which samples (a mask is still never a kept token)
        SentenceWindows.checkRewrite(sentences, keep, each, info.config().maxLength(), naming);
        return new RewriteCall(sentences, keep, each, shared);
    }

    /** {@link #rewriteAll(List, List, double, List, SamplingOptions)} once its arguments are checked. */
    private List<List<String>> rewriteOpen(List<List<String>> sentences, List<boolean[]> keep, double strength,
            List<Constraints> each, Constraints shared, SamplingOptions options, FilledTagging tagging,
            SentenceNaming naming) {
        if (sentences.stream().anyMatch(t -> t.contains(MASK))) {
            keep = neverKeepingMasks(sentences, keep);
            List<List<String>> filled = fillMasks(sentences, options);
            if (tagging != null) {
                FilledTagging.Applied applied = tagging.apply(sentences, filled, each, keep, naming);
                each = applied.each();
                keep = applied.keep();
                // only templates and keep masks were replaced, which the sentences need not share: nothing here is
                // refused (a replaced keep mask is fitted, FilledTagging#apply)
                shared = CallArguments.shared(each, SentenceNaming.BATCH);
            }
            sentences = filled;
        }
        SentenceWindows windows = new SentenceWindows(sentences, model.vocabulary(), info.config().maxLength());
        List<ModelRow> rows = windows.rewriteRows(keep, each, options);
        windows.writeRewritten(rowSampler.run(rows, options, strength, shared), each);
        return windows.sentences();
    }

    /**
     * A {@code [MASK]} in a text to rewrite is a position the caller wants written, never a word to keep: read as
     * the word it spells, the model knows it not, and a light rewrite gave such a word back verbatim. The keep
     * masks with every mask's position not kept (new arrays; the caller's stay as they were).
     */
    private static List<boolean[]> neverKeepingMasks(List<List<String>> sentences, List<boolean[]> keep) {
        List<boolean[]> out = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            List<String> tokens = sentences.get(s);
            boolean[] k = keep.get(s) == null ? null : keep.get(s).clone();
            for (int i = 0; k != null && i < Math.min(k.length, tokens.size()); i++) {
                k[i] &= !MASK.equals(tokens.get(i));
            }
            out.add(k);
        }
        return out;
    }

    /**
     * The masks of a text to rewrite filled first, as {@link #infillAll} fills them (at the rewrite's temperature,
     * unconditioned: the rewrite that follows applies the constraints), so that the rewrite starts from a word
     * there as everywhere else.
     */
    private List<List<String>> fillMasks(List<List<String>> sentences, SamplingOptions options) {
        SentenceWindows windows = new SentenceWindows(sentences, model.vocabulary(), info.config().maxLength());
        for (int round = 0; windows.hasInfillRound(round); round++) {
            List<ModelRow> rows = windows.infillRound(round, Constraints.none(), options);
            windows.writeInfilled(rowSampler.run(rows, options, 1.0, Constraints.none()));
        }
        return windows.sentences();
    }

    /**
     * Generates {@code count} sentences; sentence i uses seed {@link SamplingOptions#sentenceSeed
     * options.sentenceSeed(i)}.
     *
     * @throws IllegalArgumentException as {@link #generate(int, Constraints, SamplingOptions)}
     * @throws ModelClosedException when the model has been closed
     */
    public List<List<String>> generate(int count, SamplingOptions options) {
        return generate(count, Constraints.none(), options);
    }

    /**
     * Generates {@code count} sentences under constraints; a POS template sets the length (and must
     * agree with {@link SamplingOptions#length()} if that is set too). Where neither sets it, sentence i's length is
     * drawn from the model's training rows' lengths with its seed (with a sentiment label, from the lengths of that
     * label's rows where the model records them by label), unless {@link SamplingOptions#drawLength()} is
     * false, the length unguided, or the model records no row lengths: then the model chooses it. Every sentence is
     * built, sampled and returned in one list: generate many in calls of a batch or so, as the CLI's {@code
     * generate --count} does.
     *
     * @throws IllegalArgumentException when {@code count} is negative, or more sentences than the most memory this JVM
     *     may use could hold (refused at once, naming the count and the memory); when {@code drawLength} is set
     *     true with a length or a template, or for a model that records no training row lengths; for a length
     *     longer than the model's positions, and for constraints it cannot apply
     * @throws ModelClosedException when the model has been closed
     */
    public List<List<String>> generate(int count, Constraints constraints, SamplingOptions options) {
        CallArguments.sentences(List.of(), constraints, options, SentenceNaming.BATCH);
        CallArguments.checkConstraints(constraints);
        CallArguments.checkSteeringHere(constraints, options);
        int len = info.config().maxLength();
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (options.length() > len) {
            throw new IllegalArgumentException("length " + options.length() + " is longer than the model's "
                    + len + " positions");
        }
        int length = options.length();
        if (constraints.template() != null) {
            requireTemplates();
            int t = constraints.template().size();
            if (length > 0 && length != t) {
                throw new IllegalArgumentException("length " + length + " disagrees with the POS template's "
                        + Counted.of(t, "tag", "tags") + "; give one or the other");
            }
            Constraints.requireTemplateFits(t, len);
            length = t;
        }
        // set true, refused below where a length or template sets it; unset, drawn only where none does
        boolean draw = (options.drawLength().isPresent() || length == 0) && drawsFreeLengths(options);
        LengthPrior prior = draw ? lengthPrior(length, constraints.template() != null, constraints.sentiment())
                : null;
        requireRoomFor(count, len, constraints.candidates());
        warnOfSentiment(constraints.sentiment() != null);
        List<ModelRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = options.sentenceSeed(i);
            int rowLength = prior == null ? length : prior.draw(seed);
            rows.add(ModelRow.generate(i, len, rowLength, seed).constrain(constraints, 0, rowLength, len));
        }
        List<List<String>> out = new ArrayList<>();
        // one call to close, best of k's sampling and then its rating (see #close)
        for (ModelRow row : whileOpen(() -> rowSampler.run(rows, options, 1.0, constraints))) {
            out.add(row.words(model.vocabulary()));
        }
        return out;
    }

    /**
     * Whether {@link #generate} under {@code options} draws the length of a sentence that nothing else sets (no
     * length, no template): as {@link SamplingOptions#drawLength()} says when set; unset, where the length is guided
     * and this model records its training rows' lengths (left to choose, it writes too even lengths).
     *
     * @throws NullPointerException when {@code options} is null
     */
    public boolean drawsFreeLengths(SamplingOptions options) {
        Objects.requireNonNull(options, "options (SamplingOptions.defaults() for the defaults)");
        return options.drawLength().orElse(options.guideLength() && info.recordsRowLengths());
    }

    /**
     * The model's training row lengths to draw from, those of the rows of {@code label} where it records them (a label
     * goes with length: p(length | label) is not p(length)), refusing a length already set or not recorded.
     */
    private LengthPrior lengthPrior(int length, boolean template, Sentiment label) {
        if (length > 0) {
            throw new IllegalArgumentException("drawLength draws each sentence's length, but "
                    + (template ? "the POS template sets it (" + Counted.of(length, "tag", "tags") + ")"
                            : "a length is set (" + length + ")")
                    + "; give one or the other");
        }
        if (!info.recordsRowLengths()) {
            throw new IllegalArgumentException(LengthPrior.notRecorded("drawLength", name,
                    ", or leave drawLength unset"));
        }
        return LengthPrior.of(info.training().rowLengthsFor(label));
    }

    /**
     * Refuses a {@code count} of sentences that could not be held in the most memory this JVM may use: the call builds
     * every row ({@code candidates} for each with best-of) before it samples the first, as one progress and one
     * sampling of them all, and returns every sentence. A row holds at least its ids and result (4 bytes a position
     * each) and which positions are given (1), a returned sentence a reference a word (4), and each some 100 bytes of
     * headers: a count of Integer.MAX_VALUE ran out of memory after 17 s; refused, it fails at once.
     */
    private static void requireRoomFor(int count, int len, int candidates) {
        long heap = Runtime.getRuntime().maxMemory();
        double least = (double) count * (candidates * (64 + 9.0 * len) + 40 + 4.0 * len);
        if (least > heap) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "count %,d: its rows and sentences"
                    + " would take at least %,.0f MB, more than the %,d MB this Java may use (-Xmx); generate them in"
                    + " calls of fewer (options.startingAt(k) goes on where a call of k sentences ended)", count,
                    least / (1 << 20), heap >> 20));
        }
    }

    /**
     * {@link #sentimentPosterior(List, long)} with seed 1, as the README's examples read: the same sentence is read
     * through the same noise, so gives the same posterior, call after call. Give a seed to read it through other
     * noise (the results vary a little) or to average a few readings.
     *
     * @throws IllegalArgumentException as {@link #sentimentPosterior(List, long)}
     * @throws ModelClosedException when the model has been closed
     */
    public Map<Sentiment, Double> sentimentPosterior(List<String> tokens) {
        return sentimentPosterior(tokens, 1);
    }

    /**
     * The model's own reading of a sentence's sentiment: p(label | tokens) for each label, the model
     * read as a classifier of the condition it was trained with (uniform prior; see {@link
     * Sampler#sentimentLogLikelihoods}). The labels it learnt came from the AFINN-165 lexicon, but it
     * reads them from the whole sentence. Unknown words count as {@code [UNK]}.
     *
     * @param tokens 1 to the model's length of tokens: one window, read whole (unlike infill and rewrite, a
     *     longer sentence is not taken in pieces; split it, e.g. at its clauses)
     * @param seed the noise the sentence is read through (a few noise levels; results vary a little)
     * @throws IllegalArgumentException when the sentence is empty or longer than the model's length, and, as infill
     *     and rewrite, for an empty token or one holding whitespace (text not yet split into tokens), naming it
     * @throws ModelClosedException when the model has been closed
     * @throws IllegalStateException when the calling thread is interrupted ("interrupted while reading the
     *     sentiment", between the network's passes; the thread keeps its flag)
     */
    public Map<Sentiment, Double> sentimentPosterior(List<String> tokens, long seed) {
        tokens = new ArrayList<>(Objects.requireNonNull(tokens, "tokens")); // as it is now, as every call reads
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) == null) {
                throw new NullPointerException("token " + i + " is null");
            }
            // as infill and rewrite refuse them: text not yet split would be read as one unknown word
            CallArguments.requireWord(tokens.get(i), "token " + i);
        }
        int len = info.config().maxLength();
        CallArguments.requireOneWindow("sentimentPosterior", tokens.size(), len, "");
        warnOfSentiment(true);
        ModelRow row = ModelRow.generate(0, len, tokens.size(), seed);
        List<String> read = QuoteSpelling.asRead(tokens, model.vocabulary());
        for (int i = 0; i < tokens.size(); i++) {
            row.ids[i] = model.vocabulary().id(read.get(i));
        }
        row.result = row.ids;
        double[] logPosterior = rowSampler.labelPosteriors(List.of(row))[0];
        Map<Sentiment, Double> out = new java.util.EnumMap<>(Sentiment.class);
        for (Sentiment label : Sentiment.values()) {
            out.put(label, Math.exp(logPosterior[label.ordinal()]));
        }
        return out;
    }

    /**
     * Takes the reason a sentiment asked of this model means little ({@link TrainingInfo#sentimentCaveat}: its corpus
     * is probably not English): the first call gets it and marks it told, so that this model never tells it again;
     * null when its record gives no such reason, or once it has been taken (by an earlier call, or by the log). The
     * first call given a sentiment (or {@link #sentimentPosterior}) takes it and tells it as one SLF4J WARN per
     * loaded model. A front end that warns in its own words, naming its own option and before it reads any input,
     * takes the caveat here first, so that the library does not tell its user a second time.
     */
    public String takeSentimentCaveat() {
        TrainingInfo training = info.training();
        String caveat = training == null ? null : training.sentimentCaveat();
        // thread-safe: of concurrent callers, one alone gets it
        return caveat != null && sentimentCaveatTold.compareAndSet(false, true) ? caveat : null;
    }

    /** Logs the sentiment caveat the first time a call asks for a sentiment, as {@link #takeSentimentCaveat} says. */
    private void warnOfSentiment(boolean asked) {
        String caveat = asked ? takeSentimentCaveat() : null;
        if (caveat != null) {
            logger.warn("diffusion-nlp: model {}: a sentiment asked of it will mean little: {}", Visible.of(name),
                    caveat);
        }
    }

    /** Runs {@code work} on the model, which {@link #close} must not free meanwhile. */
    private <T> T whileOpen(Supplier<T> work) {
        return lifecycle.whileOpen(work);
    }

    /**
     * Counts n-gram fusion's trigrams now (a few seconds, once) rather than at the first fused call, so that a
     * caller that will fuse learns of a corpus that cannot be read, or does not fit its layout, before it
     * reads any input: a tool that fails a batch at a time would otherwise pass every line through unfilled.
     *
     * @throws IllegalStateException as {@link #ngramCorpus()}, when there is no corpus to count from
     * @throws UncheckedIOException naming the corpus (and its line) when it cannot be read as said
     */
    public void countNgrams() {
        lifecycle.whileOpen(ngramCorpus::trigram);
    }

    /**
     * The corpus n-gram fusion counts its trigrams from: the one given to {@link Builder#optNgramCorpus},
     * else the model's {@link #trainingCorpus()}. Lets a caller that will fuse fail early.
     *
     * @throws IllegalStateException when no corpus was given and the training corpus is not found; the
     *     message says where it looked and how to name one
     */
    public Path ngramCorpus() {
        return ngramCorpus.path();
    }

    /**
     * How n-gram fusion reads {@link #ngramCorpus()}: as {@link Builder#optNgramCorpusReading} said, and what
     * it left unsaid as the model's config records its training corpus was read when that is the corpus
     * ({@link TrainingInfo#corpusReading()}: a model trained before it was
     * recorded read {@code de el}, not {@code del}), else as {@link TrainingInfo#readingFor} reads a given corpus: its
     * counts are fused with the model's words, so it is split into words as they were. With {@link
     * #ngramCorpus()}, what a caller that fuses can report, or use to read the same file as fusion does ({@link
     * TaggedCorpus#readAs}), without counting it.
     */
    public TaggedCorpus.Reading ngramCorpusReading() {
        return ngramCorpus.reading();
    }

    /**
     * The model's training corpus where its config names it: the name as written (from the working
     * directory), else under the model directory or one of its parents (a model trained from a
     * repository's root and kept inside it). What is counted from the model's own data finds it here:
     * n-gram fusion, and {@code evaluate}'s trigram baseline.
     *
     * @throws IllegalStateException when the config names no corpus or it is not found; the message says
     *     which corpus and where it looked. Also when its name is no path Java can take (a non-ASCII name under
     *     {@code LANG=C}, whose charset Java encodes file names by): the message says to give the corpus, or run
     *     under a UTF-8 locale
     */
    public Path trainingCorpus() {
        return ngramCorpus.trainingCorpus();
    }

    /**
     * Waits for the calls in flight, which return their answers, then frees the model; a call made once it has begun
     * fails with {@link ModelClosedException}. A call that samples in several passes (a sentence longer than the
     * model, in stretches; best of k, then its rating; a rewrite's masks, then the rewrite; a suggestAll's batches)
     * is one call: a close between its passes waits for the rest.
     */
    @Override
    public void close() {
        lifecycle.close(() -> {
            if (batcher != null) {
                batcher.close();
                ratings.close();
            }
            manager.close();
        });
    }

    /** Loads a model, in the manner of DJL's {@code Criteria}: every setting optional. */
    public static final class Builder {
        private Path model;
        private Device device;
        private int batchRows = 64;
        private Duration batchWait = Duration.ZERO;
        private int batchLanes = DEFAULT_BATCH_LANES;
        private Precision precision = Precision.FP32;
        private Path ngramCorpus;
        private CorpusLayout ngramLayout; // null: not said (see optNgramCorpusReading)
        private MultiwordTokens ngramMultiword;
        private LayoutOption ngramLayoutOption = LayoutOption.LIBRARY;
        private String modelName; // null: the model's directory
        private Set<String> bannedWords = BannedWords.DEFAULT;

        private Builder() {}

        /**
         * Words this model never writes, matched to its vocabulary ignoring case and Unicode form (words it does not
         * know are ignored: it cannot write them anyway). Words it is given stay as they are: infill's context, a
         * rewrite's kept tokens. The default, {@link #defaultBannedWords()}, is a short list of slurs (the shipped
         * model learnt from American texts of 1961 and writes what they hold); an empty collection lets the model
         * write every word of its vocabulary. Each entry is read by the rule a list file's line is ({@link
         * #optBannedWords(Path)}; docs/cli.md, <i>banned words</i>): white space around it dropped, none inside.
         *
         * @throws IllegalArgumentException naming the entry that is null, blank or more than one word
         */
        public Builder optBannedWords(Collection<String> words) {
            this.bannedWords = BannedWords.of(Objects.requireNonNull(words, "words (an empty collection bans none)"));
            return this;
        }

        /**
         * As {@link #optBannedWords(Collection)}, the words read from a list file: UTF-8, one word a line, blank
         * lines and lines starting with {@code #} ignored, a line starting with {@code \#} the word after its
         * backslash ({@code \#MeToo} bans {@code #MeToo}) (the format of the default list's resource,
         * {@code banned-words.txt}). The file's words <em>replace</em> the default list, as the collection's do: to
         * extend the default, copy its words into the file ({@link #defaultBannedWords()}); an empty file (or one of
         * comments only) bans none. Read at once. The front ends' {@code --banned-words}, {@code -bannedWords} and
         * {@code diffusion.bannedWords} read their file here.
         *
         * @throws IllegalArgumentException when the file does not exist or cannot be read, or a line is not UTF-8
         *     or holds more than one word; the message names the file, and the line, and how to fix it
         */
        public Builder optBannedWords(Path file) {
            return optBannedWords(readBannedWords(file));
        }

        /**
         * What the start-up log line calls the model; default (null) its directory. A loader that unpacks a
         * model into a temporary directory (an OpenNLP package) names what its user gave instead, as that
         * directory means nothing to them and is gone once the model is loaded.
         */
        public Builder optModelName(String name) {
            this.modelName = name;
            return this;
        }

        /**
         * The corpus n-gram fusion ({@link SamplingOptions.Builder#ngramWeight}) counts its trigrams from
         * (any layout {@link io.github.diffusionnlp.corpus.TaggedCorpus#read} takes, .gz allowed); default the model's
         * own training corpus, found where its config names it. Counted on the first fused call (the Brown
         * training split: 3.5 s, about 130 MB of heap for the model's life). A corpus of
         * another domain than the training one pulls the words toward that domain's phrasing.
         *
         * @throws IllegalArgumentException naming the corpus, when it is not a readable file (checked here, at once)
         */
        public Builder optNgramCorpus(Path corpus) {
            if (corpus != null && !(Files.isRegularFile(corpus) && Files.isReadable(corpus))) {
                throw new IllegalArgumentException("the n-gram corpus " + Visible.of(corpus)
                        + " is not a readable file");
            }
            this.ngramCorpus = corpus;
            return this;
        }

        /**
         * How the corpus given to {@link #optNgramCorpus} is read, as {@code train --layout} and {@code --multiword}
         * read a corpus; null leaves either as by default: guessed ({@link CorpusLayout#AUTO}) with its multiword
         * tokens as the model's training corpus's were ({@link MultiwordTokens#PARTS} for a model that does not
         * record it). Only for a corpus given: the model's own training corpus, fused when none is, is always
         * read as its config.json records it was ({@link #ngramCorpusReading()}), and {@link #build()} refuses
         * a layout or multiword reading without {@link #optNgramCorpus}, as the command line refuses {@code
         * --layout} without {@code --ngram-corpus FILE}.
         */
        public Builder optNgramCorpusReading(CorpusLayout layout, MultiwordTokens multiword) {
            this.ngramLayout = layout;
            this.ngramMultiword = multiword;
            return this;
        }

        /**
         * How the n-gram corpus's layout setting is named where a line of the corpus does not fit the layout
         * read: an adapter's user gives its own setting ({@code -ngramLayout plain}, {@code diffusion.ngramLayout =
         * plain}, {@code --layout plain}), not the library's. Default {@link LayoutOption#LIBRARY}.
         */
        public Builder optNgramLayoutOption(LayoutOption option) {
            this.ngramLayoutOption = java.util.Objects.requireNonNull(option,
                    "option (LayoutOption.LIBRARY names optNgramCorpusReading)");
            return this;
        }

        /** A model directory; without one, the shipped default model ({@link DefaultModel}). */
        public Builder optModel(Path model) {
            this.model = model;
            return this;
        }

        /**
         * Where to run: a DJL device; default the engine's default (a GPU when one is visible, else CPU). {@link
         * #build()} refuses a GPU the engine does not see (IllegalArgumentException naming it).
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Mixed precision: the transformer body in fp16 (weights cast once at load), the vocabulary
         * side (logits, softmax, x̂₀) in fp32. Meant for GPUs; it runs on a CPU too, where it is
         * slower than fp32. Default fp32. {@code PrecisionTest} measures how close the outputs stay
         * to fp32's.
         */
        public Builder optPrecision(Precision precision) {
            this.precision = java.util.Objects.requireNonNull(precision, "precision");
            return this;
        }

        /**
         * Gathers calls from concurrent threads into shared sampling batches of at most {@code maxRows}
         * sentences, waiting at most {@code maxWait} for company (default: 64 rows, no wait: calls that
         * arrive while a batch runs join the next one). A call's result does not depend on what else was
         * in its batch. {@code maxRows} = 0 turns batching off: each call samples on its own thread,
         * which suits a single-threaded caller best: with batching, the native work runs on the
         * dispatcher thread beside the thread that loaded the model, measured 15–25% slower for a
         * single sentence on a 2-core machine (two OpenMP thread teams competing for the cores). While
         * a steering scorer runs, calls are not batched: each samples at once on its caller's thread, as
         * the scorer may be waiting for one of them (see {@link io.github.diffusionnlp.sample.GuidanceScorer}).
         */
        public Builder optBatching(int maxRows, Duration maxWait) {
            return optBatching(maxRows, maxWait, batchLanes);
        }

        /**
         * As {@link #optBatching(int, Duration)}, with up to {@code lanes} batches running at once (default
         * {@value DiffusionLM#DEFAULT_BATCH_LANES}). With one, two concurrent callers convoy — each call
         * arrives while the other's batch runs, then runs alone — and get about half what two unbatched
         * threads would; a second lane lets small batches overlap, and holds back while the other runs a
         * fuller one (4 sentences or more), so that under load one full batch still carries most calls — for 250 ms
         * at most, so that a small call beside a big one's batches starts within that time, not after them all.
         * Best of k's ratings (and {@link #sentimentPosterior}) run on as many threads of the model's own as there
         * are lanes, not on the callers' threads, so that the native memory they take is held by that many threads
         * however many callers there are. With batching off ({@code maxRows} 0) they run on the caller's thread, as
         * its sampling does, which holds as much: 8 threads each making 3 best-of-16 calls at 64 positions (shipped
         * model, 2 steps, glibc's default arenas) took the process from 427 to 1,203 MB, and 16 plain sentences a
         * call in place of best of 16 from 433 to 1,125 MB; batching on, best of 16, from 356 to 1,102 MB.
         *
         * @throws IllegalArgumentException naming a value out of range (lanes below 1, maxRows or maxWait below 0)
         * @throws NullPointerException when maxWait is null ({@link Duration#ZERO} waits for none)
         */
        public Builder optBatching(int maxRows, Duration maxWait, int lanes) {
            if (lanes < 1) {
                throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
            }
            if (maxRows < 0) {
                throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
            }
            Objects.requireNonNull(maxWait, "maxWait (Duration.ZERO for none)");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must be a duration >= 0, got " + maxWait);
            }
            this.batchRows = maxRows;
            this.batchWait = maxWait;
            this.batchLanes = lanes;
            return this;
        }

        /**
         * Loads the model.
         *
         * @throws IllegalStateException when {@link #optNgramCorpusReading} said a layout or multiword reading
         *     without {@link #optNgramCorpus}
         * @throws IllegalArgumentException when {@link #optDevice} named a GPU the engine does not see
         * @throws InvalidModelException naming the directory, when it is missing or holds no whole model; without
         *     {@link #optModel}, saying so when {@code -Ddiffusionnlp.model} or {@code DIFFUSION_NLP_MODEL} named it
         */
        public DiffusionLM build() throws IOException {
            requireCorpusForReading();
            PyTorchStart.engine(); // first: its failures worded for the user
            Devices.requireVisible(device);
            Path dir = model != null ? model : DefaultModel.locate();
            NDManager manager = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device);
            try {
                // its weights outlive any NDScope the caller has open
                return Owned.loading(manager, () -> new DiffusionLM(manager, ModelCheckpoint.load(dir, manager), this));
            } catch (InvalidModelException e) {
                manager.close();
                // a path the caller never wrote: say where it came from (a variable left set in a shell, say)
                String namedBy = model == null ? DefaultModel.namedBy() : null;
                throw namedBy == null ? e : e.namedBy(namedBy);
            } catch (IOException | RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        /**
         * A reading said for no corpus would apply to the model's own, which is read as its config.json records
         * it was: its CoNLL-U read as plain text would count no trigram it was trained on.
         */
        private void requireCorpusForReading() {
            if (ngramCorpus == null && (ngramLayout != null || ngramMultiword != null)) {
                throw new IllegalStateException("optNgramCorpusReading(" + ngramLayout + ", " + ngramMultiword
                        + ") says how a corpus given to optNgramCorpus is read, and none was given: the model's own"
                        + " training corpus is always read as its config.json records it was; give the corpus with"
                        + " DiffusionLM.Builder#optNgramCorpus(Path), or leave the reading null");
            }
        }
    }

}
