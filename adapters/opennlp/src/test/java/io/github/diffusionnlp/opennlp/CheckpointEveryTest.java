package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.train.TrainOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenNLP training checkpointed every 250 steps whatever was asked (core's train has --checkpoint-every): a run
 * stopped by a kill lost up to 249 steps. {@code CheckpointEvery} sets it, and a bad value is refused naming it.
 */
class CheckpointEveryTest {
    @Test
    void checkpointEverySetsTheStepsBetweenCheckpoints(@TempDir Path tmp) {
        Path corpus = tmp.resolve(ModelTraining.CORPUS_FILE);
        assertEquals(TrainOptions.DEFAULT_CHECKPOINT_EVERY, ModelTraining.options(Map.of(), corpus, tmp, false)
                .checkpointEvery());
        assertEquals(20, ModelTraining.options(Map.of("CheckpointEvery", "20"), corpus, tmp, false).checkpointEvery());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelTraining.options(Map.of("CheckpointEvery", "0"), corpus, tmp, false));
        assertTrue(e.getMessage().contains("CheckpointEvery"), e.getMessage());
        assertTrue(ModelTraining.KEYS.contains("CheckpointEvery"), "an allowed key");
    }
}
