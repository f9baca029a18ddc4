package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.InputFiles;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --model} and {@code --corpus} of the commands that record in a model trained before they were recorded
 * what its training corpus tells ({@code tag-lexicon}, {@code row-lengths}), with the corpus's {@code --layout}
 * and {@code --multiword}.
 */
final class ModelAndItsCorpus {
    @Option(names = "--model", required = true, description = "the model directory")
    Path model;

    @Option(names = "--corpus", required = true,
            description = "the model's training corpus, in any layout train reads (CoNLL-U,"
            + " word<TAB>UPOS; .gz allowed), read as the model records train read it unless --layout or --multiword"
            + " say otherwise")
    Path corpus;

    @Mixin
    CorpusReading reading; // --layout and --multiword, as train was given them

    /**
     * The corpus's sentences, read as {@code training} records train read them (models without the record are
     * older than it, and read their multiword tokens as parts).
     *
     * @throws IllegalArgumentException naming {@code --corpus} when it is missing, a directory or no regular file, or
     *     holds no sentence (an empty lexicon or no row lengths would be recorded in the model from it)
     */
    List<TaggedSentence> sentences(TrainingInfo training) throws IOException {
        try {
            InputFiles.requireRegularFile(corpus, "corpus file");
        } catch (IOException e) {
            // said in words (the kind of failure), the option first
            throw new IllegalArgumentException("--corpus " + Main.message(e));
        }
        List<TaggedSentence> sentences = reading.readFor(corpus, training);
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("--corpus " + Visible.of(corpus) + " holds no sentences (it is empty, or"
                    + " every line is blank or a # comment); give the corpus the model was trained on (nothing was"
                    + " changed)");
        }
        return sentences;
    }
}
