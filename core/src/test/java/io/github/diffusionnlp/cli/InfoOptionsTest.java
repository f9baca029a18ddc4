package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * info's neighbour options that ask for nothing (audit h244): {@code --neighbours ''} or {@code --neighbours ,,}
 * (commas alone, which the splitting eats: the comma word is a lone {@code ,}) and {@code --top K} without {@code
 * --neighbours} printed the model's description, exit 0, without a neighbour or a word of why.
 */
@Isolated
class InfoOptionsTest {
    private static final String MODEL = TestModels.shippedModel().toString();

    @Test
    void neighboursNamingNoWordAreRefused() {
        for (String value : new String[] {"", ",,"}) {
            Run r = MainTest.run("", "info", "--model", MODEL, "--neighbours", "said", "--neighbours", value);
            assertEquals(1, r.code(), r.err());
            assertEquals("error: --neighbours '" + value + "' names no word: give words separated by commas"
                    + " (--neighbours said,house), the comma word itself as --neighbours , alone\n", r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void topWithoutNeighboursIsRefused() {
        Run r = MainTest.run("", "info", "--model", MODEL, "--top", "3");
        assertEquals(1, r.code(), r.err());
        assertEquals("error: --top sets how many neighbours --neighbours lists, and no --neighbours was given; give"
                + " --neighbours WORD, or leave --top out\n", r.err());
        assertEquals("", r.out());
    }
}
