package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.FilledTagging;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Visible;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Rewrites tokenized sentences, in the shape of OpenNLP's {@code XME} tools: {@code String[]} tokens
 * in (for example from {@code TokenizerME}), {@code String[]} out, the same length unless a POS
 * template sets another (see <b>Constraints</b> below). Every token not
 * kept starts from its own word's embedding, is noised to the level where the model's learned warping
 * equals the {@code strength} and is denoised in the context of the kept tokens: strength near 0
 * changes little, 1 ignores the words not kept entirely. Kept tokens come back verbatim, but a
 * {@value DiffusionLM#MASK} is a position to write, never a word to keep, even where the keep spec names it.
 *
 * <p>What is kept is a {@link KeepSpec}: token indexes and/or UD UPOS classes, the classes judged by
 * OpenNLP's {@code POSTaggerME} with the English UD model ({@link EnglishPosTagger}, loaded once, on
 * first need). In a sentence that holds a {@value DiffusionLM#MASK} the classes are judged once core has filled its
 * masks, by the tags of its filled words, in the same call ({@link FilledTagging}): the tagger's guess at a mask moves
 * its neighbours' tags ("She [MASK] home early ." is tagged PRON ADJ NOUN ADV PUNCT, "home" a noun; filled, "She
 * worked home early ." is PRON VERB ADV ADV PUNCT). What is checked before sampling ({@link #checkTemplate}, a kept
 * token outside a template) is the masked sentence's keep mask ({@link #keepMask}).
 *
 * <pre>{@code
 * try (DiffusionModel model = DiffusionModel.loadDefault()) {
 *     RewriterME rewriter = new RewriterME(model, SamplingOptions.defaults(), 0.7, KeepSpec.parse("NOUN,PROPN"));
 *     String[] rewritten = rewriter.rewrite(new String[] {"The", "committee", "met", "on", "Monday", "."});
 * }
 * }</pre>
 *
 * <p>Unlike most OpenNLP {@code XME} classes this one is thread-safe: it keeps no state between
 * calls, and one instance may serve many threads. Sentence i of one call is sampled with seed {@link
 * SamplingOptions#sentenceSeed options.sentenceSeed(i)}: the same options and input give the same output.
 *
 * <p><b>Constraints.</b> A {@link ConstraintSpec} asks for a sentiment and/or a POS template, pushed
 * by its guidance weight. Without a template each sentence keeps its length. With a fixed template
 * every result has the template's length, one token per tag (at most the model's positions, but for a
 * sentence of exactly its length, which core rewrites window by window; a sentence of another length is refused,
 * {@link #checkTemplate}); kept tokens keep their positions, so a kept index must lie inside the template. With
 * the input's own template ({@link ConstraintSpec#withInputTemplate()}) each sentence is tagged by OpenNLP's
 * {@code POSTaggerME} and rewritten to its own tags, keeping its length (a sentence longer than the
 * model's positions is rewritten window by window by core, each window under its own tags, the window from
 * token p of sentence i with seed {@link SamplingOptions#windowSeed options.windowSeed(i, p)}). A sentence that
 * holds a {@value DiffusionLM#MASK} is tagged once core has filled its masks (as a rewrite fills them first), and
 * rewritten under the tags of its filled words ({@link DiffusionLM#rewriteAll(List, List, double, List,
 * SamplingOptions, SentenceNaming, FilledTagging)}): the tagger's guess at the mask itself matched
 * Brown's tag there 31.0% of the time, the filled word's tag 45.8% (600 held-out sentences, one word masked in each).
 *
 * <pre>{@code
 * RewriterME toPositive = new RewriterME(model, options, 0.8, KeepSpec.parse("PROPN"),
 *         ConstraintSpec.NONE.withSentiment("positive").withInputTemplate());
 * }</pre>
 */
public class RewriterME {
    /** The strength of {@link #RewriterME(DiffusionModel)}. */
    public static final double DEFAULT_STRENGTH = 0.5;

    private final DiffusionModel model;
    private final SamplingOptions options;
    private final double strength;
    private final KeepSpec keep;
    private final ConstraintSpec constraints;

    /** Strength {@value #DEFAULT_STRENGTH}, keeping nothing, with the model's default sampling options. */
    public RewriterME(DiffusionModel model) {
        this(model, model.getFactory().defaultSamplingOptions(), DEFAULT_STRENGTH, KeepSpec.NONE);
    }

    /**
     * @param strength how far the input is noised, in (0, 1]
     * @param keep which tokens stay verbatim ({@link KeepSpec#NONE}: none)
     */
    public RewriterME(DiffusionModel model, SamplingOptions options, double strength, KeepSpec keep) {
        this(model, options, strength, keep, ConstraintSpec.NONE);
    }

    /**
     * @param strength how far the input is noised, in (0, 1]
     * @param keep which tokens stay verbatim ({@link KeepSpec#NONE}: none)
     * @param constraints sentiment, POS template and guidance ({@link ConstraintSpec#NONE}: none)
     * @throws IllegalArgumentException when the strength is out of range, or the model cannot follow a template
     *     ({@link DiffusionLM#requireTemplates}); a template longer than the model's positions is taken, for the
     *     sentences of its length ({@link #checkTemplate})
     */
    public RewriterME(DiffusionModel model, SamplingOptions options, double strength, KeepSpec keep,
            ConstraintSpec constraints) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.keep = Objects.requireNonNull(keep, "keep");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
        this.strength = SamplingRange.STRENGTH.check(strength, "strength", SamplingRange.OUT_OF_RANGE);
        requireTaggable(model, keep, constraints);
        constraints.requireFollowableBy(model, true);
    }

    /**
     * Refuses what needs the English POS tagger ({@link EnglishPosTagger}) on a model whose language is not English:
     * a keep spec of UPOS classes, and the input's own POS template.
     *
     * @throws IllegalArgumentException naming what needs tags and what to give instead
     */
    public static void requireTaggable(DiffusionModel model, KeepSpec keep, ConstraintSpec constraints) {
        if (keep.needsTags()) {
            EnglishPosTagger.requireEnglish(model, "keeping UPOS classes (" + keep + ")", "keep token indexes"
                    + " instead (0,3)");
        }
        if (constraints.usesInputTemplate()) {
            EnglishPosTagger.requireEnglish(model, "the input's own POS template", "give a template of UPOS tags"
                    + " instead (DET NOUN VERB PUNCT)");
        }
    }

    public SamplingOptions getSamplingOptions() {
        return options;
    }

    public double getStrength() {
        return strength;
    }

    public KeepSpec getKeepSpec() {
        return keep;
    }

    public ConstraintSpec getConstraints() {
        return constraints;
    }

    /**
     * Rewrites one sentence, keeping what the keep spec names.
     *
     * @throws IllegalArgumentException when the spec names an index outside the tokens, or a kept
     *     token outside the POS template
     */
    public String[] rewrite(String[] tokens) {
        checkTokens(tokens);
        boolean[] mask = keepMask(tokens);
        return rewrite(new String[][] {tokens}, new boolean[][] {mask},
                new boolean[][] {keep.withoutClasses().mask(tokens, null)}, options, SentenceNaming.ONE)[0];
    }

    /** Rewrites many sentences, each keeping what the keep spec names, batched through the model. */
    public String[][] rewrite(String[][] sentences) {
        boolean[][] masks = new boolean[sentences.length][];
        boolean[][] byIndex = new boolean[sentences.length][];
        for (int i = 0; i < sentences.length; i++) {
            checkTokens(sentences[i]);
            masks[i] = keepMask(sentences[i], SentenceNaming.BATCH.sentence(i));
            byIndex[i] = keep.withoutClasses().mask(sentences[i], null);
        }
        return rewrite(sentences, masks, byIndex);
    }

    /** Rewrites one sentence keeping exactly the tokens where {@code keep} is true (instead of the keep spec). */
    public String[] rewrite(String[] tokens, boolean[] keep) {
        return rewrite(new String[][] {tokens}, new boolean[][] {keep}, null, options, SentenceNaming.ONE)[0];
    }

    /**
     * Rewrites many sentences, sentence i keeping exactly the tokens where {@code keep[i]} is true
     * (instead of the keep spec; a null mask keeps nothing).
     */
    public String[][] rewrite(String[][] sentences, boolean[][] keep) {
        return rewrite(sentences, keep, null, options, SentenceNaming.BATCH);
    }

    /**
     * Rewrites many sentences, sentence i keeping the tokens where {@code keep[i]} is true (a null mask keeps
     * nothing), but for a sentence that holds a {@value DiffusionLM#MASK}: it keeps, once core has filled its masks,
     * the tokens where {@code keptByIndex[i]} is true and those of the keep spec's classes by the tags of its filled
     * words. For a front end that counts kept indexes otherwise than by sentence (the {@code Rewrite} tool, along a
     * line): {@code keep[i]} is its mask of the masked sentence (its classes by the masked sentence's tags), checked
     * before sampling ({@link #checkTemplate}) and kept in a sentence without a mask; {@code keptByIndex[i]} what it
     * keeps whatever the tags. Without classes in the keep spec this is {@link #rewrite(String[][], boolean[][])}.
     *
     * @throws IllegalArgumentException as that call, and for index masks not one a sentence or not as long as it
     */
    public String[][] rewrite(String[][] sentences, boolean[][] keep, boolean[][] keptByIndex) {
        return rewriteFrom(sentences, keep, keptByIndex, 0);
    }

    /**
     * As {@link #rewrite(String[][], boolean[][], boolean[][])}, with sentence i sampled as sentence {@code first + i}
     * of one call ({@link SamplingOptions#startingAt}): the batches of one run (the {@code Rewrite} tool's) give each
     * sentence its own seed, as one call would, and a refusal names it so ("sentence 41" for sentence 1 from 40), as
     * {@link InfillerME#infillFrom} does.
     *
     * @param first the run's index of {@code sentences[0]}, 0 or more
     */
    public String[][] rewriteFrom(String[][] sentences, boolean[][] keep, boolean[][] keptByIndex, long first) {
        SentenceNaming naming = SentenceNaming.BATCH.window(first, 0);
        Objects.requireNonNull(keptByIndex, "keptByIndex (a mask a sentence, null keeping no index)");
        if (keptByIndex.length != sentences.length) {
            throw new IllegalArgumentException(Counted.of(keptByIndex.length, "index mask", "index masks") + " for "
                    + Counted.of(sentences.length, "sentence", "sentences"));
        }
        boolean[][] byIndex = new boolean[sentences.length][];
        for (int i = 0; i < sentences.length; i++) {
            checkTokens(sentences[i]);
            byIndex[i] = keptByIndex[i] == null ? new boolean[sentences[i].length] : keptByIndex[i].clone();
            if (byIndex[i].length != sentences[i].length) {
                throw new IllegalArgumentException(naming.sentence(i) + " has "
                        + Counted.of(sentences[i].length, "token", "tokens") + " but its index mask has "
                        + byIndex[i].length);
            }
        }
        return rewrite(sentences, keep, byIndex, options.startingAt(first), naming);
    }

    /**
     * {@link #rewrite(String[][], boolean[][])}, its refusals and core's naming the sentences as {@code naming} does:
     * "sentence 2" for a batch, "the sentence" for the one sentence a caller gave alone, who has no index to read. With
     * {@code byIndex} (one mask a sentence), a sentence holding a mask keeps those and the keep spec's classes by its
     * filled words' tags; null: every sentence keeps {@code keep}. {@code seeded}: this tool's options, or them
     * starting at a run's sentence ({@link #rewriteFrom}).
     */
    private String[][] rewrite(String[][] sentences, boolean[][] keep, boolean[][] byIndex, SamplingOptions seeded,
            SentenceNaming naming) {
        if (keep.length != sentences.length) {
            throw new IllegalArgumentException(Counted.of(keep.length, "keep mask", "keep masks") + " for "
                    + Counted.of(sentences.length, "sentence", "sentences"));
        }
        List<List<String>> in = new ArrayList<>(sentences.length);
        List<boolean[]> masks = new ArrayList<>(sentences.length);
        List<Constraints> perSentence = new ArrayList<>(sentences.length);
        for (int i = 0; i < sentences.length; i++) {
            String[] tokens = sentences[i];
            checkTokens(tokens);
            boolean[] k = keep[i] == null ? new boolean[tokens.length] : keep[i].clone();
            if (k.length != tokens.length) {
                throw new IllegalArgumentException(naming.sentence(i) + " has "
                        + Counted.of(tokens.length, "token", "tokens") + " but its keep mask has " + k.length);
            }
            checkTemplate(tokens, k, naming.sentence(i), named(tokens, naming.single() ? "" : " of "
                    + naming.sentence(i)));
            in.add(Arrays.asList(tokens));
            masks.add(k);
            // the input's own tags: a sentence longer than the model is rewritten window by window by core
            perSentence.add(constraints.usesInputTemplate() ? constraints.toConstraints(tokens)
                    : constraints.toConstraints());
        }
        // a sentence holding a [MASK] is tagged once core has filled it: under the input's own tags it is rewritten
        // under its filled words' tags, and it keeps the classes those tags give (kept: what it kept in the end)
        boolean[][] kept = keep.clone();
        List<List<String>> out = model.sample(lm -> lm.rewriteAll(in, masks, strength, perSentence, seeded, naming,
                filledTagging(byIndex, kept)));
        String[][] result = new String[out.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i).toArray(String[]::new);
            // kept tokens keep their positions; give them back verbatim (the model writes an unknown word as [UNK]),
            // all but a [MASK]: the library fills it even where kept (never a word to keep), and that word stays
            for (int j = 0; kept[i] != null && j < Math.min(result[i].length, kept[i].length); j++) {
                if (kept[i][j] && !sentences[i][j].equals(DiffusionLM.MASK)) {
                    result[i][j] = sentences[i][j];
                }
            }
        }
        return result;
    }

    /**
     * What core does with a sentence holding a mask once it has filled it ({@link FilledTagging}), or null for
     * nothing: under the input's own template its template is its filled words' tags, and with {@code byIndex} and
     * classes in the keep spec its keep mask is {@code byIndex}'s and the classes those words' tags give ({@link
     * KeepSpec#mask}'s rule: a tag kept when it is exactly a kept class's name, as the tagger writes it), written into
     * {@code kept} as core fits it (told by {@link FilledTagging#replacingKeep(FilledTagging.Keep,
     * FilledTagging.Kept)}: a mask's position never kept). The tags come from one call of the tagger a sentence.
     */
    private FilledTagging filledTagging(boolean[][] byIndex, boolean[][] kept) {
        boolean classes = byIndex != null && keep.needsTags();
        if (!constraints.usesInputTemplate() && !classes) {
            return null;
        }
        String[][] tags = new String[kept.length][];
        FilledTagging filled = FilledTagging.by((s, words) -> {
            tags[s] = EnglishPosTagger.get().tag(words.toArray(String[]::new));
            return ConstraintSpec.inputTags(tags[s]);
        });
        if (constraints.usesInputTemplate()) {
            filled = filled.replacingTemplates();
        }
        if (classes) {
            filled = filled.replacingKeep((s, words, upos) -> {
                boolean[] k = keep.classesOnly().mask(words.toArray(String[]::new), tags[s]);
                for (int i = 0; i < k.length; i++) {
                    k[i] |= byIndex[s][i];
                }
                return k;
            }, (s, k) -> kept[s] = k); // as core fitted it: a mask's position never kept
        }
        return filled;
    }

    /**
     * Checks that a sentence and its keep mask fit the fixed POS template: a template longer than the model's
     * positions only for a sentence of its own length (which core rewrites window by window), refused for another in
     * core's words; a kept token keeps its position, so it must lie inside the template (a kept {@code [MASK]} is no
     * kept token: it is written).
     *
     * @throws IllegalArgumentException for a template longer than the model and a sentence of another length, or
     *     naming the first kept token outside the template
     */
    public void checkTemplate(String[] tokens, boolean[] keep) {
        checkTemplate(tokens, keep, named(tokens, ""));
    }

    /**
     * {@link #checkTemplate(String[], boolean[])}, the kept token named by {@code token} from its index in {@code
     * tokens}: for a front end that counts the tokens otherwise, e.g. along a line of several sentences ("token 6
     * ('barked'; token 2 of sentence 2)"), where this names it "token 2 ('barked')".
     */
    public void checkTemplate(String[] tokens, boolean[] keep, IntFunction<String> token) {
        checkTemplate(tokens, keep, SentenceNaming.ONE.sentence(0), token);
    }

    /**
     * {@link #checkTemplate(String[], boolean[], IntFunction)}, a template too long for the sentence refused naming it
     * {@code sentence} ("the sentence", "sentence 2"), as core names it.
     */
    public void checkTemplate(String[] tokens, boolean[] keep, String sentence, IntFunction<String> token) {
        int t = constraints.templateLength();
        if (t == 0) {
            return;
        }
        Constraints.requireRewriteTemplateFits(t, model.getInfo().config().maxLength(), sentence, tokens.length);
        if (keep == null) {
            return;
        }
        for (int i = t; i < keep.length; i++) {
            if (keep[i] && !DiffusionLM.MASK.equals(tokens[i])) { // a mask is never kept: it is written, as core does
                throw new IllegalArgumentException(token.apply(i) + " is kept but the POS template has only "
                        + Counted.of(t, "tag", "tags") + " (" + (t == 1 ? "index 0" : "indexes 0-" + (t - 1))
                        + "); a kept token keeps its position");
            }
        }
    }

    /** Token i of {@code tokens} named by its index, {@code which} after it (" of sentence 2"), and its text. */
    private static IntFunction<String> named(String[] tokens, String which) {
        return i -> "token " + i + which + " ('" + Visible.of(tokens[i]) + "')";
    }

    /**
     * Which tokens of a sentence the keep spec keeps (tagging the sentence with {@link EnglishPosTagger}
     * when the spec names UPOS classes).
     *
     * @throws IllegalArgumentException when the spec names an index outside the tokens
     */
    public boolean[] keepMask(String[] tokens) {
        return keepMask(tokens, "the sentence");
    }

    /** {@link #keepMask(String[])}, its refusal calling the sentence {@code sentence} ("sentence 2"). */
    private boolean[] keepMask(String[] tokens, String sentence) {
        return keep.mask(tokens, keep.needsTags() ? EnglishPosTagger.get().tag(tokens) : null, sentence);
    }

    private static void checkTokens(String[] tokens) {
        Objects.requireNonNull(tokens, "a sentence is null");
        for (String t : tokens) {
            if (t == null) {
                throw new IllegalArgumentException("a token is null");
            }
        }
    }
}
