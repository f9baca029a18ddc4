package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.evaluation.SteeringEvaluation.Result;
import io.github.diffusionnlp.evaluation.SteeringEvaluation.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steering table's sampling seconds are given to a tenth, as the run's own lines ("done in 0.4 s") and the
 * header's wall time are: rounded to whole seconds, a quick run's rows all read 0 and rows of 9.6 and 10.4 s both
 * read 10.
 */
class SteeringReportTest {
    @Test
    void samplingSecondsAreGivenToATenth() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("model", "m");
        h.put("parameters", 1000);
        h.put("n", 2);
        h.put("length", 10);
        h.put("steps", 16);
        h.put("seed", 200);
        h.put("batch", 2);
        h.put("posteriorSeed", 7);
        h.put("weights", List.of(1.0));
        h.put("wallSeconds", 1.2);
        h.put("processors", 2);
        h.put("finished", "2026-12-07T12:00:00Z");
        List<Row> rows = List.of(new Row("unguided", null, null, 2, 0.5, 0.25, 1, 0, 0.43),
                new Row("LexiconSentimentScorer", "positive", 1.0, 2, 0.5, 0.25, 1, 0, 12.96));
        String md = SteeringReport.markdown(new Result(h, rows, List.of()));
        assertTrue(md.contains("| unguided | — | — | 2 | 0.500 | 0.250 | 1 | 0 | 0.4 |"), md);
        assertTrue(md.contains("| LexiconSentimentScorer | positive | 1 | 2 | 0.500 | 0.250 | 1 | 0 | 13.0 |"), md);
    }
}
