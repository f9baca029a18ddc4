package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log line a model's load writes names the model by its directory (or the name a front end gave it), which is
 * data: a path holding a line break, an ESC sequence or a bidi override is logged as {@code Visible} writes it, so it
 * can neither forge a log line of its own nor run in the terminal that shows the log.
 */
class LoadLogLineTest {
    @Test
    void aModelPathWithHiddenCharactersIsLoggedVisibly(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(Files.createDirectories(tmp.resolve("a\nWARN forged\u001b[2J\u202E")));
        String log = StderrLog.of(() -> {
            try (DiffusionLM lm = DiffusionLM.builder().optModel(model).optBatching(0, java.time.Duration.ZERO)
                    .build()) {
                assertEquals(5, lm.infill(List.of("The", DiffusionLM.MASK, "was", "late", "."),
                        SamplingOptions.builder().steps(1).build()).size());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> lines = log.lines().filter(l -> l.contains("diffusion-nlp: model ")).toList();
        assertEquals(1, lines.size(), log);
        assertTrue(lines.get(0).contains("a<U+000A>WARN forged<U+001B>[2J<U+202E>/model on "), log);
        assertFalse(log.contains("\u001b") || log.contains("\u202E") || log.lines().anyMatch(l -> l.startsWith(
                "WARN forged")), log);
    }

    @Test
    void aModelNameWithHiddenCharactersIsLoggedVisibly() {
        String log = StderrLog.of(() -> {
            try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.tinyModel()).optModelName("x\r\ny\u0085")
                    .optBatching(0, java.time.Duration.ZERO).build()) {
                assertTrue(lm.info().parameters() > 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(log.contains("diffusion-nlp: model x<U+000D><U+000A>y<U+0085> on "), log);
    }
}
