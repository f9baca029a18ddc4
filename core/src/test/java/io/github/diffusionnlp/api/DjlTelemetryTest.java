package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class DjlTelemetryTest {
    /** Loading the library's entry point turns DJL's usage tracking off (it connected to EC2's metadata address). */
    @Test
    void theEntryPointsOptOutOfDjlsUsageTracking() throws ClassNotFoundException {
        assumeTrue(System.getenv(DjlTelemetry.OPT_OUT) == null, "the environment decides");
        Class.forName(DiffusionLM.class.getName(), true, getClass().getClassLoader());
        assertEquals("true", System.getProperty(DjlTelemetry.OPT_OUT));
    }
}
