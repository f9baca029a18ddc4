package io.github.diffusionnlp.api;

import com.google.common.base.Splitter;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a generated or rewritten sentence must be: a sentiment, a syntax template (one UPOS tag per
 * word; its length is the sentence's length) and how hard to push toward them (classifier-free
 * guidance, and how many candidates to sample and rank). Immutable; {@link #none()} asks for nothing.
 * A value out of range throws {@link IllegalArgumentException} naming it; a template's length is checked
 * by the call that uses it (against the sentence for infill, the model's positions for generate and for rewrite,
 * where a template of exactly its sentence's length may be longer: that sentence is rewritten window by window).
 *
 * @param sentiment the label, or null for any
 * @param template UPOS tags, one per word, or null for any
 * @param guidance classifier-free guidance weight, a finite number >= 0: 1 conditions plainly (one network
 *     pass per step), above 1 pushes harder toward the constraints at twice the cost, 0 ignores them; other
 *     than 1 it needs a sentiment or a template (checked on use)
 * @param steer plug-and-play guidance by a differentiable scorer of your own (no retraining), or null
 * @param candidates best of k: each sentence is sampled this many times and the candidate that the
 *     AFINN-165 lexicon ({@link io.github.diffusionnlp.corpus.SentimentLabeller}) rates furthest toward
 *     the asked sentiment is returned (ties, e.g. candidates without any rated word: the one the model
 *     itself, read as a classifier of its sentiment condition, finds likeliest to carry the label).
 *     1 (the default) samples once; up to {@value #MAX_CANDIDATES}; above 1 needs a sentiment (checked when
 *     a call starts, whatever its input) and costs k times the sampling.
 * @param lexical also hold each generated word to the lexicons behind the constraints (see {@link
 *     #withLexical}); false (the default) leaves the words to the model's conditioning alone
 */
public record Constraints(Sentiment sentiment, List<Upos> template, double guidance, PlugAndPlay steer,
        int candidates, boolean lexical) {
    /** The guidance weight used when none is given. */
    public static final double DEFAULT_GUIDANCE = 1.0;
    /**
     * The largest guidance weight allowed: classifier-free guidance is used at 1 to 10 or so (this project measured
     * up to 5); a hundred is far past any use and keeps every logit well inside float's range.
     */
    public static final double MAX_GUIDANCE = 100;

    /**
     * Under {@link #withLexical lexical constraints}, the share of a word's training uses that must
     * carry a template slot's tag for the word to be allowed in that slot. Chosen on a tuning slice of
     * the held-out split (the constraints evaluation at seed 1; its reported rows use seed 0): tag
     * accuracy 89.7% at 0.5, 90.2% at 0.8, 90.4% at 0.9, 90.5% at 0.95, repetition and entropy
     * nearly unchanged; 0.9 is within noise of the best and keeps more of the vocabulary.
     */
    public static final double LEXICAL_TAG_SHARE = 0.9;
    /** The most candidates one sentence may be sampled as. */
    public static final int MAX_CANDIDATES = 64;

    public Constraints {
        if (template != null) {
            for (int i = 0; i < template.size(); i++) {
                java.util.Objects.requireNonNull(template.get(i), "tag " + i + " of the POS template is null");
            }
            template = List.copyOf(template);
        }
        if (template != null && template.isEmpty()) {
            throw new IllegalArgumentException("a POS template needs at least one tag");
        }
        guidance = SamplingRange.GUIDANCE.check(guidance, "guidance"); // -0.0 as 0, for equals
        SamplingRange.CANDIDATES.check(candidates, "candidates");
    }

    public Constraints(Sentiment sentiment, List<Upos> template, double guidance) {
        this(sentiment, template, guidance, null, 1, false);
    }

    public Constraints(Sentiment sentiment, List<Upos> template, double guidance, PlugAndPlay steer) {
        this(sentiment, template, guidance, steer, 1, false);
    }

    public Constraints(Sentiment sentiment, List<Upos> template, double guidance, PlugAndPlay steer,
            int candidates) {
        this(sentiment, template, guidance, steer, candidates, false);
    }

    /** No constraints: any sentiment, any template, guidance 1, no steering, one candidate, no lexical constraints. */
    public static Constraints none() {
        return new Constraints(null, null, DEFAULT_GUIDANCE);
    }

    /** These constraints with the sentiment every sentence must carry; null for any. */
    public Constraints withSentiment(Sentiment s) {
        return new Constraints(s, template, guidance, steer, candidates, lexical);
    }

    /**
     * These constraints with a POS template, one UPOS tag per word ({@link #parseTemplate} reads one from text); null
     * for any. Infill needs one tag per token of each sentence; rewrite and generate take its length as the sentence's.
     */
    public Constraints withTemplate(List<Upos> tags) {
        return new Constraints(sentiment, tags, guidance, steer, candidates, lexical);
    }

    /** These constraints with classifier-free guidance weight {@code w} (see {@link #guidance()}). */
    public Constraints withGuidance(double w) {
        return new Constraints(sentiment, template, w, steer, candidates, lexical);
    }

    /**
     * Steers sampling with a scorer of your own (plug-and-play guidance); see {@link PlugAndPlay}. Steering acts
     * between sampling steps: a call of one step with it is refused (at a weight above 0; weight 0 is no steering).
     */
    public Constraints withSteering(PlugAndPlay p) {
        return new Constraints(sentiment, template, guidance, p, candidates, lexical);
    }

    /**
     * Best of {@code k}: samples each sentence k times and keeps the candidate the sentiment lexicon
     * rates furthest toward {@link #sentiment()} (needed when k > 1, checked on use); among candidates
     * it rates alike, the one the model itself reads as likeliest to carry the label ({@link
     * DiffusionLM#sentimentPosterior}). The lexicon is the one that labelled the training data, so this
     * sharpens the model's own notion of the label; it is a cheap re-ranker, not a judge.
     */
    public Constraints withCandidates(int k) {
        return new Constraints(sentiment, template, guidance, steer, k, lexical);
    }

    /**
     * Lexical constraints on top of the conditioning: a template slot takes only words that the
     * training corpus tagged with the slot's tag in at least {@link #LEXICAL_TAG_SHARE} of their uses
     * (the model's {@code tag-lexicon.tsv}); a sentiment bans negations and the AFINN-165 words rated against it (for
     * neutral: every rated word). Given (kept) words are never touched. The model conditions on the
     * labels softly and can still slip in an off-tag or off-sentiment word; this forbids it, at the
     * cost of a vocabulary-sized mask per generated word and step. Without a sentiment or a template there
     * is nothing to hold the words to: a call refuses it (IllegalArgumentException), as the command lines do,
     * but for one sentence of a per-sentence list ({@link DiffusionLM#rewriteAll(List, List, double, List,
     * SamplingOptions)}), which may mix sentences with and without a template.
     */
    public Constraints withLexical(boolean on) {
        return new Constraints(sentiment, template, guidance, steer, candidates, on);
    }

    /** The POS template, empty when there is none ({@link #template()} gives null then). */
    public Optional<List<Upos>> optTemplate() {
        return Optional.ofNullable(template);
    }

    /**
     * Splits a list of UPOS tags and token indexes (a template, a keep spec) at commas and at any Unicode
     * space: a list copied from a web page may hold no-break spaces, and "unknown UPOS tag 'DET NOUN'"
     * (the space a no-break one) would be a riddle. The library, the CLI, the OpenNLP tools and the
     * CoreNLP annotator all read their lists with it.
     */
    private static final Splitter LIST_ITEMS =
            Splitter.on(Pattern.compile("[\\p{IsWhite_Space},]+")).omitEmptyStrings();

    /**
     * The items of a list of UPOS tags or token indexes ({@code "DET, ADJ NOUN"}, {@code "0,3"}), split as above.
     *
     * @throws NullPointerException when {@code list} is null
     */
    public static List<String> listItems(String list) {
        return LIST_ITEMS.splitToList(java.util.Objects.requireNonNull(list, "list (of UPOS tags or token indexes)"));
    }

    /**
     * Refuses a template of {@code tags} tags longer than a model's {@code positions}, in the one wording of generate
     * and rewrite, which the command lines give after the option that set it ({@code --pos: the POS template has 65
     * tags, more than the model's 64 positions}). Infill reads a long sentence in windows, so its template has no
     * such limit, nor has a rewrite's template of exactly its sentence's length (that sentence is rewritten window
     * by window: {@link #requireRewriteTemplateFits} refuses a rewrite's, saying so). The front ends refuse it so
     * only for generate, which has no sentence.
     */
    public static void requireTemplateFits(int tags, int positions) {
        if (tags > positions) {
            throw new IllegalArgumentException(tooLong(tags, positions));
        }
    }

    /**
     * As {@link #requireTemplateFits}, for a rewrite's template of {@code tags} tags and its sentence of {@code
     * tokens} tokens ({@code sentence}: "sentence 1", "the sentence"), naming the one template longer than the model a
     * rewrite takes, its sentence's own length's: without it, a refusal that a sentence of that length is not refused
     * by read as the whole rule. Public for the front ends, which pass a shared template longer than the model on to
     * the rewrite and refuse a sentence of another length by it, in the rewrite's words, before any sampling.
     */
    public static void requireRewriteTemplateFits(int tags, int positions, String sentence, int tokens) {
        if (tags > positions && tags != tokens) {
            throw new IllegalArgumentException(tooLong(tags, positions) + ", and " + sentence + " has "
                    + Counted.of(tokens, "token", "tokens") + "; a template longer than the model is taken only for"
                    + " a sentence of its own length, rewritten window by window");
        }
    }

    private static String tooLong(int tags, int positions) {
        return "the POS template has " + tags + " tags, more than the model's " + positions + " positions";
    }

    /**
     * Parses a template such as {@code "DET ADJ NOUN VERB"} (spaces or commas, see {@link #listItems}), naming a bad
     * tag.
     */
    public static List<Upos> parseTemplate(String tags) {
        java.util.Objects.requireNonNull(tags, "POS template");
        List<Upos> out = listItems(tags).stream().map(Upos::parse).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty POS template; give UPOS tags such as \"DET ADJ NOUN VERB\"");
        }
        return out;
    }
}
