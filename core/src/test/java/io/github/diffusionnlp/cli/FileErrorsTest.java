package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The java.io.tmpdir hint is for the temporary files and directories Java made for the tools (a scratch or training
 * directory), whose place that setting changes; a path the user gave that lies under /tmp was said to be "a temporary
 * file, under java.io.tmpdir" too, pointing at a setting that changes nothing of it.
 */
class FileErrorsTest {
    private static final String TMP = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString();
    private static final String TEMPORARY = "; a temporary file, under java.io.tmpdir: name a writable directory with"
            + " -Djava.io.tmpdir=DIR";

    @Test
    void aPathTheUserGaveUnderTmpGetsNoTemporaryFileHint() {
        assertEquals(TMP + "/run/out: permission denied",
                FileErrors.describe(new AccessDeniedException(TMP + "/run/out")));
        assertEquals(TMP + "/results-2026/a-file: already exists",
                FileErrors.describe(new FileAlreadyExistsException(TMP + "/results-2026/a-file")));
        assertEquals("cannot write the report: " + TMP + "/h146/x.md: permission denied", FileErrors.withCause(
                "cannot write the report", new IOException("x", new AccessDeniedException(TMP + "/h146/x.md"))));
        // a directory named by the time, as `date +%Y%m%d%H%M%S` or epoch milliseconds name one: 14 and 13 digits
        assertEquals(TMP + "/run-20261206083000/banned.txt: no such file or directory",
                FileErrors.describe(new NoSuchFileException(TMP + "/run-20261206083000/banned.txt")));
        assertEquals(TMP + "/out1765010000000: permission denied",
                FileErrors.describe(new AccessDeniedException(TMP + "/out1765010000000")));
        // a temporary sibling of a file written into java.io.tmpdir itself (CheckpointFiles.createTemporarySibling)
        assertEquals(TMP + "/.x.md.8216340947310482563.tmp: permission denied",
                FileErrors.describe(new AccessDeniedException(TMP + "/.x.md.8216340947310482563.tmp")));
    }

    @Test
    void aTemporaryDirectoryJavaMadeThereKeepsTheHint() {
        // Files.createTempDirectory("diffusion-training") failing, and a file inside a scratch directory
        assertEquals(TMP + "/diffusion-training1590372058164539291: permission denied" + TEMPORARY,
                FileErrors.describe(new AccessDeniedException(TMP + "/diffusion-training1590372058164539291")));
        assertEquals(TMP + "/diffusion-model6993128390027345112/model.params: permission denied" + TEMPORARY,
                FileErrors.describe(new AccessDeniedException(TMP
                        + "/diffusion-model6993128390027345112/model.params")));
        assertEquals(TMP + "/benchmark-train7012165443782541225: permission denied" + TEMPORARY,
                FileErrors.describe(new AccessDeniedException(TMP + "/benchmark-train7012165443782541225")));
    }
}
