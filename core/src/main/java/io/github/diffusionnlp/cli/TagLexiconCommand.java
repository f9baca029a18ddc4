package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.TagLexicon;
import io.github.diffusionnlp.model.Vocabulary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tag-lexicon", mixinStandardHelpOptions = true,
        description = {"Write a model's tag lexicon (" + ModelCheckpoint.TAG_LEXICON + ": how often the training"
            + " corpus tagged each vocabulary word with each UPOS tag), which --lexical POS templates need.",
            "`train` writes it itself; this is for models trained before it did. Give the corpus the model was"
            + " trained on."})
final class TagLexiconCommand implements Callable<Integer> {
    @Mixin
    ModelAndItsCorpus given;

    @Override
    public Integer call() throws Exception {
        Path model = given.model;
        Vocabulary vocab = Vocabulary.load(model.resolve(ModelCheckpoint.VOCAB));
        ModelCheckpoint.Header header = ModelCheckpoint.readHeader(model); // a model directory, not any folder
        TagLexicon tags = TagLexicon.build(given.sentences(header.training(),
                "the tag lexicon would count the tags of", "its tag lexicon"), vocab);
        Path file = model.resolve(ModelCheckpoint.TAG_LEXICON);
        // train writes this file too (and a resumed run may replace vocab.txt): one writer at a time, under the lock
        if (!ModelCheckpoint.writeTagLexicon(model, tags, vocab, "tag-lexicon --model")) {
            System.err.println("note: " + Visible.of(model.resolve(ModelCheckpoint.CONFIG).toString())
                    + " records no checksums (the model"
                    + " was saved before they were), so none is recorded for " + ModelCheckpoint.TAG_LEXICON);
        }
        System.out.println("wrote " + Visible.of(file.toString()));
        return 0;
    }
}
