package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.ModelInfo;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.eval.WordNeighbours;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.ModelConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model: size, vocabulary, training data, steps trained, metrics.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Only the options info uses: the sampling ones (--steps, --ngram-weight...) were accepted and ignored.
    @Mixin
    ModelChoice choice;

    @Option(names = "--neighbours", paramLabel = "WORD",
            description = "Also list each word's nearest words in the model's embedding table (comma-separated;"
                    + " the comma itself: --neighbours , alone, which may be repeated: --neighbours said --neighbours"
                    + " ,).")
    List<String> neighbours = List.of();

    /**
     * The words {@code --neighbours} names: each value split at its commas, except a lone {@code ,}, the comma
     * word itself (a vocabulary word, which picocli's splitting ate, listing nothing).
     */
    List<String> neighbourWords() {
        List<String> words = new java.util.ArrayList<>();
        for (String value : neighbours) {
            if (value.equals(",")) {
                words.add(value);
            } else {
                java.util.Arrays.stream(value.split(",")).filter(w -> !w.isEmpty()).forEach(words::add);
            }
        }
        return words;
    }

    @Option(names = "--top", paramLabel = "K", description = "How many neighbours to list (default: ${DEFAULT-VALUE}).")
    int top = 8;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        }
        // options that ask for nothing: the description was printed without a neighbour or a word of why
        for (String value : neighbours) {
            if (!value.equals(",") && java.util.Arrays.stream(value.split(",")).allMatch(String::isEmpty)) {
                throw new IllegalArgumentException("--neighbours '" + Visible.of(value) + "' names no word: give"
                        + " words separated by commas (--neighbours said,house), the comma word itself as"
                        + " --neighbours , alone");
            }
        }
        if (neighbours.isEmpty() && spec.commandLine().getParseResult().hasMatchedOption("--top")) {
            throw new IllegalArgumentException("--top sets how many neighbours --neighbours lists, and no --neighbours"
                    + " was given; give --neighbours WORD, or leave --top out");
        }
        try (DiffusionLM lm = DiffusionLM.builder().optModel(choice.model).optDevice(choice.device())
                .optBatching(0, java.time.Duration.ZERO).build()) {
            checkNeighbours(lm);
            ModelInfo info = lm.info();
            ModelConfig c = info.config();
            TrainingInfo t = info.training();
            System.out.printf(Locale.ROOT, "model:        %s%n",
                    Visible.of(info.directory().toAbsolutePath().normalize().toString()));
            System.out.printf(Locale.ROOT, "network:      CDCD embedding diffusion, %d layers, width %d, %d heads%s, "
                    + "%,d parameters%n", c.layers(), c.dim(), c.heads(),
                    c.relativePositions() ? " with relative-position bias" : "", info.parameters());
            System.out.printf(Locale.ROOT, "vocabulary:   %,d words (with [PAD] and [UNK])%n", c.vocabSize());
            if (lm.vocabulary().twinCount() > 0) { // a model of before words were read in NFC, on mixed text
                System.out.printf(Locale.ROOT, "              %,d of them spell an earlier word in another Unicode form"
                        + " (NFD, combining accents); text is read as the earlier, and training again on the same"
                        + " corpus makes them one word%n", lm.vocabulary().twinCount());
            }
            System.out.printf(Locale.ROOT, "length:       %d positions%n", c.maxLength());
            System.out.printf(Locale.ROOT, "noise:        sigma %.0f..%.0f, learned time warping%n", c.sigmaMin(),
                    c.sigmaMax());
            System.out.println("tags:         " + tags(lm, Files.isRegularFile(info.directory().resolve(
                    ModelCheckpoint.TAG_LEXICON)), t));
            if (t != null) {
                System.out.printf(Locale.ROOT, "trained on:   %s (%,d rows)%n", Visible.of(String.valueOf(t.corpus())),
                        t.trainSentences());
                System.out.println("read as:      " + readAs(t));
                if (t.dev() != null) { // recorded since 2026-12-07, for a run with --dev: where its dev loss is from
                    System.out.println("dev split:    " + Visible.of(t.dev()));
                }
                System.out.println("row lengths:  " + (t.rowLengths() == null
                        ? "not recorded (trained before they were; generate lets the model choose lengths until"
                                + " `row-lengths` records them)"
                        : LengthPrior.of(t.rowLengths()) + ", which generate draws lengths from"));
                if (t.rowLengths() != null && t.rowLengthsByLabel() != null) {
                    System.out.println("  by label:   " + t.rowLengthsByLabel().entrySet().stream()
                            .map(e -> e.getKey() + " " + LengthPrior.of(e.getValue()))
                            .collect(java.util.stream.Collectors.joining(", "))
                            + ", which a sentence of that --sentiment draws from");
                }
                // the warm-up only where recorded: a config of before it was (the shipped model's) does not know it
                String warmup = t.warmupSteps() == null ? "" : ", warm-up " + t.warmupSteps();
                System.out.printf(Locale.ROOT,
                        "training:     %,d of %,d steps, batch %d, peak lr %.1e%s, seed %d, %.1f h%n",
                        t.step(), t.totalSteps(), t.batchSize(), t.learningRate(), warmup, t.seed(),
                        t.wallSeconds() / 3600);
                // a model trained without --dev has no dev loss: NaN in its config, "-" here as in train's log
                String dev = Double.isNaN(t.devLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", t.devLoss());
                System.out.printf(Locale.ROOT, "losses:       train %.4f, dev %s (nats per generated token)%n",
                        t.trainLoss(), dev);
                if (t.averageDecay() > 0) {
                    System.out.printf(Locale.ROOT, "weights:      moving average of the trained weights, decay %s%n",
                            t.averageDecay());
                }
                if (t.sentimentLexiconShare() != null) { // recorded since 2026-12-05, for corpora of 2,000 tokens up
                    System.out.printf(Locale.ROOT,
                            "sentiment:    labels from AFINN-165 (English), which rated %.1f%% of"
                            + " the corpus's tokens (English text: about %.1f%%)%s%n", 100 * t.sentimentLexiconShare(),
                            100 * io.github.diffusionnlp.corpus.SentimentLabeller.ENGLISH_RATED_SHARE,
                            t.sentimentProbablyMeaningless() ? "; probably not English, so --sentiment means little"
                                    : "");
                }
                for (Map.Entry<String, Double> m : new java.util.TreeMap<>(t.metrics()).entrySet()) {
                    System.out.printf(Locale.ROOT, "metric:       %s = %.4f%n", m.getKey(), m.getValue());
                }
            }
            printNeighbours(lm);
        }
        return 0;
    }

    /**
     * Every unknown word named at once, in one line, before anything is printed: a bad value of a
     * well-formed option, so not the usage text a malformed command line gets (the model has to be
     * loaded to know it).
     */
    private void checkNeighbours(DiffusionLM lm) {
        List<String> unknown = neighbourWords().stream().filter(w -> !lm.vocabulary().contains(w)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--neighbours: " + unknown.stream().map(w -> "'" + w + "'")
                    .collect(Collectors.joining(", ")) + (unknown.size() == 1 ? " is" : " are") + " not in the model's"
                    + " vocabulary of " + lm.vocabulary().size() + " words (vocab.txt); words are case-sensitive");
        }
    }

    private void printNeighbours(DiffusionLM lm) {
        if (neighbourWords().isEmpty()) {
            return;
        }
        try (WordNeighbours table = new WordNeighbours(lm)) {
            for (String word : neighbourWords()) {
                String list = table.nearest(word, top).stream()
                        .map(n -> String.format(Locale.ROOT, "%s %.2f", Visible.of(n.word()), n.cosine()))
                        .collect(Collectors.joining(", "));
                // a vocabulary word is data: an ESC sequence or bidi override in it shown, not run by the terminal
                System.out.printf(Locale.ROOT, "neighbours:   %s: %s%n", Visible.of(word), list);
            }
        }
    }

    /**
     * Whether the model was trained with tags and follows POS templates. Its tag lexicon says which tags its corpus
     * had; without one (deleted, or trained before there was one) the training record tells: whether its corpus
     * carried tags, or in a record of before that was recorded its layout: plain text and one word a line carry
     * none ({@link DiffusionLM#followsTemplates}).
     */
    static String tags(DiffusionLM lm, boolean lexicon, TrainingInfo t) {
        String file = ModelCheckpoint.TAG_LEXICON;
        if (lexicon) {
            return lm.followsTemplates() ? "UD UPOS, so it follows POS templates (--pos)"
                    : "none (trained on untagged text: its " + file
                    + " holds only X), so it refuses POS templates (--pos)";
        }
        CorpusLayout layout = t == null ? null : t.layout();
        String write = "`tag-lexicon --model DIR --corpus FILE` writes it";
        if (!lm.followsTemplates()) { // the library's verdict: without a lexicon, from the record
            return "none (trained on untagged text: " + t.whyUntagged() + ") and no " + file
                    + ", so it refuses POS templates (--pos)";
        }
        if (Boolean.TRUE.equals(t == null ? null : t.tagged()) || layout == CorpusLayout.CONLLU
                || layout == CorpusLayout.COLUMNS) {
            // a record that says tags were read may still have guessed the layout line by line (a file mixing
            // CoNLL-U, word<TAB>UPOS and one-word lines stays AUTO), which is no layout it "was read as"
            // a tagged model resumed on untagged text records tagged and its last corpus's layout
            String how = layout == null || layout == CorpusLayout.AUTO
                    ? "its corpus carried them, its layout "
                            + (layout == null ? "not recorded" : "guessed line by line")
                    : layout.untagged() ? "it was trained on them, though its last corpus was read as "
                            + layout.description()
                    : "its corpus was read as " + layout.description();
            return "UD UPOS (" + how + "), so it follows POS templates (--pos); no " + file
                    + ", which --lexical templates need: " + write;
        }
        return "not recorded: no " + file + ", and its corpus's layout was " + (layout == null ? "not recorded"
                : "guessed line by line") + ", so it takes POS templates (--pos) as a tagged model does; " + write;
    }

    /**
     * How the training corpus was read, which fusion, evaluate and a resumed run read it as again; a model
     * of before it was recorded says what that means.
     */
    static String readAs(TrainingInfo t) {
        TaggedCorpus.Reading r = t.corpusReading();
        String layout = r.layout() == CorpusLayout.AUTO ? "layout guessed from the file" : "--layout " + r.layout()
                + " (" + r.layout().description() + ")";
        String read = layout + ", --multiword " + r.multiword() + " (" + r.multiword().description() + ")";
        return t.layout() == null && t.multiword() == null ? read + " [not recorded: trained before it was]" : read;
    }
}
