package io.github.diffusionnlp.cli;

import static io.github.diffusionnlp.api.OptionErrors.checked;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that load a model ({@link ModelChoice}) and sample from it. */
final class ModelOptions {
    @Mixin
    ModelChoice choice;

    @Option(names = "--steps", paramLabel = "N",
            defaultValue = "32", description = "sampling steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed; line i is sampled as sentence i of one call, so seeds that differ give other lines"
                    + " throughout (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "sentences per forward pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--temperature", paramLabel = "T",
            description = "scale of the starting noise in [0, 1]: 1 samples, 0 is greedy (default: 0 for infill and"
                    + " evaluate, the most likely words; 1 for generate and rewrite)")
    Double temperature;

    @Option(names = "--x0-temperature", paramLabel = "TAU", defaultValue = "1",
            description = "softmax temperature of each step's estimate of the clean words, >= 0: 1 is the model's own"
                    + " (default); lower reads more fluently and varies less; 0 clamps to the likeliest word")
    double x0Temperature;

    @Option(names = "--ngram-weight", paramLabel = "W", defaultValue = "0",
            description = "n-gram fusion, 0 to 100: every step leans on a trigram counted from --ngram-corpus, and the"
                    + " last picks each word by the network's log-probability + W x the trigram's; 0 is off (default);"
                    + " 0.7 tuned on dev sentences for infill")
    double ngramWeight;

    @Option(names = "--ngram-corpus", paramLabel = "FILE",
            description = "corpus the fusion's trigram is counted from (CoNLL-U, word<TAB>UPOS, one word or one"
                    + " sentence a line; .gz allowed; read as --layout and --multiword say; default: the model's"
                    + " training corpus, as its config names it, read as the model records it was)")
    Path ngramCorpus;

    @Option(names = "--banned-words", paramLabel = "FILE",
            description = "words the model never writes, from a UTF-8 file of one word a line ('#' starts a comment"
                    + " line); it replaces the default list, a short list of slurs (DiffusionLM.defaultBannedWords());"
                    + " an empty file bans none. Words of the input stay as they are")
    Path bannedWords;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "fp32",
            description = "number format of the transformer body: fp32, or fp16 (mixed precision, for GPUs;"
                    + " the vocabulary side stays fp32) (default: ${DEFAULT-VALUE})")
    String precision;

    /**
     * The model, sampling on the calling thread: a command calls from one thread, so request batching
     * has nothing to gather, and its dispatcher thread would run the native work beside the thread
     * that loaded the model. Measured at batch 1 (16 steps): 15–25% slower on a second thread than on
     * the loading one (two OpenMP thread teams on two cores, each team's threads waking more slowly).
     */
    DiffusionLM load() throws IOException {
        return load(null);
    }

    /**
     * As {@link #load(CorpusReading)}, for a command whose {@code --layout} and {@code --multiword} say only how
     * {@code --ngram-corpus} is read: given without n-gram fusion they would do nothing, and are refused.
     */
    DiffusionLM loadFusing(CorpusReading reading) throws IOException {
        if ((ngramWeight == 0 || ngramCorpus == null) && (reading.layout != null || reading.multiword != null)) {
            throw new IllegalArgumentException((reading.layout != null ? "--layout " + reading.layout
                    : "--multiword " + reading.multiword) + ": says how --ngram-corpus FILE is read, only used with"
                    + " it and --ngram-weight above 0 (the model's own corpus, fused by default, is read as the model"
                    + " records it was)");
        }
        return load(reading);
    }

    /**
     * As {@link #load()}, the n-gram corpus read as {@code reading} says (null, or what it leaves unsaid: as
     * {@link DiffusionLM.Builder#optNgramCorpusReading} does by default).
     */
    DiffusionLM load(CorpusReading reading) throws IOException {
        DiffusionLM.Builder builder = DiffusionLM.builder().optModel(choice.model).optDevice(choice.device())
                .optPrecision(precision()).optBatching(0, Duration.ZERO)
                .optNgramLayoutOption(LayoutOption.COMMAND_LINE);
        if (reading != null && ngramCorpus != null) { // the model's own corpus is read as the model records
            builder.optNgramCorpusReading(reading.layout, reading.multiword);
        }
        checked("--ngram-corpus", () -> builder.optNgramCorpus(ngramCorpus));
        if (bannedWords != null) {
            checked("--banned-words", () -> builder.optBannedWords(bannedWords));
        }
        DiffusionLM lm = builder.build();
        if (ngramWeight > 0) {
            try {
                // before any input is read: no corpus to count from, or one that does not read as said
                lm.countNgrams();
            } catch (IllegalStateException e) {
                lm.close();
                throw new IllegalArgumentException("--ngram-weight " + Numbers.written(ngramWeight)
                        + " needs --ngram-corpus FILE: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                lm.close();
                throw e;
            }
        }
        return lm;
    }

    private Precision precision() {
        return checked("--precision", () -> Precision.parse(precision));
    }

    /**
     * Leaves {@code options} of this mixin out of {@code command}'s {@code --help}: they are refused
     * ({@link #refuseUnread}), and the help listed them beside the options the command reads, with defaults,
     * as if they did something. Called from the command's {@code @Spec} setter, once its options are in.
     */
    static void hideUnread(CommandSpec command, String... options) {
        for (String name : options) {
            OptionSpec option = command.findOption(name);
            command.remove(option);
            command.addOption(option.toBuilder().hidden(true).build());
        }
    }

    /**
     * Refuses the options of this mixin that {@code command} takes but never reads (evaluate samples at each
     * of its --step-counts, benchmark times its own step counts and batches): given, they were accepted and
     * silently ignored. {@code instead} says what the command reads; checked before the model loads.
     */
    static void refuseUnread(picocli.CommandLine.ParseResult given, String command, String instead,
            String... options) {
        for (String option : options) {
            if (given.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " is not used by " + command + ": " + instead);
            }
        }
    }

    /** The sampling options; a value out of range fails naming its option as typed (--batch, not "batch size"). */
    SamplingOptions sampling() {
        SamplingOptions.Builder options = SamplingOptions.builder().seed(seed);
        checked("--steps", () -> options.steps(steps));
        checked("--batch", () -> options.batchSize(batch));
        checked("--temperature", () -> options.optTemperature(temperature));
        checked("--x0-temperature", () -> options.x0Temperature(x0Temperature));
        checked("--ngram-weight", () -> options.ngramWeight(ngramWeight));
        if (ngramCorpus != null && ngramWeight == 0) {
            throw new IllegalArgumentException("--ngram-corpus " + Visible.of(ngramCorpus)
                    + ": only used with --ngram-weight above 0");
        }
        return options.build();
    }
}
