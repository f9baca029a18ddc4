package io.github.diffusionnlp.api;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ReadAsTrained;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.HashLinesOnly;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.sample.KneserNeyTrigram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The corpus a model's n-gram fusion counts its trigrams from, found and read as {@link DiffusionLM}'s
 * {@code ngramCorpus()}, {@code ngramCorpusReading()} and {@code trainingCorpus()} document, and the trigram
 * model counted from it once, on first use.
 *
 * <p>Thread-safe: {@link #trigram} counts under this object's monitor, so the first fused calls of many
 * threads count once and the others wait for that count; the rest is immutable. The model calls it inside
 * its {@code Lifecycle#whileOpen}, as it did before this was a class of its own.
 */
final class NgramCorpus {
    // the model's logger: what the log has always called these lines, and what a user's log settings name
    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(DiffusionLM.class);

    private final ModelCheckpoint.Loaded model;
    /** The corpus given ({@code Builder#optNgramCorpus}), or null: the model's training corpus. */
    private final Path given;
    /** How that corpus is read ({@code Builder#optNgramCorpusReading}); null: not said. */
    private final CorpusLayout layout;
    private final MultiwordTokens multiword;
    /** How that corpus's reader names the layout setting in a remedy ({@code Builder#optNgramLayoutOption}). */
    private final LayoutOption layoutOption;
    private KneserNeyTrigram trigram; // guarded by this

    NgramCorpus(ModelCheckpoint.Loaded model, Path given, CorpusLayout layout, MultiwordTokens multiword,
            LayoutOption layoutOption) {
        this.model = model;
        this.given = given;
        this.layout = layout;
        this.multiword = multiword;
        this.layoutOption = layoutOption;
    }

    /** {@link DiffusionLM#ngramCorpus()}. */
    Path path() {
        if (given != null) {
            return given;
        }
        try {
            return trainingCorpus();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("n-gram fusion counts trigrams from a corpus: none was given"
                    + " (DiffusionLM.Builder#optNgramCorpus; OpenNLP: DiffusionModel.builder().optNgramCorpus(corpus)"
                    + " or -ngramCorpus; CoreNLP: diffusion.ngramCorpus), and " + e.getMessage(), e);
        }
    }

    /** {@link DiffusionLM#ngramCorpusReading()}. */
    TaggedCorpus.Reading reading() {
        TrainingInfo training = model.header().training();
        TaggedCorpus.Reading unsaid = given == null && training != null
                ? training.corpusReading() : TrainingInfo.readingFor(training, given);
        return unsaid.orLayout(layout).orMultiword(multiword);
    }

    /** {@link DiffusionLM#trainingCorpus()}. */
    Path trainingCorpus() {
        TrainingInfo training = model.header().training();
        String named = training == null ? null : training.corpus();
        if (named == null || named.isBlank()) {
            throw new IllegalStateException("the model names no training corpus");
        }
        Path asNamed;
        try {
            asNamed = Path.of(named);
        } catch (InvalidPathException e) {
            // under LANG=C Java cannot encode a non-ASCII name the config recorded: the user can name the corpus
            // (the caller's message names its setting) or change the locale
            throw new IllegalStateException("the model's training corpus '" + Visible.of(named)
                    + "' (as its config.json records it) is no path Java can take here (" + e.getReason() + ")"
                    + encodingHint(named)
                    + "; give the corpus yourself, by a path of ASCII characters, or run under a UTF-8 locale, such as"
                    + " LC_ALL=C.UTF-8", e);
        }
        if (Files.isRegularFile(asNamed)) {
            return asNamed;
        }
        Optional<Path> nearModel = DefaultModel.findUpwards(model.directory(), asNamed, Files::isRegularFile);
        if (nearModel.isPresent()) {
            return nearModel.get();
        }
        if (!Files.isDirectory(model.directory())) { // a package's files were unpacked to a removed directory
            throw new IllegalStateException("the model's training corpus " + Visible.of(named)
                    + " was not found (looked at " + Visible.of(asNamed.toAbsolutePath()) + "; the model came from a"
                    + " package, so it has no directory to look under)");
        }
        throw new IllegalStateException("the model's training corpus " + Visible.of(named)
                + " was not found (looked at " + Visible.of(asNamed.toAbsolutePath()) + " and under "
                + Visible.of(model.directory().toAbsolutePath()) + " and its parents)");
    }

    /** The settings that name an n-gram corpus, in each front end. */
    private static final String SETTINGS = "DiffusionLM.Builder#optNgramCorpus, --ngram-corpus; OpenNLP: -ngramCorpus;"
            + " CoreNLP: diffusion.ngramCorpus";

    /**
     * Refuses the model's training corpus, read as {@code layout}, when it reads as other sentences now than it did
     * for the run that trained the model ({@link ReadAsTrained}): the trigrams would be of other sentences.
     */
    private void requireReadAsTrained(Path corpus, CorpusLayout layout) {
        try {
            ReadAsTrained.require(model.header().training(), corpus, layout, "n-gram fusion would count the trigrams"
                    + " of", "NEW as the n-gram corpus", "give the file itself as the n-gram corpus (" + SETTINGS
                    + ") to count the trigrams of its lines as they read now");
        } catch (IOException e) { // the refusal (or the file unreadable since it was read): its message says it all
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Why Java could not take {@code name}, where the locale is the likely cause: Java encodes file names by the
     * charset it took from the locale at start-up ({@code sun.jnu.encoding}, ASCII under {@code LANG=C}); empty
     * under a UTF-8 locale or for an ASCII name.
     */
    private static String encodingHint(String name) {
        String encoding = System.getProperty("sun.jnu.encoding");
        if (encoding == null || encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8")
                || name.chars().allMatch(c -> c < 128)) {
            return "";
        }
        return ": Java encodes file names by the locale's charset (" + encoding + "), which lacks its characters";
    }

    /**
     * The trigram model n-gram fusion reads, counted on first use (a few seconds) from {@link #path()} read as
     * {@link #reading()} says, and kept for the model's life.
     *
     * @throws IllegalStateException as {@link #path()}
     * @throws UncheckedIOException naming the corpus (and its line) when it cannot be read as said, or holds no
     *     sentence
     */
    synchronized KneserNeyTrigram trigram() {
        if (trigram == null) {
            Path corpus = path();
            // what the reader notes of the corpus (a guessed layout, columns said to be plain) goes to the log
            ByteArrayOutputStream noted = new ByteArrayOutputStream();
            try (PrintStream notes = new PrintStream(noted, true, StandardCharsets.UTF_8)) {
                TaggedCorpus.Read read = TaggedCorpus.readAs(corpus, reading(), notes, layoutOption);
                List<TaggedSentence> sentences = read.sentences();
                if (given == null) { // the model's own: a model of before 2026-12-07 may have read other sentences
                    requireReadAsTrained(corpus, read.reading().layout());
                }
                if (sentences.isEmpty()) { // counted from nothing, fusion would silently do nothing
                    String named = "the n-gram corpus " + Visible.of(corpus) + (given == null
                            ? " (the model's training corpus)" : " (" + SETTINGS + ")");
                    // a file of '#MeToo is trending' lines guessed to be columns: plain text reads sentences in it
                    String plain = HashLinesOnly.refusal(named, corpus, read.reading(),
                            layoutOption.of(CorpusLayout.PLAIN));
                    String empty = plain != null ? plain : named
                            + " holds no sentences (it is empty, or every line is blank or a # comment); give n-gram"
                            + " fusion a corpus of one sentence a line, or of CoNLL-U, word<TAB>UPOS or one-word lines";
                    throw new UncheckedIOException(empty, new IOException(empty));
                }
                trigram = KneserNeyTrigram.count(model.vocabulary(), sentences);
            } catch (IOException e) { // not the UncheckedIOException above: its message says it all
                throw new UncheckedIOException("cannot read the n-gram corpus " + Visible.of(corpus) + ": "
                        + e.getMessage(), e);
            }
            // the notes quote the file's name (and what it holds) raw: written visibly, a terminal's escape or a bidi
            // override in a name is not run by a terminal showing the log, nor forges a log line
            noted.toString(StandardCharsets.UTF_8).lines()
                    .forEach(line -> logger.warn("diffusion-nlp: {}", Visible.of(line)));
            // the file itself, wherever it was named from (a config's relative name, a user's ../ path)
            logger.info("diffusion-nlp: n-gram fusion counts trigrams from {}",
                    Visible.of(corpus.toAbsolutePath().normalize().toString()));
        }
        return trigram;
    }
}
