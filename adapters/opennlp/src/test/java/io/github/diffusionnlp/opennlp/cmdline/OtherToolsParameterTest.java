package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.opennlp.cmdline.DiffusionNlpToolTest.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parameter of another of these tools given to one that does not take it ({@code Infill -length 5}, Generate's) was
 * OpenNLP's bare "Unrecognized parameters encountered: [-length]": it names the tools that take it now, read off their
 * parameter interfaces, with the usage and exit code 1 as before. A tool's own refusals ({@code refused()}), which say
 * why, come first as before, and a name no tool has is unrecognized as before.
 */
class OtherToolsParameterTest {

    @Test
    void aParameterOfAnotherToolNamesTheToolThatTakesIt() {
        for (String[] c : List.of(new String[] {"Infill", "-length", "5", "-length", "Generate takes it"},
                new String[] {"Rewrite", "-count", "3", "-count", "Generate takes it"},
                new String[] {"Generate", "-strength", "0.5", "-strength", "Rewrite takes it"},
                new String[] {"Infill", "-top", "3", "-top", "Suggest takes it"},
                new String[] {"Generate", "-keep", "0", "-keep", "Rewrite takes it"},
                new String[] {"Generate", "-tokenized", "true", "-tokenized", "Infill, Suggest and Rewrite take it"},
                new String[] {"Infill", "-data", "x.pos", "-data", "Train and InfillEvaluator take it"})) {
            Run r = DiffusionNlpToolTest.run("a [MASK]\n", c[0], c[1], c[2]);
            String call = c[0] + " " + c[1] + " " + c[2];
            assertEquals(CmdTool.BAD_PARAMETERS, r.code(), call + ": " + r.stderr());
            assertTrue(r.stderr().startsWith(c[3] + " is not a parameter of " + c[0] + "; " + c[4] + "\n\n")
                    && r.stderr().contains("Usage: java -jar diffusion-nlp-opennlp.jar " + c[0] + " "),
                    call + ": " + r.stderr());
            assertEquals("", r.out(), call);
        }
    }

    /** Beside -help, with two dashes, and beside a name no tool has, each named on its own line. */
    @Test
    void itIsNamedBesideHelpWithTwoDashesAndBesideAnUnknownName() {
        Run help = DiffusionNlpToolTest.run("", "Infill", "-help", "-length", "5");
        assertEquals(CmdTool.BAD_PARAMETERS, help.code(), help.stderr());
        assertTrue(help.stderr().startsWith("-length is not a parameter of Infill; Generate takes it\n\n"),
                help.stderr());
        assertEquals("", help.out());
        Run dashes = DiffusionNlpToolTest.run("a [MASK]\n", "Infill", "--length", "5");
        assertEquals(CmdTool.BAD_PARAMETERS, dashes.code(), dashes.stderr());
        assertTrue(dashes.stderr().startsWith("--length is not a parameter of Infill; Generate takes -length\n\n"),
                dashes.stderr());
        Run both = DiffusionNlpToolTest.run("a [MASK]\n", "Infill", "-bogus", "1", "-length", "5");
        assertEquals(CmdTool.BAD_PARAMETERS, both.code(), both.stderr());
        assertTrue(both.stderr().startsWith("-length is not a parameter of Infill; Generate takes it\n"
                + "Unrecognized parameters encountered: [-bogus]\n\n"), both.stderr());
    }

    /** A name no tool has ({@code -k}) is unrecognized as before; a tool's own refusals still say why. */
    @Test
    void unknownNamesAndTheToolsOwnRefusalsAreAsBefore() {
        Run k = DiffusionNlpToolTest.run("a [MASK]\n", "Infill", "-k", "3");
        assertEquals(CmdTool.BAD_PARAMETERS, k.code(), k.stderr());
        assertTrue(k.stderr().startsWith("Unrecognized parameters encountered: [-k]\n\n"), k.stderr());
        for (String[] c : List.of(new String[] {"Infill", "-posTemplate", "DET NOUN", "-posTemplate gives"},
                new String[] {"Rewrite", "-unguidedLength", "true", "-unguidedLength leaves"},
                new String[] {"Suggest", "-steps", "3", "-steps "},
                new String[] {"Suggest", "-candidates", "3", "-candidates ranks"})) {
            Run r = DiffusionNlpToolTest.run("a [MASK]\n", c[0], c[1], c[2]);
            assertEquals(CmdTool.BAD_PARAMETERS, r.code(), r.stderr());
            assertTrue(r.stderr().startsWith(c[3]) && !r.stderr().contains("is not a parameter of"), r.stderr());
        }
    }
}
