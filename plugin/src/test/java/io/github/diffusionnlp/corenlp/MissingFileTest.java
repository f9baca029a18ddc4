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

    /**
     * The file's name was written raw after {@code -props} or {@code -file} (audit h240): a line break in it forged a
     * line of its own after the {@code error:} line, an ESC sequence ran in the terminal. Linux file names may hold
     * both; the name is written as {@link io.github.diffusionnlp.corpus.Visible} writes it.
     */
    @Test
    void aMissingFilesNameIsWrittenVisibly(@TempDir Path tmp) throws Exception {
        String forging = "\u001B]0;OWNED\u0007\u001B[2J\nERROR forged";
        String shown = "<U+001B>]0;OWNED<U+0007><U+001B>[2J<U+000A>ERROR forged";
        Path props = tmp.resolve("p" + forging + ".properties");
        RuntimeException noProps = assertThrows(RuntimeException.class,
                () -> StanfordCoreNLP.main(new String[] {"-props", props.toString()}));
        assertEquals("-props " + tmp + "/p" + shown + ".properties: no such file (nor a class path resource or URL of"
                + " that name); give the path of a properties file", DiffusionCoreNLP.missingFile(noProps));

        Path split = Files.writeString(tmp.resolve("split.properties"), "annotators = tokenize,ssplit\n");
        Path input = tmp.resolve("in" + forging + ".txt");
        RuntimeException noInput = assertThrows(RuntimeException.class,
                () -> StanfordCoreNLP.main(new String[] {"-props", split.toString(), "-file", input.toString()}));
        assertEquals("-file " + tmp + "/in" + shown + ".txt: no such file or directory; give a text file, or a"
                + " directory of them, to annotate", DiffusionCoreNLP.missingFile(noInput));
        assertEquals("error: " + DiffusionCoreNLP.missingFile(noInput), DiffusionCoreNLP.errorLine(noInput));
    }

    @Test
    void otherErrorsAreNotTakenForAMissingFile() {
        assertNull(DiffusionCoreNLP.missingFile(new IllegalArgumentException("File doesn't exist: x")),
                "not thrown by CoreNLP's file reader");
        assertNull(DiffusionCoreNLP.missingFile(new IllegalStateException("boom")));
    }
}
