package io.github.diffusionnlp.api;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few C library calls the command-line tools make through JNA before PyTorch starts ({@link NativeHeap},
 * {@link OpenMpWaits}): glibc's names and signatures.
 */
interface Libc extends Library {
    /** Loads the process's C library; throws {@link UnsatisfiedLinkError} where there is none to load. */
    static Libc load() {
        return Native.load("c", Libc.class);
    }

    int mallopt(int param, int value);

    int setenv(String name, String value, int overwrite);

    String getenv(String name);
}
