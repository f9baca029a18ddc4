package io.github.diffusionnlp.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeHeapTest {
    /** A block of the size a training step frees and asks for again: above glibc's default mmap threshold. */
    private static final long BLOCK = 24L << 20;

    @Test
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
