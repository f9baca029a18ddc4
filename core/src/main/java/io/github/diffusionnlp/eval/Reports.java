package io.github.diffusionnlp.eval;

import io.github.diffusionnlp.ar.ArConfig;
import io.github.diffusionnlp.bench.SpeedBenchmark;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.Listed;
import io.github.diffusionnlp.eval.ArComparison.Infill;
import io.github.diffusionnlp.eval.ArComparison.Quality;
import io.github.diffusionnlp.eval.ArComparison.Results;
import io.github.diffusionnlp.eval.ArComparison.Speed;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Numbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The comparison's results as Markdown, written from the measured figures alone. */
final class Reports {
    private Reports() {}

    static String describe(Quality q) {
        return String.format(Locale.ROOT, "AR-NLL %.3f, entropy %.2f bits, repetition %.1f%%, mean length %.1f",
                q.arNll(), q.entropyBits(), 100 * q.repetition(), q.meanLength());
    }

    /** The diffusion network in words, with its feed-forward width, which the matched baseline changes. */
    static String shape(ModelConfig c) {
        return c.describe() + ", feed-forward " + c.ffnMultiplier() + "× width";
    }

    /** The autoregressive network in the same words. */
    static String shape(ArConfig c) {
        return c.describe() + ", feed-forward " + c.ffnMultiplier() + "× width";
    }

    /** Numbers as a reader writes them: "0.8, 0.9 and 1", not Java's "[0.8, 0.9, 1.0]". */
    static String numbers(double[] values) {
        return Listed.of(Arrays.stream(values).mapToObj(Numbers::written).toList());
    }

    /** Cores, memory, CPU model, Java and OS of this machine. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).map(l ->
                    l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU model stays unknown
        }
        return String.format(Locale.ROOT, "%s, %d cores visible to the JVM, %.1f GiB JVM heap limit, Java %s, %s %s",
                cpu, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / Math.pow(1024, 3),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * {@code text} as Markdown inline code: fenced by one backtick more than its longest run of them, and padded by a
     * space where that is more than one (CommonMark), so that a backtick in it (a quoted path's) does not end it.
     */
    static String codeSpan(String text) {
        int longest = 0;
        for (java.util.regex.Matcher m = java.util.regex.Pattern.compile("`+").matcher(text); m.find(); ) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(longest + 1);
        return longest == 0 ? fence + text + fence : fence + " " + text + " " + fence;
    }

    static String markdown(Results r, String command) {
        StringBuilder sb = new StringBuilder();
        ArComparison.Fairness f = r.fairness();
        sb.append(String.format(Locale.ROOT, "Command: %s (%s, %.0f s). Machine: %s; float32 matrix-multiply"
                + " ceiling, the best of the run's readings (at the start and beside each diffusion speed figure):"
                + " %.1f GFLOP/s.%n%n", codeSpan(command), r.settings().mode(),
                r.seconds(),
                r.machine(), r.matmulGflops()));

        sb.append("**The two models.**\n\n| | diffusion (CDCD) | autoregressive |\n|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| shape | %s | %s |%n", f.diffusionShape(), f.arShape()));
        sb.append(String.format(Locale.ROOT, "| parameters | %,d | %,d (%+.1f%%) |%n", f.diffusionParameters(),
                f.arParameters(), 100.0 * (f.arParameters() - f.diffusionParameters()) / f.diffusionParameters()));
        sb.append(String.format(Locale.ROOT, "| vocabulary | %,d words | the same list: %s |%n", f.vocabSize(),
                f.sameVocabulary() ? "yes" : "NO"));
        sb.append(String.format(Locale.ROOT, "| training | %s | %s |%n%n", training(f.diffusionTraining()),
                training(f.arTraining())));

        sb.append(String.format(Locale.ROOT, "**Free generation** (%d samples each; AR-NLL: nats per token, words and"
                + " the sentence end, under the autoregressive model; unigram entropy: over all the row's tokens, a"
                + " figure that grows with their number, so rows of different lengths do not compare by it; its vs"
                + " held-out: the row's entropy and held-out text's at the same number of tokens, the smaller of the"
                + " two counts, the longer side cut to its first tokens in sentence order).%n%n",
                r.settings().samples()));
        sb.append("| system | setting | AR-NLL | vs held-out | unigram entropy (bits) | vs held-out | repetition | mean"
                + " length |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        Quality ref = r.reference();
        sb.append(row(ref, ref));
        for (Quality q : r.quality()) {
            sb.append(row(q, ref));
        }
        Quality best = r.quality().stream()
                .filter(q -> q.system().startsWith("diffusion") && !ArComparison.isSweep(q))
                .min(java.util.Comparator.comparingDouble(Quality::arNll)).orElseThrow();
        sb.append(String.format(Locale.ROOT, "%nBest diffusion setting: %s, AR-NLL %+.1f%% against held-out text"
                + " (bar: within 15%%), unigram entropy %+.1f%% (bar: within 5%%). The tuned autoregressive temperature"
                + " is the lowest of %s whose samples keep their entropy within 5%% of held-out text's at the same"
                + " number of tokens (on other seeds)%s; diffusion's x̂₀ temperature (the softmax temperature of each"
                + " step's estimate of the words) is tuned the same way%s.%n%n",
                best.setting(), pct(best.arNll(), ref.arNll()), best.entropyVsHeldOut().percent(),
                numbers(r.settings().temperatures()),
                r.tunedTemperature() == 1.0 ? ": none was, so only T = 1 is shown" : "",
                r.tunedX0Temperature() == 1.0 ? ": none was, so only x̂₀ T = 1 is shown" : ""));

        sb.append(String.format(Locale.ROOT, "**Span infilling** (%d held-out sentences, one 3-token span masked in"
                + " each; diffusion at temperature 0).%n%n", r.infill().get(0).sentences()));
        sb.append("| system | steps | token accuracy | whole span exact | most-frequent-word baseline"
                + " |\n|---|---:|---:|---:|---:|\n");
        for (Infill i : r.infill()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% | %.1f%% | %.1f%% |%n", i.system(),
                    i.steps() == 0 ? "—" : String.valueOf(i.steps()), 100 * i.tokenAccuracy(), 100 * i.spanExact(),
                    100 * i.baseline()));
        }

        sb.append(String.format(Locale.ROOT, "%n**Speed** (wall time to write sequences of 64 tokens; at batch 1 the"
                + " median of %d runs for diffusion and of %d for the autoregressive model, one run at batch 32;"
                + " ratio = this row's time over the KV-cached autoregressive model's at the same batch).%n%n",
                SpeedBenchmark.SINGLE_SEQUENCE_RUNS,
                ArComparison.AR_SINGLE_SEQUENCE_RUNS));
        sb.append("| system | batch | steps | seconds | ratio to AR + KV cache | GFLOP/s | share of matmul"
                + " ceiling |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Speed s : r.speed()) {
            double arSeconds = r.speed().stream().filter(x -> x.system().equals("autoregressive, KV cache")
                    && x.batch() == s.batch()).findFirst().orElseThrow().seconds();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f | %.2f× | %.1f | %.0f%% |%n", s.system(),
                    s.batch(), s.steps() == 0 ? "—" : String.valueOf(s.steps()), s.seconds(), s.seconds() / arSeconds,
                    s.gflopsPerSecond(), 100 * s.gflopsPerSecond() / r.matmulGflops()));
        }
        sb.append("\nBreak-even (diffusion as fast as the KV-cached autoregressive model, from a straight line through"
                + " diffusion's time against steps):");
        for (int i = 0; i < r.breakEvenSteps().length; i++) {
            sb.append(String.format(Locale.ROOT, " batch %d: %s%s", r.settings().speedBatches()[i],
                    breakEven(r.breakEvenSteps()[i]), i + 1 < r.breakEvenSteps().length ? ";" : "."));
        }
        sb.append("\n\n![quality against steps](quality.png)\n![infill against steps](infill.png)\n"
                + "![time against steps](time.png)\n![learned time warping](warp.png)\n");
        return sb.toString();
    }

    /**
     * A break-even step count in words: one step count timed (`--step-counts 32`) leaves no line to fit,
     * and a line that crosses below zero steps means diffusion was slower at every step count.
     */
    static String breakEven(double steps) {
        if (Double.isNaN(steps)) {
            return "no line to fit (diffusion timed at one step count; give --step-counts two or more)";
        }
        if (Double.isInfinite(steps)) {
            return "none (diffusion's time did not change with its steps)";
        }
        if (steps < 0) {
            return "none (diffusion slower at every step count)";
        }
        return String.format(Locale.ROOT, "%.1f steps", steps);
    }

    private static String training(TrainingInfo t) {
        return t == null ? "?"
                : String.format(Locale.ROOT, "%s, %,d steps × %d rows, lr %.0e, seed %d, %.2f h, dev loss"
                + " %.3f", t.corpus(), t.step(), t.batchSize(), t.learningRate(), t.seed(), t.wallSeconds() / 3600,
                t.devLoss());
    }

    private static String row(Quality q, Quality ref) {
        boolean isRef = q == ref;
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %.2f | %s | %.1f%% | %.1f |%n", q.system(),
                q.setting(),
                q.arNll(), isRef ? "—" : String.format(Locale.ROOT, "%+.1f%%", pct(q.arNll(), ref.arNll())),
                q.entropyBits(),
                isRef ? "—" : String.format(Locale.ROOT, "%+.1f%%", q.entropyVsHeldOut().percent()),
                100 * q.repetition(), q.meanLength());
    }

    private static double pct(double value, double reference) {
        return 100 * (value - reference) / reference;
    }


}
