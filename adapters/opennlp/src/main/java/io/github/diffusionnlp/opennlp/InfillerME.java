package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.model.MaskSpelling;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import opennlp.tools.util.Span;

/**
 * Fills masked tokens of tokenized sentences, in the shape of OpenNLP's {@code XME} tools:
 * {@code String[]} tokens in (for example from {@code TokenizerME}), {@code String[]} out, the same
 * length, with each {@value #MASK} token (or each position inside the given token {@link Span}s)
 * replaced by one word and every other token unchanged (words the model does not know included).
 *
 * <pre>{@code
 * try (DiffusionModel model = DiffusionModel.loadDefault()) {
 *     InfillerME infiller = new InfillerME(model);
 *     String[] filled = infiller.infill(new String[] {"The", "[MASK]", "was", "late", "."});
 *     Suggestion[][] likeliest = infiller.suggest(new String[] {"The", "[MASK]", "was", "late", "."}, 5);
 * }
 * }</pre>
 *
 * <p>{@link #suggest} gives, instead of one word, each mask's likeliest words with their probabilities (fill-mask).
 *
 * <p>Unlike most OpenNLP {@code XME} classes this one is thread-safe: it keeps no state between
 * calls, and one instance may serve many threads. Sentence i of one call is sampled with seed {@link
 * SamplingOptions#sentenceSeed options.sentenceSeed(i)}: the same options and input give the same output.
 *
 * <p>A {@link ConstraintSpec} may ask for a sentiment and/or a POS template; an infill keeps every
 * sentence's length, so the template must have exactly one tag per token of each sentence (the tags
 * of the given words help the model too).
 */
public class InfillerME {
    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(InfillerME.class);

    /** The token that marks a position to fill. */
    public static final String MASK = DiffusionLM.MASK;

    private final DiffusionModel model;
    private final SamplingOptions options;
    private final ConstraintSpec constraints;
    private final boolean splitMasksTold; // the caller tells its user of a '[ MASK ]': logged at DEBUG, not WARN

    /** With the model's default sampling options ({@link DiffusionToolFactory#defaultSamplingOptions()}). */
    public InfillerME(DiffusionModel model) {
        this(model, model.getFactory().defaultSamplingOptions());
    }

    public InfillerME(DiffusionModel model, SamplingOptions options) {
        this(model, options, ConstraintSpec.NONE);
    }

    /**
     * @param constraints sentiment, POS template (one tag per token of each sentence) and guidance
     * @throws IllegalArgumentException when the template is the input's own (an infill keeps the input's
     *     words and length; give the tags), or the model cannot follow a template (trained without tags: now, as a
     *     generator or rewriter refuses it, not at the first call)
     */
    public InfillerME(DiffusionModel model, SamplingOptions options, ConstraintSpec constraints) {
        this(model, options, constraints, false);
    }

    private InfillerME(DiffusionModel model, SamplingOptions options, ConstraintSpec constraints,
            boolean splitMasksTold) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
        this.splitMasksTold = splitMasksTold;
        if (constraints.usesInputTemplate()) {
            throw new IllegalArgumentException("an infill keeps each sentence's length: give the template's tags,"
                    + " one per token, rather than the input's own");
        }
        if (constraints.templateLength() > 0) {
            ConstraintSpec.requireTagged(model);
        }
    }

    /**
     * This infiller for a caller that tells its own user of a mask split into {@code [ MASK ]} (the Infill tool does,
     * by input line): such a sentence is then logged at DEBUG rather than WARN, so that it is not said twice.
     */
    public InfillerME splitMasksToldByCaller() {
        return new InfillerME(model, options, constraints, true);
    }

    /** The model this tool fills with (the evaluator reads its length limit). */
    DiffusionModel getModel() {
        return model;
    }

    public ConstraintSpec getConstraints() {
        return constraints;
    }

    public SamplingOptions getSamplingOptions() {
        return options;
    }

    /**
     * Fills every {@value #MASK} token of one sentence. Its refusals and warnings say "the sentence" and "token 2",
     * as core's {@link DiffusionLM#infill(List, io.github.diffusionnlp.api.Constraints, SamplingOptions)} does: the
     * batched {@link #infill(String[][])} names a sentence by its index, which this caller never gave.
     */
    public String[] infill(String[] tokens) {
        return infill(new String[][] {tokens}, 0, true)[0];
    }

    /**
     * Fills the token positions covered by the given spans (start inclusive, end exclusive, in tokens)
     * whatever they hold now; {@value #MASK} tokens outside the spans are filled too.
     */
    public String[] infill(String[] tokens, Span... masked) {
        return infill(masked(tokens, masked));
    }

    /** A copy of {@code tokens} with every position the spans cover a {@value #MASK}. */
    private static String[] masked(String[] tokens, Span... masked) {
        String[] copy = tokens.clone();
        for (Span span : masked) {
            if (span.getStart() < 0 || span.getEnd() > tokens.length) {
                throw new IllegalArgumentException("span " + span + " lies outside the "
                        + Counted.of(tokens.length, "token", "tokens"));
            }
            Arrays.fill(copy, span.getStart(), span.getEnd(), MASK);
        }
        return copy;
    }

    /** Fills the masks of many sentences, batched through the model ({@link SamplingOptions#batchSize()}). */
    public String[][] infill(String[][] sentences) {
        return infillFrom(sentences, 0);
    }

    /**
     * As {@link #infill(String[][])}, with sentence i sampled as sentence {@code first + i} of one call
     * ({@link SamplingOptions#startingAt}): the batches of one run (the evaluator's, the {@code Infill} tool's) give
     * each sentence its own seed, as one call would, and a refusal names it so ("sentence 41" for sentence 1 from 40).
     *
     * @param first the run's index of {@code sentences[0]}, 0 or more
     */
    public String[][] infillFrom(String[][] sentences, long first) {
        return infill(sentences, first, false);
    }

    /** {@link #infillFrom}, or with {@code one} for a caller that gave one sentence, which no message numbers. */
    private String[][] infill(String[][] sentences, long first, boolean one) {
        SamplingOptions options = this.options.startingAt(first);
        List<List<String>> in = new ArrayList<>(sentences.length);
        for (int i = 0; i < sentences.length; i++) {
            String[] tokens = Objects.requireNonNull(sentences[i], "a sentence is null"); // as RewriterME says it
            for (String token : tokens) {
                if (token == null) {
                    throw new IllegalArgumentException("a token is null");
                }
            }
            // a template of another length: core refuses it, naming the sentence
            in.add(asRead(tokens, one ? "the sentence" : "sentence " + (first + i)));
        }
        // core's refusals name sentence i as sentence first + i of one call, as the warning above does
        SentenceNaming naming = SentenceNaming.BATCH.window(first, 0);
        List<List<String>> out = model.sample(lm -> one
                ? List.of(lm.infill(in.get(0), constraints.toConstraints(), options))
                : lm.infillAll(in, constraints.toConstraints(), options, naming));
        String[][] result = new String[out.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i).toArray(String[]::new);
            for (int j = 0; j < result[i].length; j++) {
                if (MaskSpelling.isMisspelt(sentences[i][j])) {
                    result[i][j] = sentences[i][j];
                }
            }
        }
        return result;
    }

    /**
     * The {@code k} words the model finds likeliest at each {@value #MASK} of one sentence, best first, with their
     * probabilities: a masked language model's fill-mask ({@link DiffusionLM#suggest}), in the shape of OpenNLP's
     * {@code LanguageDetector#predictLanguages}, whose {@code Language}s carry a confidence, best first. Each mask is
     * read alone, from the sentence's visible words, in one pass of the network: deterministic, whatever the seed,
     * steps and temperatures. Under the sampling options' n-gram fusion weight the words are ranked as fusion ranks
     * them ({@link DiffusionLM#suggest(List, io.github.diffusionnlp.api.Constraints, SamplingOptions, int)}), the
     * first the word a one-step fused greedy infill writes. Under this infiller's constraints (sentiment, template,
     * guidance, lexical) the words are those greedy infill's first step reads under them ({@link
     * DiffusionLM#suggest(List, io.github.diffusionnlp.api.Constraints, int)}); best of k candidates, which ranks
     * sampled sentences, plays no part. No word is {@code [UNK]} or one of the model's banned words. A mask written
     * another way ({@code [mask]}, or split into {@code [ MASK ]}, logged as {@link #infill} logs it) is a word, as
     * infill reads it, and has no list.
     *
     * @param tokens any number of tokens: a sentence longer than the model's length is read as infill reads it, stretch
     *     by stretch ({@link DiffusionLM#suggest})
     * @param k how many words per mask, 1 to the words the model knows
     * @return one array per mask, in the sentence's order (none for a sentence without a mask), of k words unless k
     *     passes the words the model may write (its banned words are left out)
     * @throws IllegalArgumentException for a {@code k} out of range, a null token, or a sentence whose length is not
     *     this infiller's template's (as {@link #infill(String[])} says it: "the sentence has 3 tokens")
     */
    public Suggestion[][] suggest(String[] tokens, int k) {
        for (String token : Objects.requireNonNull(tokens, "a sentence is null")) {
            if (token == null) {
                throw new IllegalArgumentException("a token is null");
            }
        }
        // a template of another length is core's to refuse, in the words infill(String[]) refuses it with
        List<String> in = asRead(tokens, "the sentence");
        List<List<Suggestion>> out = model.sample(lm -> lm.suggest(in, constraints.toConstraints().withCandidates(1),
                options, k));
        return out.stream().map(here -> here.toArray(Suggestion[]::new)).toArray(Suggestion[][]::new);
    }

    /**
     * As {@link #suggest(String[], int)}, for the token positions covered by the given spans (start inclusive, end
     * exclusive) whatever they hold now, and the {@value #MASK} tokens outside them.
     */
    public Suggestion[][] suggest(String[] tokens, int k, Span... masked) {
        return suggest(masked(tokens, masked), k);
    }

    /**
     * A sentence's tokens as the model is to read them: a mask written another way ("[mask]", "[MASK]." under
     * -tokenized) is a word, not filled, as the Infill tool tells its user: the library refuses it, so the model
     * reads it as the unknown word it is (and infill writes it back as written). A mask split into {@code [ MASK ]}
     * is kept as the three words it is, as "[mask]" is, and said, since a mask was surely meant.
     *
     * @param sentence which sentence it is, for the log ("sentence 3", or "the sentence" for a call given one)
     */
    private List<String> asRead(String[] tokens, String sentence) {
        int split = MaskSpelling.splitAt(Arrays.asList(tokens));
        if (split >= 0) {
            String said = "{} holds the mask split into three tokens, '[ MASK ]' at tokens {}-{}, which"
                    + " are words and are not filled: OpenNLP's TokenizerME splits [MASK] so; tokenize with"
                    + " EnglishText.get().tokenize(...), which keeps it whole, or join the three into [MASK]";
            if (splitMasksTold) {
                logger.debug(said, sentence, split, split + 2);
            } else {
                logger.warn(said, sentence, split, split + 2);
            }
        }
        return Arrays.stream(tokens).map(w -> MaskSpelling.isMisspelt(w) ? Vocabulary.UNK : w).toList();
    }

    /** Whether a sentence has anything to fill. */
    public static boolean hasMask(String[] tokens) {
        for (String t : tokens) {
            if (MASK.equals(t)) {
                return true;
            }
        }
        return false;
    }
}
