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

/** constraints' --n, checked before any model loads. */
@Isolated // swaps System.err
class ConstraintsNTest {

    /**
     * An --n of 2^29 or more overflowed int in 4 × N (the note on too few held-out sentences) and in slice()'s
     * k × N + j: negative indexes into the held-out pool, after the model and judges had loaded. It is refused
     * before, naming the bound, Integer.MAX_VALUE / 4.
     */
    @Test
    void anNWhoseFourSlicesCannotBeCountedIsRefused(@TempDir Path tmp) throws Exception {
        Path heldout = Files.writeString(tmp.resolve("heldout.txt"), "The cat sat on the mat .\n");
        for (String n : new String[] {"536870912", "2147483647"}) {
            PrintStream err = System.err;
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int code;
            try {
                System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
                code = EvaluationMain.run("constraints", "--n", n, "--heldout", heldout.toString(), "--out",
                        tmp.resolve("out").toString(), "--name", "big");
            } finally {
                System.setErr(err);
            }
            String said = e.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, said);
            assertTrue(said.contains("error: --n must be <= 536870911 (4 × N, the four tasks' slices of the held-out"
                    + " sentences, is counted in an int), got " + n), said);
        }
    }
}
