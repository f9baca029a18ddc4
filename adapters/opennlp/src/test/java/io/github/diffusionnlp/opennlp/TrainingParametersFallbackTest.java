package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The keys of OpenNLP's TrainingParameters are read from its private map (the class lists namespaced ones no other
 * way). Where that fails (another OpenNLP release: the field gone, as a field name it does not have simulates),
 * every training call failed with an IllegalStateException, valid parameters included: the keys getObjectSettings()
 * gives are taken instead, with one WARN (captured from stderr, where the simple logger writes).
 */
@Isolated
class TrainingParametersFallbackTest {
    @Test
    void anUnreadableMapFallsBackToTheSettingsOpenNlpListsWithOneWarning() {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ITERATIONS_PARAM, 10);
        params.put(ModelTraining.SIZE, "tiny");
        params.put("diffusion", ModelTraining.SEED, 3);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Map<String, Object> first;
        Map<String, Object> second;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            first = ModelTraining.everySetting(params, "noSuchField");
            second = ModelTraining.everySetting(params, "noSuchField");
        } finally {
            System.setErr(err);
        }
        Map<String, Object> listed = Map.of(TrainingParameters.ITERATIONS_PARAM, 10, ModelTraining.SIZE, "tiny");
        assertEquals(listed, first);
        assertEquals(listed, second);
        String log = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.split("cannot be checked", -1).length - 1, log);
        // the real map, read as before: the namespaced key is there to be refused
        assertEquals(Map.of(TrainingParameters.ITERATIONS_PARAM, 10, ModelTraining.SIZE, "tiny", "diffusion.Seed", 3),
                ModelTraining.everySetting(params));
    }
}
