package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer;
import io.github.diffusionnlp.ChildJvm;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main under CoreNLP's {@code -threads}, which annotates and writes each file on a thread of its own: a
 * document that failed there ended that thread alone, with a stack trace, and the run then waited forever for the
 * thread's turn to pass to the next file (with {@code -threads 2} and 3 or more files), or, with no file left,
 * exited with 0 as if all were written. The same run on one thread prints one {@code error:} line and exits with 1; on
 * more it now ends so too, after the documents under way are written whole, and leaves no file of a failed document.
 */
class CommandLineThreadsTest {
    /**
     * Runs the jar's main on three files with {@code -threads 2} and {@code args}; waits for it to exit, or, once it
     * has printed a failure, 30 s more (a run that hangs is then killed, not waited for).
     */
    private static ChildRuns.Run run(Path tmp, String... args) throws Exception {
        return run(tmp, List.of(1, 2, 3).stream().map(i -> "Document " + i + " says the [MASK] dog was very old.")
                .toList(), args);
    }

    /** As above, file {@code dN.txt} holding {@code texts.get(N - 1)}. */
    private static ChildRuns.Run run(Path tmp, List<String> texts, String... args) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 1; i <= texts.size(); i++) {
            Files.writeString(in.resolve("d" + i + ".txt"), texts.get(i - 1));
        }
        List<String> all = new ArrayList<>(List.of("-annotators", "tokenize,ssplit,diffusion",
                "-customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName(), "-diffusion.steps", "1",
                "-threads", "2", "-file", in.toString(), "-outputDirectory", tmp.toString()));
        all.addAll(List.of(args));
        return ChildRuns.watch(ChildJvm.command(List.of(), DiffusionCoreNLP.class, all.toArray(String[]::new)),
                tmp.resolve("said.txt"), Duration.ofMinutes(5),
                said -> said.contains("error:") || said.contains("Exception in thread"), Duration.ofSeconds(30));
    }

    /** Three files, the second's document failing: the protobuf serializer refuses the keys its infill wrote. */
    private static final List<String> SECOND_FAILS = List.of("Nothing to fill in this one.",
            "The [MASK] dog was very old.", "Nor in this one, really.");

    /**
     * The failed document's file was opened before its output was rendered, so a failing serializer left it half
     * written (the run ended there), and the run ended the JVM at once, under the files other threads were writing.
     * Now a failed document leaves no file, the documents under way are written whole, and the run, stopping at the
     * failure as CoreNLP's does, names the file.
     */
    @Test
    void aFailedDocumentLeavesNoFileAndTheOthersUnderWayAreWrittenWhole(@TempDir Path tmp) throws Exception {
        ChildRuns.Run r = run(tmp, SECOND_FAILS, "-outputFormat", "serialized");
        assertTrue(r.exited(), r.said());
        assertEquals(1, r.code(), r.said());
        assertFalse(Files.exists(tmp.resolve("d2.txt.ser.gz")), "the failed document's file is there:\n" + r.said());
        assertWhole(tmp.resolve("d1.txt.ser.gz"), SECOND_FAILS.get(0)); // under way beside the failed one
        if (Files.exists(tmp.resolve("d3.txt.ser.gz"))) { // started before the failure: whole; after it: not begun
            assertWhole(tmp.resolve("d3.txt.ser.gz"), SECOND_FAILS.get(2));
        }
        assertTrue(r.said().contains("error: not written: " + tmp.resolve("in").resolve("d2.txt")
                + " (its document failed)"), r.said());
    }

    /** With continueOnAnnotateError the run goes on past the failure, and still exits with 1 naming the file. */
    @Test
    void continueOnAnnotateErrorWritesTheRestAndStillNamesTheFailedFile(@TempDir Path tmp) throws Exception {
        ChildRuns.Run r = run(tmp, SECOND_FAILS, "-outputFormat", "serialized", "-continueOnAnnotateError", "true");
        assertTrue(r.exited(), r.said());
        assertEquals(1, r.code(), r.said());
        assertFalse(Files.exists(tmp.resolve("d2.txt.ser.gz")), r.said());
        assertWhole(tmp.resolve("d1.txt.ser.gz"), SECOND_FAILS.get(0));
        assertWhole(tmp.resolve("d3.txt.ser.gz"), SECOND_FAILS.get(2));
        assertTrue(r.said().contains("error: not written: " + tmp.resolve("in").resolve("d2.txt")
                + " (its document failed); 2 files written"), r.said());
    }

    /**
     * The failure's summary counts the files {@code -noClobber} skipped, their output there already: it counted the
     * files written and not annotated only, so a run that skipped most of its files seemed to have had fewer.
     */
    @Test
    void theSummaryCountsTheFilesNoClobberSkipped(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("d1.txt.ser.gz"), "an earlier run's");
        ChildRuns.Run r = run(tmp, SECOND_FAILS, "-outputFormat", "serialized", "-continueOnAnnotateError", "true",
                "-noClobber", "true");
        assertTrue(r.exited(), r.said());
        assertEquals(1, r.code(), r.said());
        assertEquals("an earlier run's", Files.readString(tmp.resolve("d1.txt.ser.gz")));
        assertWhole(tmp.resolve("d3.txt.ser.gz"), SECOND_FAILS.get(2));
        assertTrue(r.said().contains("error: not written: " + tmp.resolve("in").resolve("d2.txt")
                + " (its document failed); 1 file written, 1 skipped (its output was there already: -noClobber)\n"),
                r.said());
    }

    /**
     * A file CoreNLP's loop skips for another reason, listed in {@code -excludeFiles}, is not counted among those
     * {@code -noClobber} skipped, though its output is there: it was, its output being all the count looked at.
     */
    @Test
    void anExcludedFileIsNotCountedAsSkippedByNoClobber(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("d1.txt.ser.gz"), "an earlier run's");
        Path excluded = Files.writeString(tmp.resolve("excluded.txt"), "d1.txt\n");
        ChildRuns.Run r = run(tmp, SECOND_FAILS, "-outputFormat", "serialized", "-continueOnAnnotateError", "true",
                "-noClobber", "true", "-excludeFiles", excluded.toString());
        assertTrue(r.exited(), r.said());
        assertEquals(1, r.code(), r.said());
        assertEquals("an earlier run's", Files.readString(tmp.resolve("d1.txt.ser.gz")));
        assertTrue(r.said().contains("error: not written: " + tmp.resolve("in").resolve("d2.txt")
                + " (its document failed); 1 file written\n"), r.said());
    }

    /** {@code file} reads back, whole, as the document of {@code text}. */
    private static void assertWhole(Path file, String text) throws Exception {
        assertTrue(Files.exists(file), file + " was not written");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Annotation doc = new ProtobufAnnotationSerializer().read(in).first;
            assertEquals(text, doc.get(CoreAnnotations.TextAnnotation.class), file.toString());
        }
    }

    @Test
    void aDocumentThatFailsOnAWorkerThreadEndsTheRunWithItsErrorLine(@TempDir Path tmp) throws Exception {
        // pos after diffusion, unenforced: the mask reads tags no annotator has set yet (UnenforcedOrderTest)
        ChildRuns.Run r = run(tmp, "-annotators", "tokenize,ssplit,diffusion,pos", "-enforceRequirements", "false",
                "-diffusion.mask", "pos:ADJ");
        assertTrue(r.exited(), "the run went on waiting after its failure:\n" + r.said());
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: annotator \"diffusion\": diffusion.mask = 'pos:ADJ' needs the tokens'"
                + " part-of-speech tags"), r.said());
        assertFalse(r.said().contains("Exception in thread"), "one line, not the worker's stack trace:\n" + r.said());
    }

    @Test
    void theProtobufSerializersRefusalOnAWorkerThreadStillSaysWhatToAdd(@TempDir Path tmp) throws Exception {
        ChildRuns.Run r = run(tmp, "-outputFormat", "serialized");
        assertTrue(r.exited(), "the run went on waiting after its failure:\n" + r.said());
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: CoreNLP's protobuf serializer cannot write the diffusion annotator's own"
                + " annotations"), r.said());
        assertTrue(r.said().contains("add -outputSerializer " + DiffusionProtobufSerializer.class.getName()), r.said());
    }
}
