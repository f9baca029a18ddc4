package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiffusionModel.Builder#optNgramCorpusReading(CorpusLayout, MultiwordTokens)} takes a reading
 * for a corpus named only, as the tools refuse {@code -ngramLayout} without {@code -ngramCorpus}: the model's own
 * training corpus is always read as its config.json records it was.
 */
class NgramCorpusReadingTest {
    @Test
    void aReadingWithoutACorpusIsRefusedNamingTheBuildersMethods(@TempDir Path tmp) throws Exception {
        Path packageFile = java.nio.file.Files.writeString(tmp.resolve("model.bin"), "not loaded: refused first");
        for (Path model : new Path[] {DefaultModel.locate(), packageFile}) {
            IllegalArgumentException layout = assertThrows(IllegalArgumentException.class,
                    () -> DiffusionModel.builder().optModel(model).optNgramCorpusReading(CorpusLayout.PLAIN, null).build());
            // a library caller is named the builder's methods, not the tools' parameters
            assertTrue(layout.getMessage().contains("optNgramCorpusReading(plain)")
                    && layout.getMessage().contains("optNgramCorpus(") && layout.getMessage().contains("config.json")
                    && !layout.getMessage().contains("ngramLayout"), layout.getMessage());
            IllegalArgumentException multiword = assertThrows(IllegalArgumentException.class,
                    () -> DiffusionModel.builder().optModel(model).optNgramCorpusReading(null, MultiwordTokens.SURFACE)
                            .build());
            assertTrue(multiword.getMessage().contains("optNgramCorpusReading(multiword surface)"), multiword.getMessage());
            // only what was given is named: not "ngramLayout null and ngramMultiword surface"
            assertFalse(layout.getMessage().contains("null") || multiword.getMessage().contains("null"),
                    layout.getMessage() + " / " + multiword.getMessage());
        }
    }
}
