package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
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
 * more it now ends so too.
 */
class CommandLineThreadsTest {
    /**
     * Runs the jar's main on three files with {@code -threads 2} and {@code args}; waits for it to exit, or, once it
     * has printed a failure, 30 s more (a run that hangs is then killed, not waited for).
     */
    private static ChildRuns.Run run(Path tmp, String... args) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(in.resolve("d" + i + ".txt"), "Document " + i + " says the [MASK] dog was very old.");
        }
        List<String> all = new ArrayList<>(List.of("-annotators", "tokenize,ssplit,diffusion",
                "-customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName(), "-diffusion.steps", "1",
                "-threads", "2", "-file", in.toString(), "-outputDirectory", tmp.toString()));
        all.addAll(List.of(args));
        return ChildRuns.watch(ChildJvm.command(List.of(), DiffusionCoreNLP.class, all.toArray(String[]::new)),
                tmp.resolve("said.txt"), Duration.ofMinutes(5),
                said -> said.contains("error:") || said.contains("Exception in thread"), Duration.ofSeconds(30));
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
