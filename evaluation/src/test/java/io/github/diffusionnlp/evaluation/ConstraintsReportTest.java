package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Result;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The constraints table's sampling seconds are given to a tenth, as the run's own lines ("done in 0.4 s"), the
 * header's wall time and the steering table's are: rounded to whole seconds, a quick run's rows all read 0 and rows of
 * 9.6 and 10.4 s both read 10.
 */
class ConstraintsReportTest {
    @Test
    void samplingSecondsAreGivenToATenth() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("model", "m");
        h.put("parameters", 1000);
        h.put("tasks", List.of("pos", "length"));
        h.put("n", 2);
        h.put("steps", 8);
        h.put("seed", 200);
        h.put("batch", 2);
        h.put("wallSeconds", 1.2);
        h.put("processors", 2);
        h.put("finished", "2026-12-07T12:00:00Z");
        List<Row> rows = List.of(
                new Row("POS template", "template", 1.0, 2, "tag accuracy", 0.5, 0.25, 1.0, null, 0, 2.5, 0, 3.5,
                        0.43, Map.of()),
                new Row("length", "given length", null, 2, "exact length", 1, 0.5, null, null, 0, 2.5, 0, 3.5, 12.96,
                        Map.of()));
        String md = Report.markdown(new Result(h, rows, List.of()));
        assertTrue(md.contains("| 2.50 | 0.0% | 3.50 | 0.4 |\n"), md);
        assertTrue(md.contains("| 2.50 | 0.0% | 3.50 | 13.0 |\n"), md);
    }
}
