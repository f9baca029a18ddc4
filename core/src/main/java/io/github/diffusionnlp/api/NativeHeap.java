package io.github.diffusionnlp.api;

import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the C library's allocator, which PyTorch's CPU arrays come from, to keep the memory that the
 * process frees for its next use instead of handing it back to the kernel.
 *
 * <p>Why: a training step allocates hundreds of megabytes of activations, logits slices and gradients,
 * frees them, and allocates the same again in the next step; a batch of sampled sentences does the same
 * at every sampling step. glibc returns large freed blocks to the kernel (unmapping them, or trimming
 * the top of its heaps), and memory taken back from the kernel is faulted in again page by page, which
 * on this project's virtual machine costs about 6 µs a page — more than the arithmetic on it (a fresh
 * 12 MB array: 17 ms to fill, against under 1 ms when reused). Here blocks of up to 32 MiB come from
 * glibc's heaps (not a fresh {@code mmap} each), and neither a heap's top nor a whole emptied heap is
 * given back. Measured in docs/speed.md ("Speed and memory"): training about 8% faster, batches of 32 sampled
 * 6–10% faster, single sentences unchanged.
 *
 * <p>The trade: the process keeps its peak native heap until it exits. The command-line tools, processes
 * that do one job and end, call this from their {@code main}; the library does not, trainers included (a
 * setting for the whole process is the application's to choose, as {@link OpenMpWaits} is), since a
 * long-lived server may prefer memory back after a burst. An application that wants the speed, for training
 * above all, calls it once at start-up (or sets
 * glibc's equivalent {@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_} and
 * {@code MALLOC_TOP_PAD_}). Nothing is changed when the user has set any of glibc's {@code MALLOC_*}
 * variables (their choice wins), when the system property {@code diffusion.nativeHeap} is
 * {@code default}, or off Linux.
 */
public final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    /** glibc's mallopt parameters (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's upper limit for M_MMAP_THRESHOLD on 64-bit systems. */
    private static final int MMAP_THRESHOLD = 32 << 20;
    /**
     * Kept free above each heap's top; as large as a training step's peak, so that an emptied
     * per-thread heap (64 MiB each) is never unmapped either.
     */
    private static final int TOP_PAD = 512 << 20;
    private static boolean done;
    private static boolean applied;

    private NativeHeap() {}

    /**
     * Applies the setting once per process; see the class comment for when it does nothing.
     *
     * @return whether the setting is in effect
     */
    public static synchronized boolean keepFreedMemory() {
        if (done) {
            return applied;
        }
        done = true;
        if (!wanted(System.getProperty("diffusion.nativeHeap"), System.getProperty("os.name", ""),
                System.getenv().keySet())) {
            return false;
        }
        try {
            Libc c = Libc.load();
            // A fixed threshold also turns off glibc's own adjustment of it.
            applied = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
            LOG.debug("native heap keeps freed memory (blocks up to {} bytes from the heap): {}", MMAP_THRESHOLD,
                    applied);
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("could not tune the native heap (glibc keeps its defaults): {}", e.toString());
        }
        return applied;
    }

    /** Whether {@link #keepFreedMemory} has been called in this process (tests check who calls it). */
    static synchronized boolean wasCalled() {
        return done;
    }

    /** Whether to change glibc's settings, given the system property, the OS name and the environment's names. */
    static boolean wanted(String property, String osName, Set<String> environment) {
        return !"default".equals(property)
                && osName.toLowerCase(Locale.ROOT).contains("linux")
                && environment.stream().noneMatch(k -> k.startsWith("MALLOC_"));
    }
}
