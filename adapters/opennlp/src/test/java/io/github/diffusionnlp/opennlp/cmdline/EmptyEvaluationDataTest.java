package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code InfillEvaluator -data} of an empty file (or blank lines only) loaded the model, printed "Evaluating ...", a
 * throughput of 0 sentences, then "no sentence to evaluate (0 read, each shorter than 4 tokens, longer than the
 * model's 64 or all punctuation)", a reason that is not the file's (audit h251). It is now refused as {@code Train}
 * refuses such a file, before the model loads.
 */
class EmptyEvaluationDataTest {
    @Test
    void anEmptyOrBlankFileIsRefusedAsSuchBeforeTheModelLoads(@TempDir Path tmp) throws IOException {
        for (String content : new String[] {"", "\n\n \n"}) {
            Path data = Files.writeString(tmp.resolve("heldout.txt"), content);
            DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "InfillEvaluator", "-data", data.toString(),
                    "-model", TestModels.tinyModel().toString(), "-steps", "2");
            assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
            assertEquals("-data " + data + ": no word_TAG sentence to evaluate (the file is empty or has only blank"
                    + " lines); give one sentence a line, e.g. The_DET jury_NOUN said_VERB ._PUNCT", r.stderr().strip());
            assertFalse(r.stderr().contains("Evaluating"), r.stderr());
        }
    }
}
