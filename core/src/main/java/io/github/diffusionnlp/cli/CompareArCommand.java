package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.eval.ArComparison;
import io.github.diffusionnlp.model.LengthPrior;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compare-ar", mixinStandardHelpOptions = true,
        description = {"Diffusion against the autoregressive baseline in one run: generation quality (NLL under the"
            + " autoregressive model, entropy, repetition) and span infilling against diffusion steps, and the time"
            + " both take to write 64-token sequences with the break-even step count. Writes report.md,"
            + " results.json, quality.png, infill.png, time.png and warp.png into --out.",
            "The full mode (default: 500 samples at 8..256 steps) takes over an hour on 2 cores, nearly all of it"
            + " diffusion sampling; samples are kept in --out/samples, so a stopped run resumes. --quick: about 10"
            + " minutes (11 measured with the 2 cores shared)."})
final class CompareArCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "diffusion model (default: the shipped brown-cdcd)")
    Path model;

    @Option(names = "--ar-model", paramLabel = "DIR",
            description = "autoregressive model (default: the shipped brown-ar)")
    Path arModel;

    private static final String DEFAULT_HELDOUT = "test-data/brown/heldout.conllu.gz";
    private static final String DEFAULT_OUT = "results/ar-comparison";

    @Option(names = "--heldout", paramLabel = "FILE", defaultValue = DEFAULT_HELDOUT,
            description = "held-out sentences, in any layout train reads (default: ${DEFAULT-VALUE}, from the"
                    + " working directory or the model directory's parents; see --layout)")
    Path heldout;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --heldout

    @Option(names = "--out", paramLabel = "DIR",
            defaultValue = DEFAULT_OUT, description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--quick", description = "the reduced mode: 100 samples, 8, 16 and 32 steps, 100 infill sentences")
    boolean quick;

    @Option(names = "--samples", paramLabel = "N", description = "samples per setting (overrides the mode's)")
    Integer samples;

    @Option(names = "--step-counts", paramLabel = "N",
            split = ",", description = "diffusion step counts (overrides the mode's)")
    int[] stepCounts;

    @Option(names = "--infill-sentences", paramLabel = "N",
            description = "held-out sentences for span infilling (overrides the mode's)")
    Integer infillSentences;

    private static final long DEFAULT_SEED = 1;
    private static final String DEFAULT_DEVICE = "cpu";

    @Option(names = "--seed", paramLabel = "N",
            defaultValue = "" + DEFAULT_SEED, description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--x0-temperatures", split = ",", paramLabel = "TAU",
            description = "also sample diffusion at these x̂₀ temperatures (at the step count the x̂₀ temperature"
                    + " is tuned at: the mode's most up to 32), one row each, e.g. 0.9,0.7,0.5,0")
    double[] x0Sweep = new double[0];

    @Option(names = "--ngram-weights", split = ",", paramLabel = "W",
            description = "also sample diffusion with n-gram fusion at these weights (a trigram counted from the"
                    + " model's training corpus; at the step count of the x̂₀ rows), one row each, e.g. 0.1,0.3")
    double[] ngramSweep = new double[0];

    @Option(names = "--draw-length", description = "also sample diffusion with each sentence's length drawn from the"
            + " model's training rows (generate's default; at the step count of the x̂₀ rows), one row; the other"
            + " diffusion rows let the model choose, as the recorded comparison was sampled")
    boolean drawLength;

    @Option(names = "--device", paramLabel = "D", defaultValue = DEFAULT_DEVICE,
            description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws Exception {
        ArComparison.Settings s = quick ? ArComparison.Settings.quick() : ArComparison.Settings.full();
        int[] steps = stepCounts != null ? stepCounts : s.stepCounts();
        boolean overridden = samples != null || stepCounts != null || infillSentences != null;
        String mode = s.mode() + (overridden ? " mode, overridden" : " mode");
        s = new ArComparison.Settings(mode, samples != null ? samples : s.samples(), steps,
                infillSentences != null ? infillSentences : s.infillSentences(),
                stepCounts != null ? steps : s.speedSteps(),
                s.speedBatches(), s.temperatures(), seed, x0Sweep, ngramSweep, drawLength);
        if (drawLength) { // before either model loads, as the other settings are checked
            Path dir = model != null ? model : DefaultModel.locate();
            TrainingInfo training = ModelCheckpoint.readModelHeader(dir).training();
            if (training == null || training.rowLengths() == null) {
                throw new IllegalArgumentException(LengthPrior.notRecorded("--draw-length", dir.toString(),
                        ", or leave --draw-length out"));
            }
        }
        String command = rerunCommand();
        Path heldOutFile = RepositoryFiles.locate(heldout, model, "--heldout", "the held-out sentences");
        try (DiffusionLM diffusion = DiffusionLM.builder().optModel(model).optDevice(Devices.parse(device)).build();
                AutoregressiveLM ar = AutoregressiveLM.load(arModel, Devices.parse(device))) {
            ArComparison comparison = new ArComparison(diffusion, ar,
                    reading.readFor(heldOutFile, diffusion.info().training()), s, out,
                    line -> System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " "
                            + Visible.inMessage(line))); // "reusing FILE" names a file under --out
            ArComparison.Results results = comparison.run();
            comparison.write(results, command);
            System.out.printf(Locale.ROOT, "wrote %s (report.md, results.json, 4 plots) in %.0f s%n",
                    Visible.of(out.toString()), results.seconds());
        }
        return 0;
    }

    /**
     * The command line that reruns this comparison, which the report records: every option given a value other
     * than its default, its paths and device quoted for a POSIX shell where they need it ({@link #shell}).
     */
    String rerunCommand() {
        return "java -jar core/target/diffusion-nlp.jar compare-ar" + (quick ? " --quick" : "")
                + (model != null ? " --model " + shell(model) : "")
                + (arModel != null ? " --ar-model " + shell(arModel) : "")
                + (heldout.toString().equals(DEFAULT_HELDOUT) ? "" : " --heldout " + shell(heldout))
                + (reading.layout != null ? " --layout " + reading.layout : "")
                + (reading.multiword != null ? " --multiword " + reading.multiword : "")
                + (out.toString().equals(DEFAULT_OUT) ? "" : " --out " + shell(out))
                + (samples != null ? " --samples " + samples : "")
                + (stepCounts != null ? " --step-counts " + joined(stepCounts) : "")
                + (infillSentences != null ? " --infill-sentences " + infillSentences : "")
                + (x0Sweep.length > 0 ? " --x0-temperatures " + joined(java.util.Arrays.stream(x0Sweep).boxed()) : "")
                + (ngramSweep.length > 0
                        ? " --ngram-weights " + joined(java.util.Arrays.stream(ngramSweep).boxed()) : "")
                + (drawLength ? " --draw-length" : "")
                + (seed != DEFAULT_SEED ? " --seed " + seed : "")
                + (device.equals(DEFAULT_DEVICE) ? "" : " --device " + shell(device));
    }

    /**
     * A value as the rerun command writes it: quoted for a POSIX shell where it needs it, its control characters
     * shown ({@link Visible}), as report.md is read by a person and its inline code holds no line break.
     */
    private static String shell(Object value) {
        return ShellQuoted.of(Visible.of(String.valueOf(value)));
    }

    private static String joined(int[] values) {
        return joined(java.util.Arrays.stream(values).boxed());
    }

    private static String joined(java.util.stream.Stream<?> values) {
        return values.map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }
}
