package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ExampleSources;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleTest {
    /** A log line of CoreNLP's below WARN, as slf4j-simple prints it. */
    private static final Pattern CORENLP_NOTE =
            Pattern.compile("\\[[^\\]]*] (TRACE|DEBUG|INFO) edu\\.stanford\\.nlp\\..*");

    @Test
    void compilesAgainstThisApi(@TempDir Path out) {
        ExampleSources.assertCompiles("corenlp/CoreNlpExample.java", out);
    }

    /**
     * Run as its header says, the example printed DJL's start-up notes, a {@code WARN ... Failed to detect GPU
     * count} among them on a machine without a GPU, which reads as an error: it now sets the ai.djl logger to ERROR.
     * It printed CoreNLP's own too, some 30 INFO lines of each pipeline's annotators and models loaded ("Adding
     * annotator tokenize", "Loading POS tagger from ...") between its results: it now sets the edu.stanford.nlp logger
     * to WARN, CoreNLP's Redwood logging through SLF4J.
     */
    @Test
    void runsWithoutDjlsOrCoreNlpsStartUpNotes(@TempDir Path out) throws Exception {
        String said = ExampleSources.run("corenlp/CoreNlpExample.java", "CoreNlpExample", out);
        ExampleSources.assertNoDjlNotes(said);
        assertEquals(List.of(), said.lines().filter(l -> CORENLP_NOTE.matcher(l).matches()).toList(), said);
    }
}
