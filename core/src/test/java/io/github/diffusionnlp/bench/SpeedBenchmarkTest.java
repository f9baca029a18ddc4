package io.github.diffusionnlp.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedBenchmarkTest {
    /**
     * The training figures reached only the final tables: a benchmark stopped while sampling kept the matmul
     * and sampling figures in its log, not the training ones. They are logged when measured.
     */
    @Test
    void trainingFiguresAreLoggedWhenMeasured() throws Exception {
        List<String> log = new ArrayList<>();
        new SpeedBenchmark(log::add).training(TestModels.devCorpus(), "tiny", 4, 4, 1);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("training tiny, batch 4, steps 5–5: ")
                && l.contains(" tokens/s") && l.contains(" GFLOP/s")), log.toString());
    }
}
