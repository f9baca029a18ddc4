package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
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
        // a model directory, not any folder nor a file of one: said so before its vocab.txt is looked for
        ModelCheckpoint.Header header = ModelCheckpoint.readModelHeader(model);
        Vocabulary vocab = Vocabulary.load(model.resolve(ModelCheckpoint.VOCAB));
        TagLexicon tags = TagLexicon.build(given.sentences(header.training(),
                "the tag lexicon would count the tags of", "its tag lexicon"), vocab);
        if (tags.untagged() && (header.training() == null || !header.training().untagged())) {
            // a lexicon of X alone makes the model refuse every template: the wrong file, or one misread
            throw new IllegalArgumentException("--corpus " + Visible.of(given.corpus) + " carries no UPOS tag (every"
                    + " word X), and the model in " + Visible.of(model) + " " + taggedAsRecorded(header.training())
                    + ": a lexicon from it would make the model refuse POS templates (--pos); give the corpus the"
                    + " model was trained on (CoNLL-U or word<TAB>UPOS lines; nothing was changed)");
        }
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

    /**
     * What {@code training} (null: none), a record that does not say its corpus was untagged, says of its tags, as
     * far as it says it: "was trained on tagged text" only when it records so ({@code tagged}); the shipped models
     * record neither {@code tagged} nor {@code layout}.
     */
    private static String taggedAsRecorded(TrainingInfo training) {
        if (training == null) {
            return "records no training, so not whether its corpus carried tags";
        }
        if (Boolean.TRUE.equals(training.tagged())) {
            return "was trained on tagged text";
        }
        CorpusLayout layout = training.layout();
        if (layout == null || layout == CorpusLayout.AUTO) {
            return "does not record whether its corpus carried tags (a model of before that was recorded)";
        }
        return "records its corpus read as " + layout.description() + ", though not whether it carried tags (a model"
                + " of before that was recorded)";
    }
}
