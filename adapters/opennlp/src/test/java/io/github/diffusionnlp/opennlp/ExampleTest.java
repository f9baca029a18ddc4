package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ExampleSources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/opennlp/OpenNlpExample.java compiles against this API and runs as its header says (one run: ~20 s). */
class ExampleTest {
    /**
     * Run, the example printed DJL's start-up notes, a {@code WARN ... Failed to detect GPU count} among them on a
     * machine without a GPU, which reads as an error: it now sets the ai.djl logger to ERROR. And it joined the
     * model's words with a plain {@code DictionaryDetokenizer}, which writes the shipped model's Brown quotes as they
     * are ({@code grain''.}, {@code Barco's ````primary is''.}); it now joins them with {@link DiffusionDetokenizer},
     * which writes them as typed text, as the tools' {@code -detokenize} does.
     */
    @Test
    void compilesAndRunsQuietlyPrintingTypedQuotes(@TempDir Path out) throws Exception {
        String said = ExampleSources.run("opennlp/OpenNlpExample.java", "OpenNlpExample", out);
        ExampleSources.assertNoDjlNotes(said);
        assertEquals(List.of(), said.lines().filter(l -> l.contains("``") || l.contains("''")).toList(), said);
    }
}
