package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Utf8Lines;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.KeepSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import opennlp.tools.cmdline.TerminateToolException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A line the model fails on is run again alone ({@link LineBatcher#processLines}) with its sentences' places in the
 * run, which seed them; core's refusal names them by those places too, as a batch of the run's sentences from sentence
 * 7 names them ({@code InfillerME.infillFrom}): the Infill and Rewrite tools' runners took the place for the seeds
 * alone, and the refusal named the line's sentence 0 of the run's eight "sentence 0" (audit h226). No input the tools
 * read reaches such a refusal (OpenNLP's and core's splitting agree on whitespace, a mask written another way is read
 * as a word, a template is checked a line at a time), so the line here is one their reading would never give: a token
 * holding a space, split at '|'.
 */
class RetryNamingTest {
    private static DiffusionModel model;
    private static final SamplingOptions OPTIONS = SamplingOptions.builder().steps(1).seed(7).build();
    private static final String IN = "a [MASK]\n".repeat(7) + "c d|[MASK]\n";
    private static final String REFUSAL = "line 8: the model failed (token 0 of sentence 7, 'c d', holds whitespace";

    @BeforeAll
    static void load() throws IOException {
        model = DiffusionModel.loadDefault();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aRetriedInfillLineNamesItsSentenceByItsPlaceInTheRun() throws Exception {
        LineBatcher.BatchRunner runner = InfillTool.runner(model, OPTIONS);
        assertNamesSentence7(runner, 64, LineBatcher.Job::infill); // one batch, failed, then each line alone
        assertNamesSentence7(runner, 1, LineBatcher.Job::infill);  // each line its own batch
    }

    @Test
    void aRetriedRewriteLineNamesItsSentenceByItsPlaceInTheRun() throws Exception {
        LineBatcher.BatchRunner runner = RewriteTool.runner(model, OPTIONS, 0.5, KeepSpec.parse("0"),
                ConstraintSpec.NONE);
        Function<String[], LineBatcher.Job> job = t -> new LineBatcher.Job(t, new boolean[t.length],
                new boolean[t.length]);
        assertNamesSentence7(runner, 64, job);
        assertNamesSentence7(runner, 1, job);
    }

    /** Runs {@link #IN}'s eight lines, one sentence each (split at a space or '|'), in batches of {@code size}. */
    private static void assertNamesSentence7(LineBatcher.BatchRunner runner, int size,
            Function<String[], LineBatcher.Job> job) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TerminateToolException e = assertThrows(TerminateToolException.class, () -> LineBatcher.processLines(
                new ByteArrayInputStream(IN.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), size, (Utf8Lines.Line line) -> {
                    String[] tokens = line.text().split(line.text().contains("|") ? "\\|" : " ");
                    return new LineBatcher.ReadLine(line, List.<String[]>of(tokens), List.of(job.apply(tokens)));
                }, runner, null, "filling"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains(REFUSAL), "batch of " + size + ": " + errors);
        assertEquals(CmdTool.FAILED, e.getCode());
        assertTrue(e.getMessage().startsWith("1 of 8 lines written without filling: the model failed on line 8"),
                e.getMessage());
    }
}
