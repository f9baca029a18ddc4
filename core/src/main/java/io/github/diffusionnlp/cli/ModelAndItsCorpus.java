package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.ReadAsTrained;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.HashLinesOnly;
import io.github.diffusionnlp.corpus.InputFiles;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.TaggedCorpus;
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
    @Option(names = "--model", paramLabel = "DIR", required = true, description = "the model directory")
    Path model;

    @Option(names = "--corpus", paramLabel = "FILE", required = true,
            description = "the model's training corpus, in any layout train reads (CoNLL-U,"
            + " word<TAB>UPOS; .gz allowed), read as the model records train read it unless --layout or --multiword"
            + " say otherwise")
    Path corpus;

    @Mixin
    CorpusReading reading; // --layout and --multiword, as train was given them

    /**
     * The corpus's sentences, read as {@code training} records train read them (models without the record are
     * older than it, and read their multiword tokens as parts). A corpus that reads as other sentences now than it
     * did for the run that trained the model (a model of before 2026-12-07: a bare CR, a plain {@code #MeToo} line)
     * is refused ({@link ReadAsTrained#require}): {@code counts}, what the command would record of it
     * ("the tag lexicon would count"), would be of other sentences than the model was trained on; {@code records}:
     * what train records itself, for the remedy of retraining ("its tag lexicon").
     *
     * @throws IllegalArgumentException naming {@code --corpus} when it is missing, a directory or no regular file, or
     *     holds no sentence (an empty lexicon or no row lengths would be recorded in the model from it)
     */
    List<TaggedSentence> sentences(TrainingInfo training, String counts, String records) throws IOException {
        try {
            InputFiles.requireRegularFile(corpus, "corpus file");
        } catch (IOException e) {
            // said in words (the kind of failure), the option first
            throw new IllegalArgumentException("--corpus " + Main.message(e));
        }
        TaggedCorpus.Read read = TaggedCorpus.readAs(corpus, reading.over(TrainingInfo.readingFor(training, corpus)),
                System.err, LayoutOption.COMMAND_LINE);
        if (read.sentences().isEmpty()) {
            String plain = HashLinesOnly.refusal("--corpus " + Visible.of(corpus), corpus, read.reading(),
                    "--layout plain");
            if (plain != null) {
                throw new IllegalArgumentException(plain);
            }
            throw new IllegalArgumentException("--corpus " + Visible.of(corpus) + " holds no sentences (it is empty, or"
                    + " every line is blank or a # comment); give the corpus the model was trained on (nothing was"
                    + " changed)");
        }
        ReadAsTrained.require(training, corpus, read.reading().layout(), counts, "--corpus NEW",
                "train a new model on it (train), which records " + records + " itself");
        return read.sentences();
    }
}
