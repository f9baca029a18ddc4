package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.corpus.Visible;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a generated or rewritten sentence must be, in OpenNLP's idiom (labels and tags as strings):
 * a sentiment label ({@code negative}, {@code neutral}, {@code positive}), a POS template (UD UPOS
 * tags, one per token of the result: its length is the result's length) or, for a rewrite, the input's
 * own tags as the template ({@link #withInputTemplate()}: tagged by OpenNLP's {@code POSTaggerME}
 * through {@link EnglishPosTagger}), and the classifier-free guidance weight (1 conditions plainly,
 * above 1 pushes harder at twice the cost, 0 ignores the constraints), and how many candidates to
 * sample per sentence and rank by sentiment ({@link #withCandidates}), and whether the words are held
 * to the lexicons behind the constraints ({@link #withLexical}). Immutable; {@link #NONE} asks for
 * nothing.
 *
 * <pre>{@code
 * ConstraintSpec spec = ConstraintSpec.NONE.withSentiment("positive").parseTemplate("DET ADJ NOUN VERB ADV PUNCT")
 *         .withGuidance(2.0);                          // or withTemplate(tagger.tag(tokens)): one tag an element
 * }</pre>
 */
public final class ConstraintSpec {
    /** Asks for nothing (guidance {@value Constraints#DEFAULT_GUIDANCE}). */
    public static final ConstraintSpec NONE = new ConstraintSpec(null, null, false, Constraints.DEFAULT_GUIDANCE,
            1, false);

    /** The {@code -posTemplate} value (and {@link #parseTemplate} argument) that means the input's own tags. */
    public static final String INPUT_TEMPLATE = "keep";

    private final Sentiment sentiment;
    private final List<Upos> template;
    private final boolean inputTemplate;
    private final double guidance;
    private final int candidates;
    private final boolean lexical;

    private ConstraintSpec(Sentiment sentiment, List<Upos> template, boolean inputTemplate, double guidance,
            int candidates, boolean lexical) {
        SamplingRange.GUIDANCE.check(guidance, "guidance", SamplingRange.OUT_OF_RANGE);
        this.sentiment = sentiment;
        this.template = template == null ? null : List.copyOf(template);
        this.inputTemplate = inputTemplate;
        SamplingRange.CANDIDATES.check(candidates, "candidates", SamplingRange.OUT_OF_RANGE);
        this.guidance = guidance;
        this.candidates = candidates;
        this.lexical = lexical;
    }

    /**
     * A sentiment label, {@code negative}, {@code neutral} or {@code positive} (any case); null for any.
     *
     * @throws IllegalArgumentException naming the label and the allowed ones
     */
    public ConstraintSpec withSentiment(String label) {
        return new ConstraintSpec(label == null ? null : Sentiment.parse(label), template, inputTemplate, guidance,
                candidates, lexical);
    }

    /**
     * A POS template of UD UPOS tags, one array element per token of the result (any case), as
     * {@code POSTaggerME.tag} returns them; null for none. ({@link #parseTemplate} reads one string.)
     *
     * @throws IllegalArgumentException naming a tag that is not a UPOS tag, and the 17 that are, or an element that
     *     holds several tags ({@code "DET ADJ NOUN"}: {@link #parseTemplate} reads that)
     */
    public ConstraintSpec withTemplate(String... tags) {
        if (tags == null) {
            return new ConstraintSpec(sentiment, null, false, guidance, candidates, lexical);
        }
        List<Upos> parsed = new ArrayList<>(tags.length);
        for (String t : tags) {
            int inOne = t == null ? 0 : Constraints.listItems(t).size();
            if (inOne > 1) { // withTemplate("DET ADJ NOUN") compiles (varargs): say what reads such a string
                throw new IllegalArgumentException("'" + Visible.of(t.strip()) + "' is " + inOne + " tags in one"
                        + " element: withTemplate(String...) takes one tag an element, as POSTaggerME.tag returns"
                        + " them; parseTemplate(String) reads tags separated by spaces or commas");
            }
            parsed.add(parseTag(t));
        }
        return withTemplate(parsed); // refuses an empty one
    }

    /** A POS template of UD UPOS tags, one per token of the result; null for none. */
    public ConstraintSpec withTemplate(List<Upos> tags) {
        if (tags != null && tags.isEmpty()) {
            throw new IllegalArgumentException("empty POS template; give UPOS tags such as \"DET ADJ NOUN VERB\"");
        }
        return new ConstraintSpec(sentiment, tags, false, guidance, candidates, lexical);
    }

    /**
     * The input's own UPOS tags (from OpenNLP's {@code POSTaggerME}) as the template: a rewrite keeps
     * each sentence's length and syntax. Only a rewrite has an input to take them from.
     */
    public ConstraintSpec withInputTemplate() {
        return new ConstraintSpec(sentiment, null, true, guidance, candidates, lexical);
    }

    /** The classifier-free guidance weight, a number from 0 to 100. */
    public ConstraintSpec withGuidance(double weight) {
        return new ConstraintSpec(sentiment, template, inputTemplate, weight, candidates, lexical);
    }

    /**
     * Best of {@code k}: each sentence is sampled k times and the candidate the AFINN-165 sentiment lexicon
     * rates furthest toward {@link #withSentiment the label} is kept (k times the sampling; k > 1 needs a
     * label). 1, the default, samples once.
     */
    public ConstraintSpec withCandidates(int k) {
        return new ConstraintSpec(sentiment, template, inputTemplate, guidance, k, lexical);
    }

    /**
     * Lexical constraints on top of the conditioning ({@link Constraints#withLexical}): a template slot
     * takes only words the model's training corpus tagged so in most of their uses, a sentiment bans
     * negations and the AFINN-165 words rated against it. Off by default.
     */
    public ConstraintSpec withLexical(boolean on) {
        return new ConstraintSpec(sentiment, template, inputTemplate, guidance, candidates, on);
    }

    public boolean isLexical() {
        return lexical;
    }

    /**
     * Reads a template as the command line gives it: UPOS tags separated by spaces or commas
     * ({@code "DET ADJ NOUN"}), or {@value #INPUT_TEMPLATE} for the input's own tags; null or blank is none.
     *
     * @throws IllegalArgumentException naming a tag that is not a UPOS tag, and the 17 that are
     */
    public ConstraintSpec parseTemplate(String value) {
        if (value == null || value.isBlank()) {
            return new ConstraintSpec(sentiment, null, false, guidance, candidates, lexical);
        }
        if (value.trim().equalsIgnoreCase(INPUT_TEMPLATE)) {
            return withInputTemplate();
        }
        List<Upos> parsed = new ArrayList<>();
        for (String part : Constraints.listItems(value)) {
            parsed.add(parseTag(part));
        }
        return withTemplate(parsed);
    }

    private static Upos parseTag(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("a POS template tag is empty; allowed: " + Upos.names());
        }
        try {
            return Upos.parse(EnglishPosTagger.firstPart(tag)); // POSTaggerME's AUX+PART of "can't" is AUX
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + Visible.of(tag.trim()) + "' in the POS template is not a UPOS tag;"
                    + " allowed: " + Upos.names() + " (or two joined by +, as POSTaggerME tags a contraction:"
                    + " AUX+PART)");
        }
    }

    /** The sentiment label ({@code negative}, {@code neutral}, {@code positive}), or null for any. */
    public String getSentiment() {
        return sentiment == null ? null : sentiment.toString();
    }

    /** The fixed template's tags, or null (none, or the input's own: {@link #usesInputTemplate()}). */
    public String[] getTemplate() {
        return template == null ? null : template.stream().map(Enum::name).toArray(String[]::new);
    }

    /** The fixed template's length, or 0 when there is none. */
    public int templateLength() {
        return template == null ? 0 : template.size();
    }

    /** Whether the template is each input sentence's own tags. */
    public boolean usesInputTemplate() {
        return inputTemplate;
    }

    public double getGuidance() {
        return guidance;
    }

    public int getCandidates() {
        return candidates;
    }

    public boolean isEmpty() {
        return sentiment == null && template == null && !inputTemplate;
    }

    /**
     * Refuses, when a generator is made rather than at its first call, what {@code model} cannot follow: a template
     * longer than its positions, or any template on a model trained without tags ({@link #requireTagged}).
     */
    void requireFollowableBy(DiffusionModel model) {
        requireFollowableBy(model, false);
    }

    /**
     * As {@link #requireFollowableBy(DiffusionModel)}; {@code rewrite}: for a rewriter, which refuses no template for
     * its length (the input's own tags included): core's rewrite takes one longer than the model's positions for a
     * sentence of its own length, rewritten window by window, and the rewriter refuses a sentence of another length
     * ({@link RewriterME#checkTemplate}).
     */
    void requireFollowableBy(DiffusionModel model, boolean rewrite) {
        int positions = model.getInfo().config().maxLength();
        if (!rewrite) {
            Constraints.requireTemplateFits(templateLength(), positions); // in core's words, as a rewrite's refusal
        }
        if (templateLength() > 0 || inputTemplate) {
            requireTagged(model);
        }
    }

    /**
     * Refuses a template to a model trained without tags ({@link
     * io.github.diffusionnlp.api.DiffusionLM#requireTemplates(String)}), advising OpenNLP's ways of training a tagged
     * one: core's own advice names its corpus formats (word&lt;TAB&gt;UPOS, CoNLL-U), which neither the {@code Train}
     * tool nor {@code DiffusionModel.train} reads.
     */
    static void requireTagged(DiffusionModel model) {
        model.getDiffusionLM().requireTemplates("retrain it on tagged sentences: Train -format tagged on word_TAG"
                + " lines (The_DET jury_NOUN said_VERB ._PUNCT), or DiffusionModel.train on POSSamples");
    }

    /**
     * The core constraints with the fixed template (or none): for generation, infill, or a rewrite without input tags.
     */
    public Constraints toConstraints() {
        return new Constraints(sentiment, template, guidance, null, candidates, lexical);
    }

    /**
     * The core constraints for one input sentence: with the input template, its tags by
     * {@link EnglishPosTagger} (a template of the sentence's own length, which core takes longer than the model's
     * positions too: it rewrites such a sentence window by window).
     */
    public Constraints toConstraints(String[] tokens) {
        if (!inputTemplate || tokens.length == 0) {
            return toConstraints();
        }
        String[] tags = EnglishPosTagger.get().tag(tokens);
        return toConstraints(tags, 0, tags.length);
    }

    /**
     * A sentence's own UPOS tags, {@link EnglishPosTagger}'s {@code tags} of it read as {@link
     * #toConstraints(String[])} reads them: what a rewrite under the input's own template takes of a sentence's
     * words once core has filled its masks.
     */
    static List<Upos> inputTags(String[] tags) {
        List<Upos> out = new ArrayList<>(tags.length);
        for (String tag : tags) {
            out.add(parseTag(tag));
        }
        return out;
    }

    /** The core constraints with the given UPOS tags as the template (the input's, tagged elsewhere). */
    Constraints toConstraints(String[] tags, int from, int to) {
        List<Upos> t = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            t.add(parseTag(tags[i]));
        }
        return new Constraints(sentiment, t, guidance, null, candidates, lexical);
    }

    /** As the command line writes it, e.g. {@code sentiment=positive template="DET NOUN" guidance=1.0}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (sentiment != null) {
            parts.add("sentiment=" + sentiment);
        }
        if (inputTemplate) {
            parts.add("template=" + INPUT_TEMPLATE);
        } else if (template != null) {
            parts.add("template=\"" + String.join(" ", getTemplate()) + "\"");
        }
        parts.add("guidance=" + guidance);
        if (candidates > 1) {
            parts.add("candidates=" + candidates);
        }
        if (lexical) {
            parts.add("lexical=true");
        }
        return String.join(" ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstraintSpec c && Objects.equals(c.sentiment, sentiment)
                && Objects.equals(c.template, template) && c.inputTemplate == inputTemplate
                && Double.compare(c.guidance, guidance) == 0 && c.candidates == candidates && c.lexical == lexical;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sentiment, template, inputTemplate, guidance, candidates, lexical);
    }
}
