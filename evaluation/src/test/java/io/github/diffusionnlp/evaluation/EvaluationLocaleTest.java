package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation tool's main stops, as core's does ({@code JavaLocaleTest}), when Java decoded a non-ASCII argument
 * by a locale that is not UTF-8, saying so in one line rather than failing later on the mangled value (a model
 * directory "that does not exist").
 */
class EvaluationLocaleTest {
    @Test
    void aNonAsciiArgumentUnderTheCLocaleIsRefusedWithTheLocaleAsReason() throws Exception {
        ProcessBuilder builder = ChildJvm.command(List.of(), EvaluationMain.class, "constraints", "--model",
                "modèle");
        builder.environment().remove("LANG");
        builder.environment().put("LC_ALL", "C");
        ChildJvm.Run r = ChildJvm.run(builder, "", Duration.ofSeconds(60));
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().matches("error: Java decoded the command line by the locale's charset \\(ANSI_X3.4-1968\\),"
                + " which lost the characters of argument 3 \\('mod\uFFFD+le'\\) that it lacks; run under a UTF-8"
                + " locale, such as LC_ALL=C.UTF-8\n"), r.said());
    }
}
