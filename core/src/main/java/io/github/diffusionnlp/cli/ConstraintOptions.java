package io.github.diffusionnlp.cli;

import static io.github.diffusionnlp.api.OptionErrors.checked;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Sentiment;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The constraint options of {@code generate} and {@code rewrite} ({@code --unguided-length}: generate only), and,
 * less {@code --pos} and {@code --unguided-length}, of {@code infill} and {@code suggest}.
 */
final class ConstraintOptions {
    @Option(names = "--sentiment", paramLabel = "LABEL",
            description = "negative, neutral or positive (default: any)")
    String sentiment;

    @Option(names = "--pos", paramLabel = "TEMPLATE",
            description = "UPOS tags, one per word, e.g. \"DET ADJ NOUN VERB PUNCT\"; its length is the sentence's"
                    + " length (default: any)")
    String pos;

    @Option(names = "--guidance", paramLabel = "W",
            description = "classifier-free guidance weight, 0 to 100: 1 conditions plainly, above 1 pushes harder"
                    + " toward the constraints (twice the work per step), 0 ignores them; only with --sentiment or"
                    + " --pos (default: 1)")
    Double guidance; // null: not given, so Constraints.DEFAULT_GUIDANCE

    @Option(names = "--unguided-length",
            description = "generate: guidance leaves the length alone: it pushes the words toward the constraints, and"
                    + " [PAD], which ends a free-length sentence, keeps the conditioned pass's probability (default:"
                    + " guided too, which lengthens positive and shortens neutral sentences); only with --guidance"
                    + " other than 1 and a free length")
    boolean unguidedLength;

    @Option(names = "--candidates", defaultValue = "1", paramLabel = "K",
            description = "best of K: sample each sentence K times and keep the one the AFINN sentiment lexicon"
                    + " rates furthest toward --sentiment (K times the work; default: ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--lexical",
            description = "also forbid words the lexicons contradict: a --pos slot takes only words the training"
                    + " corpus mostly tagged so, a --sentiment bans negations and AFINN-165 words rated against it")
    boolean lexical;

    /** Whether the command takes {@code --pos}, which the refusals then name: not infill's and suggest's. */
    private boolean takesPos = true;

    /** The constraints asked for, validated; {@code template} overrides {@code --pos} when not null. */
    Constraints constraints(List<Upos> template) {
        Sentiment s = sentiment == null ? null : Sentiment.parse(sentiment);
        List<Upos> t = template != null ? template : pos == null ? null : Constraints.parseTemplate(pos);
        if (candidates > 1 && s == null) {
            throw new IllegalArgumentException("--candidates " + candidates + ": the candidates are ranked by"
                    + " sentiment; give --sentiment too");
        }
        return new Constraints(s, t, guidance(), null, candidates, lexical);
    }

    /**
     * Refuses {@code --pos} and {@code --unguided-length} for a command that keeps each line's length ({@code
     * command}: infill, suggest), hidden from its help but still parsed.
     */
    void refuseLengthOptions(String command) {
        takesPos = false;
        if (pos != null) {
            throw new IllegalArgumentException("--pos gives a sentence its tags and length, and " + command + " keeps"
                    + " each line's tokens and length; constrain the words with --sentiment, or rewrite with --pos");
        }
        if (unguidedLength) {
            throw new IllegalArgumentException("--unguided-length leaves the choice of a free-length sentence's end out"
                    + " of guidance, and " + command + " keeps each line's length: leave it out");
        }
    }

    /** Fails early, before the model loads, naming the option whose value is wrong. */
    void validate() {
        validate(false);
    }

    /** As {@link #validate()}; {@code templateFromInput}: {@code --pos keep}, each line's own tags. */
    void validate(boolean templateFromInput) {
        if (pos != null && "keep".equalsIgnoreCase(pos.strip())) {
            // only generate gets here (rewrite reads "keep" itself): "unknown UPOS tag 'keep'" would be a riddle
            throw new IllegalArgumentException("--pos keep takes each input line's own tags, and generate reads no"
                    + " input; give the tags, e.g. --pos \"DET ADJ NOUN VERB PUNCT\"");
        }
        checked("--sentiment", () -> sentiment == null ? null : Sentiment.parse(sentiment));
        checked("--pos", () -> pos == null ? null : Constraints.parseTemplate(pos));
        SamplingRange.GUIDANCE.check(guidance(), "--guidance", SamplingRange.OUT_OF_RANGE);
        if (guidance != null && sentiment == null && pos == null && !templateFromInput) {
            // Guidance weighs the constraints against the unconditional model; with none it would change
            // nothing, and a user who set it surely meant to constrain something.
            throw new IllegalArgumentException("--guidance " + Numbers.written(guidance) + (takesPos
                    ? " pushes toward --sentiment and --pos; give one of them too"
                    : " pushes toward --sentiment; give it too"));
        }
        if (unguidedLength && guidance() == 1) {
            // at 1 the conditioned pass alone sets every logit, [PAD]'s included: the flag would change nothing
            throw new IllegalArgumentException("--unguided-length leaves the length out of guidance, and guidance "
                    + (guidance == null ? "is 1 by default" : "1 is the conditioned pass alone") + " (nothing to leave"
                    + " out); give --guidance W other than 1 too, e.g. --guidance 3");
        }
        SamplingRange.CANDIDATES.check(candidates, "--candidates", SamplingRange.OUT_OF_RANGE);
        if (lexical && sentiment == null && pos == null && !templateFromInput) {
            throw new IllegalArgumentException(takesPos
                    ? "--lexical holds the words of --sentiment and --pos to the lexicons; give one of them too"
                    : "--lexical holds the words to --sentiment's lexicon (negations and AFINN-165 words rated against"
                            + " it are banned); give --sentiment too");
        }
        constraints(null); // what is left: how the options combine
    }

    /** {@code options} with guidance extrapolating the length or not, as {@code --unguided-length} says. */
    SamplingOptions sampling(SamplingOptions options) {
        return options.toBuilder().guideLength(!unguidedLength).build();
    }

    /** The {@code --pos} template's tags, or 0 without one; call after {@link #validate()}. */
    int templateLength() {
        return pos == null ? 0 : Constraints.parseTemplate(pos).size();
    }

    /**
     * Fails, naming {@code --pos}, when its template is longer than the model's positions (before any input is read).
     * Warns when {@code --sentiment} asks a model whose record says its sentiment condition means little: its
     * corpus, labelled by an English lexicon, is probably not English
     * ({@link TrainingInfo#sentimentProbablyMeaningless}).
     */
    void checkModel(DiffusionLM lm) {
        checkModel(lm, false);
    }

    /**
     * As {@link #checkModel(DiffusionLM)}; {@code rewrite}: the template is a rewrite's, which core takes longer than
     * the model for a line of its own length (rewritten window by window), so it is not refused here: the command
     * refuses a line of another length by its number ({@link Constraints#requireRewriteTemplateFits}).
     */
    void checkModel(DiffusionLM lm, boolean rewrite) {
        if (!rewrite) {
            checked("--pos", () -> {
                Constraints.requireTemplateFits(templateLength(), lm.info().config().maxLength());
                return null;
            });
        }
        // taken from the model, which then does not log it again at the first call (DiffusionLM#takeSentimentCaveat)
        String caveat = sentiment == null ? null : lm.takeSentimentCaveat();
        if (caveat != null) {
            System.err.println("warning: --sentiment will mean little to this model: " + caveat);
        }
    }

    private double guidance() {
        return guidance == null ? Constraints.DEFAULT_GUIDANCE : guidance;
    }
}
