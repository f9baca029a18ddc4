package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's way to {@code train --resume --out DIR}: {@code TrainOptions.builder(null, out).resume(true)} trains
 * on the corpus the checkpoint records ({@code ResumeWithoutCorpusTest} runs it); a null corpus without {@code
 * resume}, or on a directory without a checkpoint, is refused in the builder's names.
 */
class RecordedCorpusTest {
    @Test
    void aNullCorpusNeedsResume(@TempDir Path tmp) {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> TrainOptions.builder(null, tmp.resolve("m")).build());
        assertEquals("corpus (null only with resume(true), to train on the corpus the checkpoint records)",
                e.getMessage());
    }

    /**
     * A dev split left unsaid is the recorded one on resuming; noDev() says none (dev(null) stays "not said"), as
     * train --no-dev does, and is named so in the run's messages.
     */
    @Test
    void noDevSaysNoneWhereDevNullLeavesItUnsaid(@TempDir Path tmp) {
        Path out = tmp.resolve("m");
        assertFalse(TrainOptions.builder(null, out).resume(true).build().said(TrainOptions.Setting.DEV));
        assertFalse(TrainOptions.builder(null, out).resume(true).dev(null).build().said(TrainOptions.Setting.DEV));
        TrainOptions none = TrainOptions.builder(null, out).resume(true).noDev().build();
        assertTrue(none.said(TrainOptions.Setting.DEV));
        assertEquals(null, none.dev());
        assertTrue(TrainOptions.builder(null, out).resume(true).dev(tmp.resolve("d")).build().said(TrainOptions.Setting.DEV));
        assertEquals("noDev()", SettingNames.BUILDER.given(TrainOptions.Setting.DEV, false));
        assertEquals("--no-dev", SettingNames.COMMAND_LINE.given(TrainOptions.Setting.DEV, false));
    }

    @Test
    void aNullCorpusOnADirectoryWithoutCheckpointIsRefusedInTheBuildersNames(@TempDir Path tmp) {
        Path out = tmp.resolve("m");
        TrainOptions options = TrainOptions.builder(null, out).resume(true).build();
        IOException e = assertThrows(IOException.class, () -> new DiffusionTrainer(options,
                new PrintStream(OutputStream.nullOutputStream())).run());
        assertEquals(out + " holds no checkpoint whose corpus resume(true) could train on, and a new model needs one;"
                + " give TrainOptions.builder's corpus \"FILE\", the corpus to train it on", e.getMessage());
        assertFalse(out.toFile().exists(), "nothing made");
    }
}
