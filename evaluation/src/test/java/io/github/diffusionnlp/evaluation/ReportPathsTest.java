package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.api.ModelInfo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation's results files (constraints-*.json and .md, steering-*) named the model by the absolute path the
 * default model is found at (/work/main/test-data/models/brown-cdcd): the header every writer starts from,
 * Report.modelHeader, now names a model inside the working directory relative to it (the Markdown reads it from there).
 */
class ReportPathsTest {
    @Test
    void theModelHeaderNamesAModelInsideTheWorkingDirectoryRelativeToIt() {
        Path inside = Path.of("").toAbsolutePath().resolve("test-data/models/brown-cdcd");
        Map<String, Object> h = Report.modelHeader(new ModelInfo(inside, null, 7, null));
        assertEquals(Path.of("test-data", "models", "brown-cdcd").toString(), h.get("model"));
    }
}
