package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.train.ArTrainer;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.PrintStream;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

// the trainers' check runs before this class's own call of keepFreedMemory
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeHeapTest {
    /** A block of the size a training step frees and asks for again: above glibc's default mmap threshold. */
    private static final long BLOCK = 24L << 20;

    /**
     * The trainers are library classes: they called keepFreedMemory, so an application that trained a model
     * (a server, say) had glibc's allocator changed for the whole process and kept its peak native memory. Only
     * the tools' mains call it now (no test calls a main, which exits the JVM).
     */
    @Test
    @Order(1)
    void theTrainersLeaveTheProcesssAllocatorAlone(@TempDir Path tmp) throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        new DiffusionTrainer(TestModels.tinyRun(tmp.resolve("cdcd"), 1, false, null, 0), quiet).run();
        new ArTrainer(TrainOptions.builder(TestModels.devCorpus(), tmp.resolve("ar")).size("tiny").vocabSize(2000)
                .maxLength(32).batchSize(8).steps(1).seed(7).contextEmbeddings(false).build(), null,
                quiet).run();
        assertFalse(NativeHeap.wasCalled(), "a trainer changed glibc's allocator settings for the whole process");
    }

    @Test
    @Order(2)
    void yieldsToTheUsersOwnSettings() {
        assertTrue(NativeHeap.wanted(null, "Linux", Set.of("PATH", "HOME")));
        assertFalse(NativeHeap.wanted("default", "Linux", Set.of()), "-Ddiffusion.nativeHeap=default");
        assertFalse(NativeHeap.wanted(null, "Linux", Set.of("MALLOC_ARENA_MAX")), "a MALLOC_* variable set");
        assertFalse(NativeHeap.wanted(null, "Mac OS X", Set.of()), "not glibc");
    }

    /**
     * With glibc's defaults a freed 24 MiB block is unmapped and the next one faulted in page by page
     * (about 6,000 faults); kept in the heap it is reused with none.
     */
    @Test
    @Order(3)
    void aFreedBlockIsReusedWithoutFaultingItsPagesInAgain() throws IOException {
        assumeTrue(NativeHeap.wanted(System.getProperty("diffusion.nativeHeap"), System.getProperty("os.name", ""),
                System.getenv().keySet()), "the setting does not apply here");
        assertTrue(NativeHeap.keepFreedMemory(), "mallopt through JNA failed");
        useAndFree(BLOCK); // its first use faults the pages in
        long before = minorFaults();
        useAndFree(BLOCK);
        long faults = minorFaults() - before;
        long pages = BLOCK / 4096;
        assertTrue(faults < pages / 4, faults + " page faults reusing a freed block of " + pages + " pages");
    }

    private static void useAndFree(long size) {
        long address = Native.malloc(size);
        try {
            new Pointer(address).setMemory(0, size, (byte) 1);
        } finally {
            Native.free(address);
        }
    }

    /** The process's minor page faults so far (field 10 of /proc/self/stat). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]); // from field 3: state ppid pgrp session tty tpgid flags minflt
    }
}
