package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tag-lexicon", mixinStandardHelpOptions = true,
        description = {"Write a model's tag lexicon (" + ModelCheckpoint.TAG_LEXICON + ": how often the training"
            + " corpus tagged each vocabulary word with each UPOS tag), which --lexical POS templates need.",
            "`train` writes it itself; this is for models trained before it did. Give the corpus the model was"
            + " trained on."})
final class TagLexiconCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "the model directory")
    Path model;

    @Option(names = "--corpus", required = true,
            description = "the model's training corpus, in any layout train reads (CoNLL-U,"
            + " word<TAB>UPOS; .gz allowed), read as the model records train read it unless --layout or --multiword"
            + " say otherwise")
    Path corpus;

    @Mixin
    CorpusReading reading; // --layout and --multiword, as train was given them

    @Override
    public Integer call() throws Exception {
        Vocabulary vocab = Vocabulary.load(model.resolve(ModelCheckpoint.VOCAB));
        ModelCheckpoint.Header header = ModelCheckpoint.readHeader(model); // a model directory, not any folder
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("--corpus " + corpus + ": no such file");
        }
        // the model's training corpus, read as the model records it was (models without the file are older
        // than that record, and read their multiword tokens as parts)
        TagLexicon tags = TagLexicon.build(reading.readFor(corpus, header.training()), vocab);
        Path file = model.resolve(ModelCheckpoint.TAG_LEXICON);
        // train writes this file too (and a resumed run may replace vocab.txt): one writer at a time, under the lock
        if (!ModelCheckpoint.writeTagLexicon(model, tags, vocab, "tag-lexicon --model")) {
            System.err.println("note: " + model.resolve(ModelCheckpoint.CONFIG) + " records no checksums (the model"
                    + " was saved before they were), so none is recorded for " + ModelCheckpoint.TAG_LEXICON);
        }
        System.out.println("wrote " + file);
        return 0;
    }
}
