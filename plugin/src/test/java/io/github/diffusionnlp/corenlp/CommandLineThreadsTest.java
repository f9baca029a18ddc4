package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    /** How long a failed run may take to exit once it has said why. */
    private static final long EXIT_SECONDS = 30;

    private record Run(boolean exited, int code, String said) {}

    /**
     * Runs the jar's main on three files with {@code -threads 2} and {@code args}; waits for it to exit, or, once it
     * has printed a failure, {@value #EXIT_SECONDS} s more (a run that hangs is then killed, not waited for).
     */
    private static Run run(Path tmp, String... args) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(in.resolve("d" + i + ".txt"), "Document " + i + " says the [MASK] dog was very old.");
        }
        List<String> all = new ArrayList<>(List.of("-annotators", "tokenize,ssplit,diffusion",
                "-customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName(), "-diffusion.steps", "1",
                "-threads", "2", "-file", in.toString(), "-outputDirectory", tmp.toString()));
        all.addAll(List.of(args));
        Path log = tmp.resolve("said.txt");
        Process child = ChildJvm.command(List.of(), DiffusionCoreNLP.class, all.toArray(String[]::new))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!child.waitFor(200, TimeUnit.MILLISECONDS) && System.nanoTime() < giveUp) {
                String said = Files.readString(log, StandardCharsets.UTF_8);
                if (said.contains("error:") || said.contains("Exception in thread")) {
                    child.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
                    break;
                }
            }
            boolean exited = !child.isAlive();
            return new Run(exited, exited ? child.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aDocumentThatFailsOnAWorkerThreadEndsTheRunWithItsErrorLine(@TempDir Path tmp) throws Exception {
        // pos after diffusion, unenforced: the mask reads tags no annotator has set yet (UnenforcedOrderTest)
        Run r = run(tmp, "-annotators", "tokenize,ssplit,diffusion,pos", "-enforceRequirements", "false",
                "-diffusion.mask", "pos:ADJ");
        assertTrue(r.exited(), "the run went on waiting after its failure:\n" + r.said());
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: annotator \"diffusion\": diffusion.mask = 'pos:ADJ' needs the tokens'"
                + " part-of-speech tags"), r.said());
        assertFalse(r.said().contains("Exception in thread"), "one line, not the worker's stack trace:\n" + r.said());
    }

    @Test
    void theProtobufSerializersRefusalOnAWorkerThreadStillSaysWhatToAdd(@TempDir Path tmp) throws Exception {
        Run r = run(tmp, "-outputFormat", "serialized");
        assertTrue(r.exited(), "the run went on waiting after its failure:\n" + r.said());
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: CoreNLP's protobuf serializer cannot write the diffusion annotator's own"
                + " annotations"), r.said());
        assertTrue(r.said().contains("add -outputSerializer " + DiffusionProtobufSerializer.class.getName()), r.said());
    }
}
