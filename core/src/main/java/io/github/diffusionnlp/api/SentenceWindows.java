package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.QuoteSpelling;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentences of one infill or rewrite call cut into model rows of the model's length, and the rows'
 * sampled words written back into copies of the sentences, which the call returns.
 *
 * <p>Confined to the thread of the call that made it: one per call, never shared (the rows it hands out are
 * sampled, perhaps on a batching lane, and come back before it reads their results).
 */
final class SentenceWindows {
    private final Vocabulary vocabulary;
    /** The model's length: every row has this many positions. */
    private final int len;
    /** The call's sentences as given (its checked, immutable copy). */
    private final List<List<String>> given;
    /** Copies of them, each window's sampled words written in. */
    private final List<List<String>> out = new ArrayList<>();
    /** Sentence -> the positions [first, end) that the current infill round fills. */
    private final Map<Integer, int[]> stretches = new HashMap<>();
    private final int longest;

    /** @param sentences the call's checked copy, which is read; copies of it are written into */
    SentenceWindows(List<List<String>> sentences, Vocabulary vocabulary, int len) {
        this.given = sentences;
        this.vocabulary = vocabulary;
        this.len = len;
        for (List<String> tokens : sentences) {
            out.add(new ArrayList<>(tokens));
        }
        this.longest = sentences.stream().mapToInt(List::size).max().orElse(0);
    }

    /**
     * A long sentence is filled stretch by stretch, left to right, a stretch a round: each stretch sits inside a
     * window with a quarter of the model's length of context on each side where the sentence has it, and reads
     * the words earlier stretches chose, so the windows agree with each other.
     */
    private static int stretch(int len) {
        return len / 2;
    }

    /** Whether infill round {@code round} may have a stretch to fill (round 0 always: it fills short sentences). */
    boolean hasInfillRound(int round) {
        return round == 0 || round * stretch(len) < longest;
    }

    /**
     * The positions [first, end) of a sentence of {@code size} tokens that infill round {@code round} fills (a
     * sentence of at most {@code len} tokens whole in round 0, a longer one its {@code round}-th stretch), or null
     * when that round has none of it.
     */
    private static int[] stretchOf(int round, int size, int len) {
        boolean whole = size <= len; // filled in one window, in the first round
        if (whole && round > 0) {
            return null;
        }
        int first = whole ? 0 : round * stretch(len);
        int end = whole ? size : Math.min(size, first + stretch(len));
        return first < end ? new int[] {first, end} : null;
    }

    /** Where the window of a stretch from {@code first} starts: a quarter of the model's length before it if it can. */
    private static int windowStart(int first, int size, int len) {
        return Math.max(0, Math.min(size - len, first - (len - stretch(len)) / 2));
    }

    /**
     * The rows suggest reads for sentence {@code s}: one for each row infill samples for it ({@link #infillRows}), in
     * the window infill samples it in, holding {@code infilled}'s words before the stretch and {@code tokens}' from it
     * on. Each row's {@link ModelRow#offset} is its window's start in the sentence; {@code stretches} gets, per row,
     * the positions [first, end) whose masks it answers for (a window also holds masks of its neighbours' stretches).
     *
     * @param infilled the words infill wrote for {@code tokens} (the same length), or {@code tokens} itself: then
     *     every mask outside a stretch is read as unknown
     */
    static List<ModelRow> suggestRows(int s, List<String> tokens, List<String> infilled, Vocabulary vocabulary,
            int len, List<int[]> stretches) {
        List<ModelRow> rows = new ArrayList<>();
        for (int[] fill : maskedStretches(tokens, len)) {
            List<String> read = new ArrayList<>(infilled.subList(0, fill[0]));
            read.addAll(tokens.subList(fill[0], tokens.size()));
            int from = windowStart(fill[0], tokens.size(), len);
            int to = Math.min(tokens.size(), from + len);
            rows.add(ModelRow.infill(s, from, read.subList(from, to),
                    QuoteSpelling.asRead(read, vocabulary).subList(from, to), vocabulary, len, 0));
            stretches.add(fill);
        }
        return rows;
    }

    /** The rows infill samples for {@code tokens} in all its rounds: one for each stretch holding a mask. */
    static int infillRows(List<String> tokens, int len) {
        return maskedStretches(tokens, len).size();
    }

    /** The stretches [first, end) of {@code tokens} that hold a mask, in the order of infill's rounds. */
    private static List<int[]> maskedStretches(List<String> tokens, int len) {
        List<int[]> stretches = new ArrayList<>();
        for (int round = 0; round == 0 || round * stretch(len) < tokens.size(); round++) {
            int[] fill = stretchOf(round, tokens.size(), len);
            if (fill != null && tokens.subList(fill[0], fill[1]).contains(DiffusionLM.MASK)) {
                stretches.add(fill);
            }
        }
        return stretches;
    }

    /**
     * The rows of infill round {@code round}: a sentence of at most the model's length whole in round 0, a
     * longer one's {@code round}-th stretch in its window; none for a stretch without masks. Sentence s's
     * stretch from position p is sampled with seed {@link SamplingOptions#windowSeed options.windowSeed(s, p)}.
     */
    List<ModelRow> infillRound(int round, Constraints constraints, SamplingOptions options) {
        stretches.clear();
        List<ModelRow> rows = new ArrayList<>();
        for (int s = 0; s < out.size(); s++) {
            List<String> tokens = out.get(s); // with the words earlier rounds filled
            int[] fill = stretchOf(round, tokens.size(), len);
            if (fill == null || !tokens.subList(fill[0], fill[1]).contains(DiffusionLM.MASK)) {
                continue;
            }
            int first = fill[0];
            int end = fill[1];
            int from = windowStart(first, tokens.size(), len);
            int to = Math.min(tokens.size(), from + len);
            List<String> read = QuoteSpelling.asRead(tokens, vocabulary).subList(from, to); // quotes read in context
            ModelRow row = ModelRow.infill(s, from, tokens.subList(from, to), read, vocabulary, len,
                    options.windowSeed(s, first));
            rows.add(row.constrain(constraints, from, tokens.size(), len));
            stretches.put(s, new int[] {first, end});
        }
        return rows;
    }

    /** Writes the sampled rows of the current infill round into their sentences, each only within its stretch. */
    void writeInfilled(List<ModelRow> sampled) {
        for (ModelRow row : sampled) {
            int[] fill = stretches.get(row.sentence);
            write(row, fill[0], fill[1]);
        }
    }

    /**
     * Whether a rewrite takes a sentence of {@code size} tokens under {@code constraints} window by window: without a
     * template, and under a template of exactly its length longer than the model's {@code len} positions (its own
     * tags, say), each window under its part of the template. Any other template sets the sentence's new length and
     * is one row, at most the model's length ({@link #checkRewrite}).
     */
    static boolean inWindows(int size, Constraints constraints, int len) {
        List<Upos> template = constraints.template();
        return template == null || template.size() == size && size > len;
    }

    /**
     * The rows {@link #rewriteRows} makes for a sentence of {@code size} tokens kept where {@code keep} says (null
     * keeping nothing) under {@code constraints}: one under a template that sets its length, else ({@link
     * #inWindows}) one for each window of the model's length holding a token not kept.
     */
    static int rewriteRows(int size, boolean[] keep, Constraints constraints, int len) {
        if (!inWindows(size, constraints, len)) {
            return 1;
        }
        int rows = 0;
        for (int from = 0; from < size; from += len) {
            for (int i = from; i < Math.min(size, from + len); i++) {
                if (keep == null || !keep[i]) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    /**
     * Refuses the keep masks and POS templates {@link #rewriteRows} cannot follow, before a rewrite samples anything
     * (its {@value DiffusionLM#MASK}s are filled first): sentence by sentence, a keep mask whose length is not its
     * sentence's, a template longer than the model's {@code len} positions unless it has exactly its sentence's
     * length (that sentence is rewritten window by window, {@link #inWindows}), a kept token outside the template (a
     * kept {@value DiffusionLM#MASK} is no kept token: a mask is never kept).
     *
     * @param keep a keep mask per sentence, null keeping nothing
     * @param naming how the refusal names the sentence and token ({@link SentenceNaming})
     * @throws IllegalArgumentException naming the first sentence or token that does not fit
     */
    static void checkRewrite(List<List<String>> sentences, List<boolean[]> keep, List<Constraints> each, int len,
            SentenceNaming naming) {
        for (int s = 0; s < sentences.size(); s++) {
            List<String> tokens = sentences.get(s);
            boolean[] k = keep.get(s) == null ? new boolean[tokens.size()] : keep.get(s);
            if (k.length != tokens.size()) {
                throw new IllegalArgumentException(naming.sentence(s) + " has " + Counted.of(tokens.size(), "token",
                        "tokens") + " but its keep mask has " + k.length);
            }
            if (each.get(s).template() == null) {
                continue;
            }
            int t = each.get(s).template().size();
            if (t == tokens.size()) { // every token inside it; one longer than the model goes window by window
                continue;
            }
            Constraints.requireRewriteTemplateFits(t, len, naming.sentence(s), tokens.size());
            for (int i = t; i < k.length; i++) {
                if (k[i] && !DiffusionLM.MASK.equals(tokens.get(i))) {
                    throw new IllegalArgumentException(naming.token(s, i) + " is kept but the POS template has only "
                            + Counted.of(t, "tag", "tags"));
                }
            }
        }
    }

    /**
     * The rows of a rewrite: under a template that sets the sentence's length, one row per sentence at the template's
     * length (see {@link ModelRow#rewriteToTemplate}); else ({@link #inWindows}: no template, or one of exactly the
     * sentence's length longer than the model) the sentence window by window, each window under its part of the
     * template, leaving out windows where every token is kept. Sentence s's window from position p is sampled with
     * seed {@link SamplingOptions#windowSeed options.windowSeed(s, p)}, as a call of that window alone with that seed
     * would sample it.
     *
     * @param keep a keep mask per sentence, null keeping nothing, and the templates in {@code each}: both checked
     *     by {@link #checkRewrite} before the call samples anything
     */
    List<ModelRow> rewriteRows(List<boolean[]> keep, List<Constraints> each, SamplingOptions options) {
        List<ModelRow> rows = new ArrayList<>();
        for (int s = 0; s < given.size(); s++) {
            List<String> tokens = given.get(s); // a rewrite's windows read the words as given, all at once
            boolean[] k = keep.get(s) == null ? new boolean[tokens.size()] : keep.get(s);
            Constraints constraints = each.get(s);
            List<String> read = QuoteSpelling.asRead(tokens, vocabulary);
            if (!inWindows(tokens.size(), constraints, len)) {
                rows.add(ModelRow.rewriteToTemplate(s, tokens, read, k, constraints, vocabulary, len,
                        options.sentenceSeed(s)));
                continue;
            }
            for (int from = 0; from < tokens.size(); from += len) {
                int to = Math.min(tokens.size(), from + len);
                List<String> window = tokens.subList(from, to);
                boolean[] kw = Arrays.copyOfRange(k, from, to);
                ModelRow row = ModelRow.rewrite(s, from, window, read.subList(from, to), kw, vocabulary, len,
                        options.windowSeed(s, from));
                if (!row.allGiven()) {
                    rows.add(row.constrain(constraints, from, tokens.size(), len));
                }
            }
        }
        return rows;
    }

    /**
     * Writes the sampled rewrite rows into their sentences: a window's sampled words in place; the row of a template
     * that sets its sentence's length replaces its sentence, at the template's length, kept tokens verbatim (unknown
     * words included).
     */
    void writeRewritten(List<ModelRow> sampled, List<Constraints> each) {
        for (ModelRow row : sampled) {
            if (inWindows(given.get(row.sentence).size(), each.get(row.sentence), len)) {
                write(row, 0, Integer.MAX_VALUE);
                continue;
            }
            List<String> words = row.words(vocabulary);
            for (int i = 0; i < words.size() && i < row.tokens.size(); i++) {
                if (row.given[i]) {
                    words.set(i, row.tokens.get(i));
                }
            }
            out.set(row.sentence, words);
        }
    }

    /** The sentences with every result written so far: new, modifiable lists, the caller's own. */
    List<List<String>> sentences() {
        return out;
    }

    /** Writes the row's generated words that fall at sentence positions [from, to) into its sentence. */
    private void write(ModelRow row, int from, int to) {
        for (int i = 0; i < row.tokens.size(); i++) {
            int at = row.offset + i;
            if (!row.given[i] && at >= from && at < to) {
                out.get(row.sentence).set(at, row.wordAt(i, vocabulary));
            }
        }
    }
}
