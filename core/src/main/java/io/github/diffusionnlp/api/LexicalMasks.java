package io.github.diffusionnlp.api;

import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.SentimentLabeller;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.sample.WordMasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One model's lexical masks ({@link WordMasks}, {@link Constraints#withLexical}), built on first use (a few
 * vocabulary-sized rows, kept for the model's life), and the error that says why a model without its tag
 * lexicon cannot have them for a template.
 *
 * <p>Thread-safe: the masks are built under this object's monitor, so concurrent first lexical calls build them
 * once. They are arrays on the model's manager: the model asks for them only inside its {@code
 * Lifecycle#whileOpen}, so that close does not free the manager meanwhile.
 */
final class LexicalMasks {
    private final NDManager manager;
    private final ModelCheckpoint.Loaded model;
    /** What messages call the model (DiffusionLM's name). */
    private final String name;
    private WordMasks masks; // guarded by this

    LexicalMasks(NDManager manager, ModelCheckpoint.Loaded model, String name) {
        this.manager = manager;
        this.model = model;
        this.name = name;
    }

    /**
     * The masks, for rows that are about to be sampled with them.
     *
     * @throws IllegalStateException when a row has a template and the model lacks its tag lexicon, saying how
     *     to write one
     */
    WordMasks forRows(List<ModelRow> rows) {
        requireLexicon(rows.stream().anyMatch(ModelRow::hasTemplate));
        synchronized (this) {
            if (masks == null) {
                masks = WordMasks.build(manager, model.vocabulary(), model.tagLexicon(),
                        SentimentLabeller.afinn(), Constraints.LEXICAL_TAG_SHARE);
            }
            return masks;
        }
    }

    /**
     * Refuses lexical constraints under a template ({@code templated}) on a model without its tag lexicon, as {@link
     * #forRows} does: for a call that samples before its constrained rows (a rewrite fills its masks first), to refuse
     * them before it samples anything.
     *
     * @throws IllegalStateException as {@link #forRows}
     */
    void requireLexicon(boolean templated) {
        if (model.tagLexicon() == null && templated) {
            Path dir = model.directory();
            throw new IllegalStateException("lexical POS constraints need the model's " + ModelCheckpoint.TAG_LEXICON
                    + ", which " + (Files.isDirectory(dir)
                            ? Visible.of(dir) + " lacks (a model trained before it existed); write it with"
                                    + " `diffusion-nlp tag-lexicon --model " + ShellQuoted.of(Visible.of(dir))
                                    + " --corpus TRAINING.conllu.gz`"
                            // gone: e.g. the temporary copy an OpenNLP package was loaded from
                            : "model " + Visible.of(name)
                            + " was loaded without (a package made before packages carried it?); package"
                                    + " it again from a model directory that has one"));
        }
    }
}
