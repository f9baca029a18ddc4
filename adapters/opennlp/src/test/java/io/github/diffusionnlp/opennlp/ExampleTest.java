package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ExampleSources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {
    @Test
    void compilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("opennlp/OpenNlpExample.java", out);
    }

    /**
     * Run as its header says, the example printed DJL's start-up notes, a {@code WARN ... Failed to detect GPU
     * count} among them on a machine without a GPU, which reads as an error: it now sets the ai.djl logger to ERROR.
     */
    @Test
    void runsWithoutDjlsStartUpNotes(@TempDir Path out) throws Exception {
        ExampleSources.assertNoDjlNotes(ExampleSources.run("opennlp/OpenNlpExample.java", "OpenNlpExample", out));
    }

    /**
     * The example joined the model's words with a plain {@code DictionaryDetokenizer}, which writes the shipped
     * model's Brown quotes as they are ({@code grain''.}, {@code Barco's ````primary is''.}); it now joins them with
     * {@link DiffusionDetokenizer}, which writes them as typed text, as the tools' {@code -detokenize} does.
     */
    @Test
    void printsTheModelsQuotesAsTypedText(@TempDir Path out) throws Exception {
        String said = ExampleSources.run("opennlp/OpenNlpExample.java", "OpenNlpExample", out);
        assertEquals(List.of(), said.lines().filter(l -> l.contains("``") || l.contains("''")).toList(), said);
    }
}
