package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** compare-ar's report names the command that reruns it; a run must rerun as it was, its seed and device included. */
class CompareArCommandTest {
    private static String rerun(String... args) {
        CompareArCommand command = new CompareArCommand();
        new CommandLine(command).parseArgs(args);
        return command.rerunCommand();
    }

    @Test
    void theRerunCommandKeepsTheSeedAndDeviceGiven() {
        assertEquals("java -jar core/target/diffusion-nlp.jar compare-ar --quick --samples 5 --seed 7 --device auto",
                rerun("--quick", "--seed", "7", "--device", "auto", "--samples", "5"));
    }

    @Test
    void theRerunCommandKeepsTheDrawnLengthsRow() {
        assertEquals("java -jar core/target/diffusion-nlp.jar compare-ar --quick --draw-length",
                rerun("--quick", "--draw-length"));
    }

    @Test
    void defaultsAreLeftOut() {
        assertEquals("java -jar core/target/diffusion-nlp.jar compare-ar --quick",
                rerun("--quick", "--seed", "1", "--device", "cpu"));
    }

    /**
     * The rerun command is to be pasted into a shell: its paths and device were written raw, and one holding a space
     * or a quote reran something else. Each is quoted for a POSIX shell where it needs it, plain ones left as they are;
     * a control character is shown (report.md is read by a person, and an inline code span holds no line break).
     */
    @Test
    void theRerunCommandQuotesItsWordsForAShell() {
        assertEquals("java -jar core/target/diffusion-nlp.jar compare-ar --model 'my models/cdcd' --ar-model"
                + " 'it'\\''s/ar' --heldout '$HOME/held out.conllu' --out 'a<U+000A>b' --device 'gpu;x'",
                rerun("--model", "my models/cdcd", "--ar-model", "it's/ar", "--heldout", "$HOME/held out.conllu",
                        "--out", "a\nb", "--device", "gpu;x"));
        assertEquals("java -jar core/target/diffusion-nlp.jar compare-ar --model models/x --out /tmp/out",
                rerun("--model", "models/x", "--out", "/tmp/out"));
    }
}
