package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** steering's refusal of --overwrite without --name for other settings, which it says before any model loads. */
@Isolated // swaps System.err
class SteeringOverwriteTest {

    /**
     * --model naming the default model (as the README's commands do: {@code --model test-data/models/brown-cdcd}) was
     * counted as another setting beside --overwrite without --name, the default being no --model at all; the
     * directory it names is what counts, compared with the one the default is found at. Another directory still
     * differs.
     */
    @Test
    void theDefaultModelNamedIsNotAnotherSetting(@TempDir Path out) throws Exception {
        Path shipped = Path.of("..", "test-data", "models", "brown-cdcd");
        assertTrue(Files.isRegularFile(shipped.resolve("config.json")), Path.of("").toAbsolutePath().toString());
        String err = SteeringSmokeTest.refused("--model", shipped.toString(), "--no-probe", "--n", "2", "--weights",
                "0", "--overwrite", "--out", out.toString());
        assertTrue(err.contains("with a run of other settings (--n, --weights, --probe); give --name NAME"), err);
        err = SteeringSmokeTest.refused("--model", out.toString(), "--no-probe", "--overwrite", "--out",
                out.toString());
        assertTrue(err.contains("with a run of other settings (--model, --probe); give --name NAME"), err);
    }
}
