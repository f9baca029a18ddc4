package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.eval.InfillEvaluation;
import io.github.diffusionnlp.model.KneserNeyTrigram;
import io.github.diffusionnlp.model.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (off unless {@code -Dexperiment.arRerank=true}): single-word infill on the sentences
 * {@code evaluate} draws (same seed, same masked word), with the shipped diffusion network's K likeliest words at
 * the gap reranked by log p_network (+ 0.7 · log p_trigram for the fused source) + λ · log p_AR(filled sentence),
 * the shipped autoregressive model {@code brown-ar} scoring each whole filled sentence (words after the gap too).
 * The candidates are those n-gram fusion chooses among at the last step ({@link Sampler.LastStepCandidates}),
 * from one step, 16 greedy steps, or 16 steps fused with the training split's trigram at W = 0.7.
 *
 * <pre>
 * mvn -B -o -q -pl core -am test -Dtest=ArRerankingExperiment -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dexperiment.arRerank=true [-Dexperiment.split=dev|heldout] [-Dexperiment.sentences=400] \
 *     [-Dexperiment.sources=1,16,16fused] [-Dexperiment.k=10,20,50]
 * </pre>
 *
 * The table is printed and written to core/target/experiments/ar-reranking-SPLIT-N.md.
 */
@EnabledIfSystemProperty(named = "experiment.arRerank", matches = "true")
class ArRerankingExperiment {
    /** Fusion's weight as the README's 20.8% was measured with. */
    private static final double NGRAM_WEIGHT = 0.7;
    /** The weights of the autoregressive model's log-likelihood tried; infinity: that likelihood alone. */
    private static final double[] LAMBDAS = {0, 0.3, 0.5, 1, 2, Double.POSITIVE_INFINITY};
    private static final int BATCH = 128;

    /** One sentence's last-step candidates (best first) and what the sampler wrote at the gap. */
    private record Gap(float[] logProb, long[] ids, int chosen) {}

    @Test
    void rerankByAutoregressiveModel() throws Exception {
        String split = System.getProperty("experiment.split", "dev");
        int count = Integer.getInteger("experiment.sentences", 400);
        List<String> sources = List.of(System.getProperty("experiment.sources", "1,16,16fused").split(","));
        int[] ks = Arrays.stream(System.getProperty("experiment.k", "10,20,50").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int maxK = Arrays.stream(ks).max().orElseThrow();

        StringBuilder report = new StringBuilder();
        long arScored = 0;
        double arSeconds = 0;
        try (NDManager manager = NDManager.newBaseManager();
                AutoregressiveLM ar = AutoregressiveLM.load(TestModels.root().resolve("test-data/models/brown-ar"),
                        null)) {
            ModelCheckpoint.Loaded model = ModelCheckpoint.load(TestModels.shippedModel(), manager);
            Vocabulary vocab = model.vocabulary();
            int len = model.network().config().maxLength();
            List<TaggedSentence> sentences = TaggedCorpus.read(
                    TestModels.root().resolve("test-data/brown/" + split + ".conllu.gz"));
            InfillEvaluation.Task task = InfillEvaluation.tasks(sentences, count, len, 0).get(0);
            KneserNeyTrigram trigram = KneserNeyTrigram.count(vocab,
                    TaggedCorpus.read(TestModels.root().resolve("test-data/brown/train.conllu.gz")));
            Sampler sampler = new Sampler(model.network(), model.warp(), manager, null);
            Map<List<String>, Double> arLogLikelihood = new HashMap<>();

            report.append(String.format(Locale.ROOT, "%s split, %d sentences, seed 0; score = log p_net"
                    + " (+ %.1f log p_trigram when fused) + λ · log p_AR%n%n", split, count, NGRAM_WEIGHT));
            report.append("| candidates from | K | true word among K | as sampled | λ = 0 | 0.3 | 0.5 | 1 | 2 | AR alone"
                    + " | sampling s/sentence | sentences AR-scored anew | their AR s/sentence |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String source : sources) {
                boolean fused = source.endsWith("fused");
                int steps = Integer.parseInt(source.replace("fused", ""));
                Schedule schedule = new Schedule(steps, 0.0, 1.0, 1.0, null, null, 1.0,
                        fused ? new NgramFusion(trigram, NGRAM_WEIGHT) : null);
                long start = System.nanoTime();
                List<Gap> gaps = lastStepCandidates(sampler, schedule, task, vocab, len);
                double samplingSeconds = (System.nanoTime() - start) / 1e9;
                for (int k : ks) {
                    long arStart = System.nanoTime();
                    int scored = scoreCandidates(ar, task, gaps, k, vocab, arLogLikelihood);
                    double rowSeconds = (System.nanoTime() - arStart) / 1e9;
                    arScored += scored;
                    arSeconds += rowSeconds;
                    report.append(row(source, k, task, gaps, vocab, trigram, fused, arLogLikelihood,
                            samplingSeconds / count))
                            .append(String.format(Locale.ROOT, " %d | %.3f |%n", scored, rowSeconds / count));
                }
            }
        }
        // Sentences already scored (by a smaller K, or another source) are not scored again, so a row's own
        // autoregressive cost is K times the rate below, measured over every sentence scored.
        report.append(String.format(Locale.ROOT, "%nautoregressive scoring: %d filled sentences in %.1f s, %.2f ms"
                + " each%n", arScored, arSeconds, 1000 * arSeconds / Math.max(1, arScored)));
        System.out.println(report);
        Path out = Path.of("target/experiments/ar-reranking-" + split + "-" + count + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** Each masked sentence's last-step candidates at its gap, sampled as {@code evaluate} samples it. */
    private static List<Gap> lastStepCandidates(Sampler sampler, Schedule schedule, InfillEvaluation.Task task,
            Vocabulary vocab, int len) {
        List<Gap> gaps = new ArrayList<>();
        for (int from = 0; from < task.masked().size(); from += BATCH) {
            int n = Math.min(BATCH, task.masked().size() - from);
            int[][] ids = new int[n][len];
            boolean[][] given = new boolean[n][len];
            long[] seeds = new long[n];
            for (int b = 0; b < n; b++) {
                List<String> words = task.masked().get(from + b);
                Arrays.fill(given[b], true); // the padding after the sentence is given: the length is known
                for (int i = 0; i < words.size(); i++) {
                    given[b][i] = !Vocabulary.MASK.equals(words.get(i));
                    ids[b][i] = given[b][i] ? vocab.id(words.get(i)) : Vocabulary.PAD_ID;
                }
                seeds[b] = from + b; // evaluate's: seed 0 + the sentence's index
            }
            Gap[] batch = new Gap[n];
            float[][] logProb = new float[n][];
            long[][] cand = new long[n][];
            int[][] out = sampler.sampleShowingLastStepCandidates(
                    SampleRows.unconditioned(ids, given, new boolean[n][len], seeds), schedule, last -> {
                        logProb[last.row()] = last.logProb();
                        cand[last.row()] = last.ids();
                    });
            for (int b = 0; b < n; b++) {
                batch[b] = new Gap(logProb[b], cand[b], out[b][task.positions().get(from + b)[0]]);
            }
            gaps.addAll(Arrays.asList(batch));
        }
        return gaps;
    }

    /**
     * Scores with the autoregressive model every sentence filled with one of the first {@code k} candidates
     * that is not scored yet; returns how many it scored.
     */
    private static int scoreCandidates(AutoregressiveLM ar, InfillEvaluation.Task task, List<Gap> gaps, int k,
            Vocabulary vocab, Map<List<String>, Double> arLogLikelihood) {
        List<List<String>> todo = new ArrayList<>();
        for (int s = 0; s < gaps.size(); s++) {
            for (int c = 0; c < k; c++) {
                List<String> filled = filled(task, s, gaps.get(s), c, vocab);
                if (filled != null && !arLogLikelihood.containsKey(filled)) {
                    arLogLikelihood.put(filled, Double.NaN);
                    todo.add(filled);
                }
            }
        }
        List<AutoregressiveLM.Score> scores = ar.score(todo);
        for (int i = 0; i < todo.size(); i++) {
            arLogLikelihood.put(todo.get(i), -scores.get(i).nll());
        }
        return todo.size();
    }

    /** Sentence s with its gap filled by candidate c, or null for a banned candidate ([PAD], [UNK]). */
    private static List<String> filled(InfillEvaluation.Task task, int s, Gap gap, int c, Vocabulary vocab) {
        if (gap.logProb()[c] == Float.NEGATIVE_INFINITY || gap.ids()[c] <= Vocabulary.UNK_ID) {
            return null;
        }
        List<String> words = new ArrayList<>(task.sentences().get(s));
        words.set(task.positions().get(s)[0], vocab.word((int) gap.ids()[c]));
        return words;
    }

    private static String row(String source, int k, InfillEvaluation.Task task, List<Gap> gaps, Vocabulary vocab,
            KneserNeyTrigram trigram, boolean fused, Map<List<String>, Double> arLogLikelihood, double secondsEach) {
        int among = 0;
        int asSampled = 0;
        int[] right = new int[LAMBDAS.length];
        for (int s = 0; s < gaps.size(); s++) {
            Gap gap = gaps.get(s);
            int position = task.positions().get(s)[0];
            String truth = task.sentences().get(s).get(position);
            asSampled += truth.equals(vocab.word(gap.chosen())) ? 1 : 0;
            double[] best = new double[LAMBDAS.length];
            String[] bestWord = new String[LAMBDAS.length];
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            int[] read = fused ? trigramRow(task.sentences().get(s), vocab, trigram) : null;
            for (int c = 0; c < k; c++) {
                List<String> filled = filled(task, s, gap, c, vocab);
                if (filled == null) {
                    continue;
                }
                String word = filled.get(position);
                among += word.equals(truth) ? 1 : 0;
                double base = gap.logProb()[c];
                if (fused) {
                    read[position + 2] = (int) gap.ids()[c];
                    base += NGRAM_WEIGHT * trigram.logScore(read, position + 2);
                }
                double ar = arLogLikelihood.get(filled);
                for (int l = 0; l < LAMBDAS.length; l++) {
                    double score = Double.isInfinite(LAMBDAS[l]) ? ar : base + LAMBDAS[l] * ar;
                    if (score > best[l]) {
                        best[l] = score;
                        bestWord[l] = word;
                    }
                }
            }
            for (int l = 0; l < LAMBDAS.length; l++) {
                right[l] += truth.equals(bestWord[l]) ? 1 : 0;
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% |",
                source.endsWith("fused") ? source.replace("fused", " steps, fused") : source + " step(s)", k,
                100.0 * among / gaps.size(), 100.0 * asSampled / gaps.size()));
        for (int r : right) {
            sb.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * r / gaps.size()));
        }
        return sb.append(String.format(Locale.ROOT, " %.3f |", secondsEach)).toString();
    }

    /** The sentence as the trigram reads it: two starts, its words' ids, the end (as NgramFusion reads a row). */
    private static int[] trigramRow(List<String> words, Vocabulary vocab, KneserNeyTrigram trigram) {
        int[] read = new int[words.size() + 3];
        read[0] = trigram.bos();
        read[1] = trigram.bos();
        for (int i = 0; i < words.size(); i++) {
            read[i + 2] = vocab.id(words.get(i));
        }
        read[words.size() + 2] = trigram.eos();
        return read;
    }
}
