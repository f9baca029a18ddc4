package io.github.diffusionnlp.evaluation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals of where a run's files go (--name not a file name, --out a file or not writable, an earlier run's
 * files there) quoted --name, --out and the file raw: the evaluation prints a message keeping its line breaks, so
 * one in a name forged a line of its own.
 */
class ReportOutputNamesTest {
    private static final String FORGING = "\u001B[2J\nERROR forged";

    @Test
    void whereTheFilesGoIsQuotedVisibly(@TempDir Path tmp) throws IOException {
        String name = "runs" + FORGING + "/first";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.prepare(tmp, name, false));
        assertTrue(e.getMessage().startsWith("--name " + Visible.of(name) + " is not a file name"), e.getMessage());
        assertShown(e.getMessage());

        Path file = Files.writeString(tmp.resolve("f" + FORGING), "x");
        e = assertThrows(IllegalArgumentException.class, () -> Report.prepare(file.resolve("results"), "r", false));
        assertTrue(e.getMessage().startsWith("--out " + Visible.of(file.resolve("results")) + " cannot be made: "
                + Visible.of(file) + " is a file, not a directory"), e.getMessage());
        assertShown(e.getMessage());

        Path dir = Files.createDirectory(tmp.resolve("d" + FORGING));
        String stem = "r" + FORGING;
        Files.writeString(Report.files(dir, stem).get(0), "earlier");
        e = assertThrows(IllegalArgumentException.class, () -> Report.prepare(dir, stem, false));
        assertTrue(e.getMessage().startsWith(Visible.of(Report.files(dir, stem).get(0))
                + " holds the results of an earlier run"), e.getMessage());
        assertShown(e.getMessage());
    }

    /**
     * A --name whose files' names pass the 255 bytes a file name may have was taken, and the file system refused
     * NAME-samples.tsv's temporary file only when the files were written, after the whole run ("File name too long"):
     * its samples were lost. It is refused before the run; the longest name taken is written whole.
     */
    @Test
    void aNameTooLongForItsFilesIsRefusedBeforeTheRun(@TempDir Path tmp) throws IOException {
        for (String name : List.of("a".repeat(Report.MAX_NAME_BYTES + 1), "é".repeat(110), "a".repeat(245))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Report.prepare(tmp, name, false), name);
            assertTrue(e.getMessage().startsWith("--name " + name + " is too long: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("give a name of at most 218 bytes"), e.getMessage());
        }
        String longest = "é".repeat(Report.MAX_NAME_BYTES / 2);
        Report.prepare(tmp, longest, false);
        List<Path> written = Report.writeFiles(tmp, longest, List.of("task"), new LinkedHashMap<>(), List.of(), "# t");
        for (Path file : written) {
            assertTrue(Files.isRegularFile(file), file.toString());
        }
    }

    private static void assertShown(String message) {
        assertFalse(message.contains("\u001B") || message.contains("\n"), message);
    }
}
