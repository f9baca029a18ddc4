package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main given a {@code -props} or {@code -file} that is not there printed StanfordCoreNLP's stack trace; it
 * prints one {@code error:} line naming the option and the file, as it does the annotator's refusals. The exceptions
 * are the ones StanfordCoreNLP's own main throws for them.
 */
class MissingFileTest {
    @Test
    void aMissingPropertiesFileIsNamed(@TempDir Path tmp) {
        Path props = tmp.resolve("infill.properties");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> StanfordCoreNLP.main(new String[] {"-props", props.toString()}));
        assertEquals("-props " + props + ": no such file (nor a class path resource or URL of that name); give the"
                + " path of a properties file", DiffusionCoreNLP.missingFile(e));
    }

    @Test
    void aMissingInputFileIsNamed(@TempDir Path tmp) throws Exception {
        Path props = Files.writeString(tmp.resolve("split.properties"), "annotators = tokenize,ssplit\n");
        Path input = tmp.resolve("in.txt");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> StanfordCoreNLP.main(new String[] {"-props", props.toString(), "-file", input.toString()}));
        assertEquals("-file " + input + ": no such file or directory; give a text file, or a directory of them, to"
                + " annotate", DiffusionCoreNLP.missingFile(e));
        // named in the properties file, it is refused the same way
        Files.writeString(props, "annotators = tokenize,ssplit\nfile = " + input + "\n");
        RuntimeException inProps = assertThrows(RuntimeException.class,
                () -> StanfordCoreNLP.main(new String[] {"-props", props.toString()}));
        assertEquals(DiffusionCoreNLP.missingFile(e), DiffusionCoreNLP.missingFile(inProps));
    }

    @Test
    void otherErrorsAreNotTakenForAMissingFile() {
        assertNull(DiffusionCoreNLP.missingFile(new IllegalArgumentException("File doesn't exist: x")),
                "not thrown by CoreNLP's file reader");
        assertNull(DiffusionCoreNLP.missingFile(new IllegalStateException("boom")));
    }
}
