package io.github.diffusionnlp.eval;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Infill accuracy on held-out sentences, beside a most-frequent-word baseline and, when one is
 * given, a Kneser–Ney trigram baseline ({@link TrigramBaseline}) on the same masked sentences:
 * <ul>
 *   <li>single token: one random non-punctuation token masked per sentence, exact-match accuracy; the
 *       baseline always answers the most frequent non-punctuation training word;
 *   <li>3-token span: three consecutive tokens masked, per-token exact accuracy (and whole-span
 *       exact rate); the baseline answers the most frequent training token at every position.
 * </ul>
 * Sentences of 4 to maxLength tokens are drawn with a fixed seed, so runs are comparable.
 */
public final class InfillEvaluation {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");

    /**
     * One row of the results table.
     *
     * @param standardError of {@code accuracy} over the sentences sampled (sentence by sentence: a span's words are
     *     filled together, right or wrong together more often than independent draws would be); NaN for one sentence
     */
    public record Result(String task, int steps, int sentences, int maskedTokens, double accuracy, double spanExact,
            double baseline, double outOfVocabulary, double trigram, double standardError) {
        /** This row with the trigram baseline's accuracy on the same masked sentences. */
        Result withTrigram(double trigramAccuracy) {
            return new Result(task, steps, sentences, maskedTokens, accuracy, spanExact, baseline, outOfVocabulary,
                    trigramAccuracy, standardError);
        }
    }

    /** The masked sentences of one task and the words that were masked. */
    public record Task(String name, List<List<String>> masked, List<int[]> positions, List<List<String>> sentences) {}

    private InfillEvaluation() {}

    /**
     * Both tasks on {@code count} held-out sentences at each step count, with a trigram baseline beside every
     * row ({@code trigram} null: none).
     */
    public static List<Result> run(DiffusionLM lm, List<TaggedSentence> heldOut, int count, int[] stepCounts,
            SamplingOptions base, TrigramBaseline trigram, Consumer<String> progress) {
        List<Task> tasks = tasks(heldOut, count, lm.info().config().maxLength(), base.seed());
        List<Result> results = run(lm, tasks, stepCounts, base, progress);
        if (trigram == null) {
            return results;
        }
        // The trigram's answers do not depend on the step count: one fill per task serves every row.
        Map<String, Double> trigramAccuracy = new HashMap<>();
        for (Task task : tasks) {
            List<List<String>> filled = task.masked().stream().map(trigram::infill).toList();
            trigramAccuracy.put(task.name(),
                    score(task, filled, 0, baselineWord(task, lm.vocabulary()), lm.vocabulary()).accuracy());
        }
        return results.stream().map(r -> r.withTrigram(trigramAccuracy.get(r.task()))).toList();
    }

    /**
     * The two tasks on {@code count} held-out sentences of 4..maxLength tokens drawn with {@code seed}:
     * one random non-punctuation token masked per sentence, and one random 3-token span.
     */
    static List<Task> tasks(List<TaggedSentence> heldOut, int count, int maxLength, long seed) {
        List<TaggedSentence> pool = new ArrayList<>(heldOut.stream().filter(s -> usable(s, maxLength)).toList());
        if (pool.size() < count) {
            throw new IllegalArgumentException("only " + pool.size() + " held-out sentences of 4.." + maxLength
                    + " tokens; asked for " + count);
        }
        Random random = new Random(seed);
        Collections.shuffle(pool, random);
        List<TaggedSentence> chosen = pool.subList(0, count);
        return List.of(singleToken(chosen, random), span(chosen, random, 3));
    }

    /**
     * How many of the held-out sentences the tasks can draw from (4..maxLength tokens, not all
     * punctuation): the most sentences a run can ask for, which a caller can check before any work.
     */
    public static int usableSentences(List<TaggedSentence> heldOut, int maxLength) {
        return (int) heldOut.stream().filter(s -> usable(s, maxLength)).count();
    }

    /**
     * Whether the tasks may draw {@code s}: 4 to maxLength tokens, not all punctuation. Public so that an
     * evaluator reading sentences one by one (the OpenNLP adapter's) skips the ones this evaluation skips.
     */
    public static boolean usable(TaggedSentence s, int maxLength) {
        return s.size() >= 4 && s.size() <= maxLength
                && java.util.stream.IntStream.range(0, s.size()).anyMatch(i -> maskable(s, i));
    }

    /**
     * Whether the single-token task may mask word {@code i}: not punctuation. Untagged text (plain lines)
     * has every word tagged X, so there punctuation is told by its characters; tagged text keeps its tags.
     */
    private static boolean maskable(TaggedSentence s, int i) {
        Upos tag = s.tags().get(i);
        return tag != Upos.PUNCT && !(tag == Upos.X && PUNCTUATION.matcher(s.words().get(i)).matches());
    }

    /** The most frequent word of the vocabulary: the baseline for {@code task}. */
    static String baselineWord(Task task, Vocabulary vocab) {
        if (!task.name().startsWith("single")) {
            return vocab.word(2);
        }
        for (int id = 2; id < vocab.size(); id++) {
            if (!PUNCTUATION.matcher(vocab.word(id)).matches()) {
                return vocab.word(id); // a masked single token is never punctuation
            }
        }
        return vocab.word(2);
    }

    static List<Result> run(DiffusionLM lm, List<Task> tasks, int[] stepCounts, SamplingOptions base,
            Consumer<String> progress) {
        List<Result> results = new ArrayList<>();
        int parts = stepCounts.length * tasks.size();
        // a part's sampling time grows with its step count: the ETA weighs what is left by steps
        long allSteps = (long) tasks.size() * java.util.Arrays.stream(stepCounts).asLongStream().sum();
        long stepsDone = 0;
        long runStart = System.nanoTime();
        for (int steps : stepCounts) {
            for (Task task : tasks) {
                long start = System.nanoTime();
                SamplingOptions options = base.toBuilder().steps(steps).build();
                String part = task.name() + " at " + Counted.of(steps, "step", "steps");
                List<List<String>> filled = fill(lm, task.masked(), options, part, progress);
                results.add(score(task, filled, steps, baselineWord(task, lm.vocabulary()), lm.vocabulary()));
                long now = System.nanoTime();
                double seconds = (now - start) / 1e9;
                stepsDone += steps;
                String eta = results.size() == parts ? "" : String.format(Locale.ROOT, ", ETA %.0f s",
                        (now - runStart) / 1e9 / stepsDone * (allSteps - stepsDone));
                progress.accept(String.format(Locale.ROOT, "%s (part %d/%d): %.1f s, %.1f sentences/s%s",
                        part, results.size(), parts, seconds, task.masked().size() / Math.max(seconds,
                                1e-9), eta));
            }
        }
        return results;
    }

    /**
     * {@code lm.infillAll(masked, options)}, a few batches at a time, saying every 10 s or more how far the part
     * is (a part of 1,000 sentences at 64 steps runs for minutes); sentence i keeps its seed in one call
     * ({@link SamplingOptions#startingAt}), so the words are those of one call.
     */
    static List<List<String>> fill(DiffusionLM lm, List<List<String>> masked, SamplingOptions options, String part,
            Consumer<String> progress) {
        int chunk = 4 * options.batchSize();
        long start = System.nanoTime();
        long lastLine = start;
        List<List<String>> filled = new ArrayList<>(masked.size());
        for (int from = 0; from < masked.size(); from += chunk) {
            List<List<String>> slice = masked.subList(from, Math.min(masked.size(), from + chunk));
            filled.addAll(lm.infillAll(slice, options.startingAt(from)));
            long now = System.nanoTime();
            if (now - lastLine > 10_000_000_000L && filled.size() < masked.size()) {
                lastLine = now;
                double rate = filled.size() / ((now - start) / 1e9);
                progress.accept(String.format(Locale.ROOT, "  %s: %d/%d sentences, %.1f sentences/s, ETA %.0f s", part,
                        filled.size(), masked.size(), rate, (masked.size() - filled.size()) / rate));
            }
        }
        return filled;
    }

    static Task singleToken(List<TaggedSentence> sentences, Random random) {
        List<List<String>> masked = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        for (TaggedSentence s : sentences) {
            int p = maskedPosition(s, random);
            positions.add(new int[] {p});
            masked.add(mask(s.words(), p, 1));
        }
        return new Task("single token", masked, positions, sentences.stream().map(TaggedSentence::words).toList());
    }

    /**
     * The word the single-token task masks in {@code s}: a non-punctuation word drawn with {@code random}
     * (one {@code nextInt}). Public so that other evaluators mask by this rule rather than a second one.
     */
    public static int maskedPosition(TaggedSentence s, Random random) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (maskable(s, i)) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("every word is punctuation, nothing to mask: " + s.words());
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** The first word the span task masks in {@code s}, {@code width} words long, drawn with {@code random}. */
    public static int spanStart(TaggedSentence s, int width, Random random) {
        if (s.size() < width) {
            throw new IllegalArgumentException("a " + width + "-token span needs " + width + " words, got "
                    + s.words());
        }
        return random.nextInt(s.size() - width + 1);
    }

    static Task span(List<TaggedSentence> sentences, Random random, int width) {
        List<List<String>> masked = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        for (TaggedSentence s : sentences) {
            int start = spanStart(s, width, random);
            int[] p = new int[width];
            for (int i = 0; i < width; i++) {
                p[i] = start + i;
            }
            positions.add(p);
            masked.add(mask(s.words(), start, width));
        }
        return new Task(width + "-token span", masked, positions,
                sentences.stream().map(TaggedSentence::words).toList());
    }

    private static List<String> mask(List<String> words, int start, int width) {
        List<String> out = new ArrayList<>(words);
        for (int i = start; i < start + width; i++) {
            out.set(i, DiffusionLM.MASK);
        }
        return out;
    }

    static Result score(Task task, List<List<String>> filled, int steps, String baselineWord, Vocabulary vocab) {
        int tokens = 0;
        int right = 0;
        int baseline = 0;
        int spansExact = 0;
        int oov = 0;
        int[] rightIn = new int[filled.size()];
        for (int s = 0; s < filled.size(); s++) {
            boolean all = true;
            for (int p : task.positions().get(s)) {
                // in NFC, as the model reads words: a held-out word in NFD is the word the model writes in NFC
                String truth = Vocabulary.normalized(task.sentences().get(s).get(p));
                tokens++;
                boolean ok = truth.equals(Vocabulary.normalized(filled.get(s).get(p)));
                right += ok ? 1 : 0;
                rightIn[s] += ok ? 1 : 0;
                all &= ok;
                baseline += truth.equals(baselineWord) ? 1 : 0;
                oov += vocab.contains(truth) ? 0 : 1;
            }
            spansExact += all ? 1 : 0;
        }
        double accuracy = (double) right / tokens;
        return new Result(task.name(), steps, filled.size(), tokens, accuracy, (double) spansExact / filled.size(),
                (double) baseline / tokens, (double) oov / tokens, Double.NaN,
                standardError(rightIn, task.positions(), accuracy, tokens));
    }

    /**
     * The standard error of the ratio {@code accuracy} = Σ right / Σ masked over the sentences as the units drawn:
     * √(Σ (right_s − accuracy · masked_s)² / (n (n − 1))) / mean masked_s. For one word a sentence it is the binomial
     * √(p (1 − p) / (n − 1)) (n − 1: the sample's own variance).
     */
    private static double standardError(int[] rightIn, List<int[]> positions, double accuracy, int tokens) {
        int n = rightIn.length;
        if (n < 2) {
            return Double.NaN;
        }
        double squares = 0;
        for (int s = 0; s < n; s++) {
            double residual = rightIn[s] - accuracy * positions.get(s).length;
            squares += residual * residual;
        }
        return Math.sqrt(squares / ((double) n * (n - 1))) / ((double) tokens / n);
    }

    /** The results as a Markdown table. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| task | steps | sentences | model accuracy | standard error | whole span exact | most-frequent-word"
                + " baseline | trigram (Kneser–Ney) baseline | masked words out of vocabulary |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %s | %s | %.1f%% | %s | %.1f%% |%n",
                    r.task(), r.steps(), r.sentences(), 100 * r.accuracy(), Double.isNaN(r.standardError()) ? "—"
                            : String.format(Locale.ROOT, "%.1f points", 100 * r.standardError()),
                    r.task().startsWith("single") ? "—"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * r.spanExact()),
                    100 * r.baseline(), Double.isNaN(r.trigram()) ? "—"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * r.trigram()),
                    100 * r.outOfVocabulary()));
        }
        return sb.toString();
    }
}
