package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.AutoregressiveLM;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.checkpoint.ReadAsTrained;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.eval.InfillEvaluation;
import io.github.diffusionnlp.eval.RescoredInfill;
import io.github.diffusionnlp.eval.TrigramBaseline;
import io.github.diffusionnlp.train.TrainingData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Infill accuracy on held-out sentences (single token and 3-token span) beside a"
                + " most-frequent-word and a Kneser-Ney trigram baseline; prints a Markdown table.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --heldout, --train and --ngram-corpus

    @Option(names = "--heldout", paramLabel = "FILE", defaultValue = DEFAULT_HELDOUT,
            description = "held-out sentences, in any layout train reads (default: ${DEFAULT-VALUE}, from the"
                    + " working directory or the model directory's parents; see --layout)")
    Path heldout;

    @Option(names = "--train", paramLabel = "FILE",
            description = "the sentences the trigram baseline is counted from; 'none' leaves it out (default: the"
                    + " model's training corpus, as its config names it, looked for from the working directory and"
                    + " from the model directory's parents, and read as the model records it was read; --layout and"
                    + " --multiword apply to a --train FILE, as to --heldout and --ngram-corpus)")
    String train;

    private static final int DEFAULT_SENTENCES = 1000;
    static final String DEFAULT_HELDOUT = "test-data/brown/heldout.conllu.gz";

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "" + DEFAULT_SENTENCES,
            description = "sentences per task (default: ${DEFAULT-VALUE})")
    int sentences;

    @Option(names = "--step-counts", paramLabel = "N", split = ",", defaultValue = "16,32,64",
            description = "sampling step counts to compare (default: ${DEFAULT-VALUE})")
    int[] stepCounts;

    @Option(names = "--ar-model", paramLabel = "DIR",
            description = "also re-rank the diffusion model's " + RescoredInfill.CANDIDATES + " likeliest words at"
                    + " each single-token mask (one pass) by this autoregressive model's likelihood of the whole"
                    + " sentence, alone and summed with the diffusion model's: four more rows (e.g."
                    + " test-data/models/brown-ar; not recorded by --record); under --ngram-weight the diffusion"
                    + " model's words are ranked and scored as fused suggest gives them")
    Path arModel;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table to this file")
    Path out;

    @Option(names = "--record",
            description = "store the accuracies in the model's config.json (shown by info), named by"
            + " task, steps and temperature, and by whatever else is not the default (--sentences, --seed,"
            + " --heldout, --x0-temperature, --ngram-weight)")
    boolean record;

    CommandSpec spec;

    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        ModelOptions.hideUnread(spec, "--steps");
    }

    @Override
    public Integer call() throws Exception {
        ModelOptions.refuseUnread(spec.commandLine().getParseResult(), "evaluate",
                "it samples at each of --step-counts (default 16,32,64); give --step-counts N for one count",
                "--steps");
        // A real run samples for minutes: what cannot be measured or written is refused before that.
        checkCounts();
        checkTableFile();
        String recordedAs = heldoutSuffix(heldout); // as given: the default is located from the model's parents
        heldout = RepositoryFiles.locate(heldout, model.choice.model, "--heldout", "the held-out sentences");
        // The table does not name what it measured; a model trained on one's own corpus, scored on Brown's
        // split because --heldout was left out, would otherwise look merely bad.
        System.err.println("held-out sentences: " + Visible.of(heldout.toAbsolutePath().normalize().toString())
                + (spec.commandLine().getParseResult().hasMatchedOption("--heldout") ? ""
                        : " (--heldout's default: the Brown corpus's held-out split; give --heldout FILE for"
                                + " sentences of your own)"));
        SamplingOptions sampling = model.sampling();
        try (DiffusionLM lm = model.load(reading)) {
            // read once the model is: its words are what the held-out sentences are split into (de el, or del)
            List<TaggedSentence> held = reading.readFor(heldout, lm.info().training());
            // checked here, before the trigram is counted, to say it in the option's terms
            int maxLength = lm.info().config().maxLength();
            int usable = InfillEvaluation.usableSentences(held, maxLength);
            if (usable == 0) { // --sentences 0 is no way out: at least one is needed
                throw new IllegalArgumentException(noUsableSentence(held, heldout, maxLength));
            }
            sentences = sentencesToEvaluate(usable, maxLength);
            if (record) {
                checkRecordable(lm.info().directory());
            }
            TrigramBaseline trigram = null;
            if (!"none".equals(train)) {
                Path corpus = trainingCorpus(lm);
                // The model's own corpus is read as it was trained on (a model of before --multiword: de el),
                // whatever --layout says of the files named here (a plain --heldout beside a CoNLL-U corpus);
                // a --train FILE is split into the model's words too, as the trigram is compared with the model.
                TrainingInfo training = lm.info().training();
                TaggedCorpus.Read read;
                if (train == null) {
                    read = TaggedCorpus.readAs(corpus, TrainingInfo.readingFor(training, corpus),
                            System.err, LayoutOption.COMMAND_LINE);
                    // counted as the model's training sentences: a model of before 2026-12-07 may have read others
                    ReadAsTrained.require(training, corpus, read.reading().layout(),
                            "the trigram baseline would be counted from", "--train NEW", "give --train "
                            + ShellQuoted.of(Visible.of(corpus.toAbsolutePath().normalize().toString()))
                            + " to count it from the file as it reads now, or --train none");
                } else {
                    read = TaggedCorpus.readAs(corpus, reading.over(TrainingInfo.readingFor(training, corpus)),
                            System.err, LayoutOption.COMMAND_LINE);
                }
                List<TaggedSentence> counted = read.sentences();
                // baselines counted from nothing would be printed as if they meant something; --layout plain reads a
                // --train FILE of '#MeToo is trending' lines, not the model's own corpus (read as the model records)
                TrainingData.requireSentences(train == null ? "the model's training corpus " + corpus
                        + " (the trigram baseline's; give --train FILE or --train none)" : "--train " + corpus,
                        corpus, read, train == null ? null : LayoutOption.COMMAND_LINE.of(CorpusLayout.PLAIN));
                trigram = TrigramBaseline.train(lm.vocabulary(), counted);
                System.err.println("trigram baseline counted from "
                        + Visible.of(corpus.toAbsolutePath().normalize().toString()));
            }
            // loaded before any sampling: a wrong directory is refused at once
            AutoregressiveLM ar = arModel == null ? null : AutoregressiveLM.load(arModel, model.choice.device());
            if (ar != null) {
                System.err.println("autoregressive model re-ranking single-token candidates: "
                        + Visible.of(arModel.toAbsolutePath().normalize().toString()));
            }
            List<InfillEvaluation.Result> results;
            List<InfillEvaluation.Result> rescored = List.of();
            try (ar) {
                if (ar != null) { // now, not after the whole table is sampled
                    RescoredInfill.requireReadable(lm, ar, arModel.toString());
                }
                results = InfillEvaluation.run(lm, held, sentences, stepCounts, sampling, trigram,
                        System.err::println);
                if (ar != null) {
                    rescored = RescoredInfill.run(lm, ar, held, sentences, sampling, results.get(0).trigram(),
                            System.err::println);
                }
            }
            List<InfillEvaluation.Result> rows = new java.util.ArrayList<>(results);
            rows.addAll(rescored);
            String table = InfillEvaluation.table(rows);
            System.out.print(table);
            if (out != null) {
                // whole or not at all: a run stopped while writing leaves the earlier table as it was
                CheckpointFiles.writeAtomically(out, tmp -> Files.writeString(tmp, table, StandardCharsets.UTF_8));
            }
            if (record) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                double temperature = sampling.withDefaultTemperature(SamplingOptions.INFILL_TEMPERATURE)
                        .temperature().getAsDouble();
                double x0 = sampling.x0Temperature();
                // The defaults leave the recorded names as they were. Anything else that changes the figure
                // names itself, so that a short check (--sentences 20) or another split (--heldout dev...) is
                // recorded beside the 1,000 held-out sentences' figure instead of over it.
                String x0Suffix = (x0 == 1.0 ? "" : "_x0T" + x0)
                        + (sampling.ngramWeight() == 0 ? "" : "_ngram" + sampling.ngramWeight())
                        + (sentences == DEFAULT_SENTENCES ? "" : "_n" + sentences)
                        + (sampling.seed() == 0 ? "" : "_seed" + sampling.seed())
                        + recordedAs;
                for (InfillEvaluation.Result r : results) {
                    metrics.put(r.task().replace(' ', '_') + "_accuracy@" + r.steps() + "_T" + temperature + x0Suffix,
                            r.accuracy());
                }
                // for the checkpoint evaluated: a run may have saved another since it was loaded
                ModelCheckpoint.recordMetrics(lm.info().directory(), lm.info().training(), metrics);
                System.err.printf(Locale.ROOT, "recorded %d metrics in %s%n", metrics.size(),
                        Visible.of(lm.info().directory().resolve(ModelCheckpoint.CONFIG).toString()));
            }
        }
        return 0;
    }

    /**
     * How many of the {@code usable} held-out sentences to evaluate on: --sentences, refused when the file holds
     * fewer; left unsaid, its default (1,000) or all the file holds, if fewer, with a note, as a small held-out file
     * of one's own was refused for not holding the default's thousand.
     */
    private int sentencesToEvaluate(int usable, int maxLength) {
        if (usable >= sentences) {
            return sentences;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--sentences")) {
            throw new IllegalArgumentException("only " + usable + " held-out sentences of 4.." + maxLength
                    + " tokens in " + Visible.of(heldout) + "; asked for " + sentences + "; give --sentences " + usable
                    + " or fewer");
        }
        System.err.printf(Locale.ROOT, "note: evaluating on all %d held-out sentences of 4..%d tokens in %s (fewer"
                + " than --sentences's default, %,d)%n", usable, maxLength, Visible.of(heldout.toString()),
                DEFAULT_SENTENCES);
        return usable;
    }

    /** Why none of the held-out sentences can be evaluated on: what the file holds instead. */
    static String noUsableSentence(List<TaggedSentence> held, Path heldout, int maxLength) {
        long shorter = held.stream().filter(s -> s.size() < 4).count();
        long longer = held.stream().filter(s -> s.size() > maxLength).count();
        long punctuation = held.size() - shorter - longer;
        String holds = held.isEmpty() ? "it holds no sentence at all"
                : "it holds " + held.size() + (held.size() == 1 ? " sentence" : " sentences") + ": " + shorter
                        + " under 4 tokens, " + longer + " over " + maxLength + ", " + punctuation
                        + " of punctuation only";
        return Visible.of(heldout) + " holds no held-out sentence of 4.." + maxLength + " tokens with a word to mask ("
                + holds + "); give --heldout a file of such sentences";
    }

    private void checkCounts() {
        if (sentences < 1) {
            throw new IllegalArgumentException("--sentences must be at least 1, got " + sentences);
        }
        if (stepCounts.length == 0) {
            throw new IllegalArgumentException("--step-counts: give at least one step count, e.g. 16,32,64");
        }
        for (int steps : stepCounts) {
            OptionErrors.checked("--step-counts", () -> SamplingOptions.builder().steps(steps));
        }
    }

    private void checkTableFile() {
        if (out == null) {
            return;
        }
        Path dir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + Visible.of(out) + ": the directory " + Visible.of(dir)
                    + " does not exist; create it or give a file in an existing directory");
        }
        if (Files.isDirectory(out) || !Files.isWritable(Files.exists(out) ? out : dir)) {
            throw new IllegalArgumentException("--out " + Visible.of(out)
                    + ": cannot write this file; give a file you can write");
        }
        if (Files.exists(out)) {
            System.err.println("--out " + Visible.of(out.toString()) + " holds an earlier table; this run replaces it"
                    + " when it ends");
        }
    }

    /** --record writes into the model directory under its lock: refused now if it could not then. */
    private static void checkRecordable(Path dir) throws IOException {
        if (!Files.isWritable(dir) || !Files.isWritable(dir.resolve(ModelCheckpoint.CONFIG))) {
            throw new IOException("--record: cannot write " + Visible.of(dir.resolve(ModelCheckpoint.CONFIG))
                    + " (permission denied); evaluate without --record, or a copy of the model you can write");
        }
        try {
            ModelDirectory.refuseLocked(dir, "record the metrics after it");
        } catch (IOException e) {
            throw new IOException("--record: " + e.getMessage(), e);
        }
    }

    /**
     * The trigram baseline's corpus: {@code --train}, else the model's own training corpus, so that a
     * user's model is compared with a trigram of the same data (and found from any working directory).
     */
    private Path trainingCorpus(DiffusionLM lm) {
        if (train != null) {
            return Path.of(train);
        }
        try {
            return lm.trainingCorpus();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--train: the trigram baseline is counted from the model's"
                    + " training corpus by default, and " + e.getMessage() + "; give --train FILE (the model's"
                    + " training sentences) or --train none (no trigram baseline)", e);
        }
    }

    /**
     * What a recorded metric's name says of its held-out file, as given on the command line: nothing for the
     * default split, else the file's name without extensions ({@code dev} for {@code dev.conllu.gz}). A file of one's
     * own that happens to be called {@code heldout.conllu.gz} is not the default split, and is named
     * ({@code _heldout}): only the default path writes over the default figures.
     */
    static String heldoutSuffix(Path given) {
        return given.normalize().equals(Path.of(DEFAULT_HELDOUT)) ? ""
                : "_" + given.getFileName().toString().replaceFirst("\\..*", "");
    }
}
