package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        String err = refused("--model", shipped.toString(), "--no-probe", "--n", "2", "--weights", "0",
                "--overwrite", "--out", out.toString());
        assertTrue(err.contains("with a run of other settings (--n, --weights, --probe); give --name NAME"), err);
        err = refused("--model", out.toString(), "--no-probe", "--overwrite", "--out", out.toString());
        assertTrue(err.contains("with a run of other settings (--model, --probe); give --name NAME"), err);
    }

    private static String refused(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "steering";
        System.arraycopy(options, 0, args, 1, options.length);
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(1, EvaluationMain.run(args));
        } finally {
            System.setErr(err);
        }
        return e.toString(StandardCharsets.UTF_8);
    }
}
