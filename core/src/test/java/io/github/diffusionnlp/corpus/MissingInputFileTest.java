package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.cli.FileErrors;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing input file ({@link InputFiles#requireRegularFile}: a corpus, a banned-words list) was refused with Java's
 * {@link NoSuchFileException}, whose message is the path as it is: a library caller that logs it, or a front end that
 * appends it to its own words (the OpenNLP tools keep a message's line breaks), wrote a line break in the name as a
 * line of its own and ran an ESC sequence (audit h240). Its message now writes the path as {@link Visible} does;
 * {@link NoSuchFileException#getFile()} is still the path, which callers read to name or locate it.
 */
class MissingInputFileTest {
    private static final String FORGING = "\u001B]0;OWNED\u0007\u001B[2J\nERROR forged";
    private static final String SHOWN = "<U+001B>]0;OWNED<U+0007><U+001B>[2J<U+000A>ERROR forged";

    @Test
    void aMissingFilesMessageShowsItsNameVisiblyAndItsFileIsThePath(@TempDir Path tmp) {
        Path corpus = tmp.resolve("c" + FORGING + ".tsv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TaggedCorpus.read(corpus));
        assertEquals(tmp + "/c" + SHOWN + ".tsv: corpus file not found", e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001B"), e.getMessage());
        assertEquals(corpus.toString(), e.getFile(), "the path as it is, for callers that read it");
        assertEquals("corpus file not found", e.getReason());
        assertEquals("java.nio.file.NoSuchFileException: " + e.getMessage(), e.toString(), "as Java's says it");
        // the command line's words for it, from the file and reason, as before (a hint on where follows: the test's
        // directory is a temporary one)
        assertTrue(FileErrors.describe(e).startsWith(e.getMessage()), FileErrors.describe(e));
        // a caller's own words around it: the visible name is not said twice
        IOException wrapped = new IOException(e.getMessage(), e);
        String said = FileErrors.withCause(wrapped.getMessage(), wrapped);
        assertTrue(said.startsWith(e.getMessage()) && said.indexOf(SHOWN) == said.lastIndexOf(SHOWN), said);
    }

    @Test
    void anOrdinaryNameIsSaidAsBefore(@TempDir Path tmp) {
        Path corpus = tmp.resolve("corpus.tsv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> InputFiles.requireRegularFile(corpus, "corpus file"));
        assertEquals(corpus + ": corpus file not found", e.getMessage());
        assertEquals(new NoSuchFileException(corpus.toString(), null, "corpus file not found").getMessage(),
                e.getMessage());
    }
}
