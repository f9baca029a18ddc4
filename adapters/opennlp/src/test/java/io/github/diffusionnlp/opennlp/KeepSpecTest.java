package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link KeepSpec#parse} names what is wrong with a spec, as the CLI's --keep and CoreNLP's keep do. */
class KeepSpecTest {
    @Test
    void aNegativeOrHugeIndexIsAnIndexOutOfRange() {
        for (String index : new String[] {"-1", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeepSpec.parse("0," + index));
            assertEquals("token index " + index + " in keep spec '0," + index + "' is out of range; allowed: 0-based"
                    + " token indexes, 0 (the first token) or more, each below its line's token count", e.getMessage());
        }
    }
}
