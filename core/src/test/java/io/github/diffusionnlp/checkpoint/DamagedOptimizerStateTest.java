package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.train.DiffusionTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adam's moments in optimizer.ndlist holding a NaN or an infinity (audit h245): a resumed run restored them without
 * a word and trained on (the tiny model's ten resumed steps ended without an exception). A NaN moment makes AdamW's
 * update of its parameter NaN at the first step; an infinite second moment makes it 0 for good (the mean over the
 * square root of infinity), a parameter frozen silently. No run writes them (a step whose gradients are not finite is
 * skipped before it moves the moments), so the resume is refused, naming the file and the array.
 */
class DamagedOptimizerStateTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    /**
     * optimizer.ndlist with a NaN in a first moment, or an infinity in a second, its checksum recorded as a crafted
     * file's would be: the resumed run is refused naming the file and the array.
     */
    @ParameterizedTest
    @CsvSource({"NaN, #mean", "Infinity, #variance", "-Infinity, #mean"})
    void aResumeFromMomentsHoldingANanOrAnInfinityIsRefused(float bad, String kind, @TempDir Path dir)
            throws IOException {
        Path model = TestModels.copyOfTinyModel(dir);
        Path optimizer = model.resolve(ModelCheckpoint.OPTIMIZER);
        String damaged;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList state = NDList.decode(manager, Files.readAllBytes(optimizer));
            NDList out = new NDList();
            String chosen = null;
            for (NDArray array : state) {
                if (chosen == null && array.getName().endsWith(kind)) {
                    chosen = array.getName();
                    float[] values = array.toFloatArray();
                    values[values.length / 2] = bad;
                    NDArray changed = manager.create(values, array.getShape());
                    changed.setName(chosen);
                    out.add(changed);
                } else {
                    out.add(array);
                }
            }
            damaged = chosen;
            Files.write(optimizer, out.encode());
        }
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        String json = Files.readString(config);
        assertTrue(json.contains("\"optimizer.ndlist\" : \"crc32c:"), json);
        Files.writeString(config, json.replaceAll("(\"optimizer.ndlist\" : )\"[^\"]*\"",
                "$1\"" + CheckpointCommit.fingerprintOf(optimizer) + "\""));

        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new DiffusionTrainer(TestModels.tinyRun(model, 30, true, null, 0), QUIET).run());
        assertEquals(optimizer, e.file());
        assertTrue(e.getMessage().startsWith(optimizer + " holds " + damaged + ", which has 1 NaN or infinite value"),
                e.getMessage());
    }
}
