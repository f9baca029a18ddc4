package io.github.diffusionnlp.eval;

import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Single-word infill with a second reader: the diffusion model's {@link #CANDIDATES} likeliest words at the mask
 * ({@link DiffusionLM#suggest}, one pass) re-ranked by the autoregressive model's likelihood of the whole sentence
 * holding each, which reads the words after the mask too. A yardstick for the infill bar: how far a causal model of
 * the same size, vocabulary and data gets when it reads both sides, alone and summed with the diffusion model's
 * log-probability; and how often the right word is among the candidates at all, the most any re-ranking can reach.
 */
public final class RescoredInfill {
    /** The diffusion model's likeliest words per mask that the autoregressive model chooses among. */
    public static final int CANDIDATES = 20;

    private RescoredInfill() {}

    /**
     * Fails unless {@code ar} can score what {@code lm} suggests: the same words with the same ids (a candidate it
     * lacks would be read as [UNK], scored alike with every other it lacks, and the figures would be off without a
     * word) and room for the longest sentence {@link #run} masks. For a caller to check before it samples anything.
     *
     * @param arName what the message calls the autoregressive model (its directory)
     */
    public static void requireReadable(DiffusionLM lm, AutoregressiveLM ar, String arName) {
        if (!ar.vocabulary().sameWordsAs(lm.vocabulary())) {
            throw new IllegalArgumentException("the autoregressive model " + Visible.of(arName)
                    + " has another vocabulary (" + ar.vocabulary().size() + " lines) than the diffusion model "
                    + Visible.of(lm.info().directory()) + " (" + lm.vocabulary().size() + "): it would read the"
                    + " suggested words it lacks as [UNK]; train it with `train-ar --vocab-from "
                    + ShellQuoted.of(Visible.of(lm.info().directory())) + "`");
        }
        int length = lm.info().config().maxLength();
        if (ar.config().maxLength() < length) {
            throw new IllegalArgumentException("the autoregressive model " + Visible.of(arName) + " reads sentences"
                    + " of at most " + ar.config().maxLength() + " tokens, and the held-out sentences run to the"
                    + " diffusion model's " + length + ": train it with `train-ar --length " + length + "` or more");
        }
    }

    /**
     * The four rows on evaluation's single-token task ({@code count} sentences drawn with {@code seed}, as {@link
     * InfillEvaluation#run} draws them): diffusion's first suggestion, the autoregressive model's choice among the
     * candidates, the choice by the sum of both models' log-probabilities, and the right word among the candidates.
     *
     * @param options their n-gram fusion weight ranks diffusion's candidates ({@link DiffusionLM#suggest(List,
     *     Constraints, SamplingOptions, int)}): the rows then read three models, the network, the trigram and the
     *     autoregressive one; their seed draws the sentences
     * @param trigram the trigram baseline's accuracy on the same task, shown beside each row (NaN: none)
     */
    public static List<InfillEvaluation.Result> run(DiffusionLM lm, AutoregressiveLM ar, List<TaggedSentence> heldOut,
            int count, SamplingOptions options, double trigram, Consumer<String> progress) {
        long seed = options.seed();
        InfillEvaluation.Task task = InfillEvaluation.tasks(heldOut, count, lm.info().config().maxLength(), seed)
                .get(0);
        Vocabulary vocab = lm.vocabulary();
        List<List<String>> first = new ArrayList<>();
        List<List<String>> byAr = new ArrayList<>();
        List<List<String>> bySum = new ArrayList<>();
        List<List<String>> amongThem = new ArrayList<>();
        long start = System.nanoTime();
        long lastLine = start;
        for (int s = 0; s < task.masked().size(); s++) {
            List<String> masked = task.masked().get(s);
            int p = task.positions().get(s)[0];
            List<Suggestion> candidates = lm.suggest(masked, Constraints.none(), options, CANDIDATES).get(0);
            List<List<String>> filled = new ArrayList<>();
            for (Suggestion c : candidates) {
                List<String> sentence = new ArrayList<>(masked);
                sentence.set(p, c.word());
                filled.add(sentence);
            }
            List<AutoregressiveLM.Score> scores = ar.score(filled);
            int arBest = 0;
            int sumBest = 0;
            for (int c = 1; c < filled.size(); c++) {
                if (scores.get(c).nll() < scores.get(arBest).nll()) {
                    arBest = c;
                }
                if (sum(candidates.get(c), scores.get(c)) > sum(candidates.get(sumBest), scores.get(sumBest))) {
                    sumBest = c;
                }
            }
            first.add(filled.get(0));
            byAr.add(filled.get(arBest));
            bySum.add(filled.get(sumBest));
            String truth = Vocabulary.normalized(task.sentences().get(s).get(p));
            amongThem.add(filled.stream().filter(f -> f.get(p).equals(truth)).findFirst().orElse(filled.get(0)));
            long now = System.nanoTime();
            if (now - lastLine > 10_000_000_000L && s + 1 < task.masked().size()) {
                lastLine = now;
                double rate = (s + 1) / ((now - start) / 1e9);
                progress.accept(String.format(Locale.ROOT, "  re-ranked by the autoregressive model: %d/%d sentences,"
                        + " %.1f sentences/s, ETA %.0f s", s + 1, task.masked().size(), rate,
                        (task.masked().size() - s - 1) / rate));
            }
        }
        String baseline = InfillEvaluation.baselineWord(task, vocab);
        String diffusion = options.ngramWeight() > 0 ? "diffusion's (n-gram fused)" : "diffusion's";
        String of = " of " + diffusion + " " + CANDIDATES;
        return List.of(
                row(task, "single token, one pass: " + diffusion + " first", first, baseline, vocab, trigram),
                row(task, "single token, one pass: the autoregressive model's choice" + of, byAr, baseline, vocab,
                        trigram),
                row(task, "single token, one pass: both models' choice" + of, bySum, baseline, vocab, trigram),
                row(task, "single token, one pass: the right word among" + of.substring(3), amongThem, baseline,
                        vocab, trigram));
    }

    /** log p_diffusion(word at the mask) + log p_autoregressive(the sentence holding it). */
    private static double sum(Suggestion c, AutoregressiveLM.Score score) {
        return Math.log(c.probability()) - score.nll();
    }

    private static InfillEvaluation.Result row(InfillEvaluation.Task task, String name, List<List<String>> filled,
            String baseline, Vocabulary vocab, double trigram) {
        InfillEvaluation.Result r = InfillEvaluation.score(task, filled, 1, baseline, vocab);
        return new InfillEvaluation.Result(name, r.steps(), r.sentences(), r.maskedTokens(), r.accuracy(),
                r.spanExact(), r.baseline(), r.outOfVocabulary(), trigram, r.standardError());
    }
}
