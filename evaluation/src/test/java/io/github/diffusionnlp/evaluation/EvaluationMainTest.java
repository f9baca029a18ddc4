package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvaluationMainTest {
    /** Without a command the evaluation tool says one is required and shows its usage (exit 2), as the CLI does. */
    @Test
    void withoutACommandTheToolAsksForOne() {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(2, EvaluationMain.run(new String[0]));
        } finally {
            System.setErr(err);
        }
        String said = e.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("a command is required\n") && said.contains("Usage: diffusion-nlp-evaluation "), said);
    }
}
