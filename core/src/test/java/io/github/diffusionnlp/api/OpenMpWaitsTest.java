package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command-line tools' passive OpenMP waits ({@link OpenMpWaits}): set in the native environment, unless chosen. */
class OpenMpWaitsTest {
    @Test
    void onLinuxTheNativeEnvironmentSaysPassiveAfterwards() {
        assumeTrue(OpenMpWaits.wanted(System.getProperty("os.name", ""), System.getenv().keySet()),
                "Linux, and no OMP_WAIT_POLICY or GOMP_SPINCOUNT of the user's");
        assertTrue(OpenMpWaits.passive());
        assertEquals("PASSIVE", Libc.load().getenv(OpenMpWaits.POLICY), "what libgomp reads");
    }

    @Test
    void theUsersChoiceAndOtherSystemsAreLeftAlone() {
        assertTrue(OpenMpWaits.wanted("Linux", Set.of("PATH")));
        assertFalse(OpenMpWaits.wanted("Linux", Set.of("OMP_WAIT_POLICY")), "the user's policy stands");
        assertFalse(OpenMpWaits.wanted("Linux", Set.of("GOMP_SPINCOUNT")), "so does a spin count of theirs");
        assertFalse(OpenMpWaits.wanted("Mac OS X", Set.of()), "not libgomp there");
    }
}
