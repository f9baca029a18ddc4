package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ToolDefaultsTest {
    @Test
    void aServerRunsOneIntraOpThreadUnlessTheUserChoseACount() {
        Properties fresh = new Properties();
        assertNotNull(ToolDefaults.oneIntraOpThreadForAServer(fresh, Map.of()));
        assertEquals("1", fresh.getProperty("ai.djl.pytorch.num_threads"));

        Properties chosen = new Properties();
        chosen.setProperty("ai.djl.pytorch.num_threads", "2");
        assertNull(ToolDefaults.oneIntraOpThreadForAServer(chosen, Map.of()), "the user's property stands");
        assertEquals("2", chosen.getProperty("ai.djl.pytorch.num_threads"));

        Properties byEnvironment = new Properties();
        assertNull(ToolDefaults.oneIntraOpThreadForAServer(byEnvironment, Map.of("OMP_NUM_THREADS", "2")),
                "OMP_NUM_THREADS stands");
        assertNull(byEnvironment.getProperty("ai.djl.pytorch.num_threads"));
    }
}
