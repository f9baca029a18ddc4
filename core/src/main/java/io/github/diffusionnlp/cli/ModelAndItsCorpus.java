package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.InputFiles;
import io.github.diffusionnlp.corpus.TaggedSentence;
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
     * @throws IllegalArgumentException naming {@code --corpus} when it is missing, a directory or no regular file
     */
    List<TaggedSentence> sentences(TrainingInfo training) throws IOException {
        try {
            InputFiles.requireRegularFile(corpus, "corpus file");
        } catch (IOException e) {
            // said in words (the kind of failure), the option first
            throw new IllegalArgumentException("--corpus " + Main.message(e));
        }
        return reading.readFor(corpus, training);
    }
}
