package io.github.diffusionnlp.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the C library's allocator, which PyTorch's CPU arrays come from, to keep freed buffers of up
 * to 32 MiB for reuse instead of handing them back to the kernel.
 *
 * <p>Why: every training step and sampling step allocates and frees the same large arrays (logits
 * slices of 256 × 12,000 floats are 12 MB). By default glibc serves such sizes with a fresh
 * {@code mmap} and unmaps them on free, so each step faults its buffers in again page by page, which
 * on this project's VM costs more than the arithmetic on them. The effect is measured by
 * {@code benchmark} (README, "Speed"); outputs are bit-identical either way.
 *
 * <p>The trade: the process keeps its peak native heap instead of shrinking after a burst. Nothing
 * is changed when the user set any of glibc's {@code MALLOC_*} variables (their choice wins), when the
 * system property {@code diffusion.nativeHeap} is {@code default}, or off Linux.
 */
public final class NativeHeap {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    /** glibc's mallopt parameters (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's upper limit for M_MMAP_THRESHOLD on 64-bit systems. */
    private static final int MMAP_THRESHOLD = 32 << 20;
    private static boolean done;

    private NativeHeap() {}

    private interface C extends Library {
        int mallopt(int param, int value);
    }

    /** Applies the setting once per process; see the class comment for when it does nothing. */
    public static synchronized void keepFreedBuffers() {
        if (done) {
            return;
        }
        done = true;
        if ("default".equals(System.getProperty("diffusion.nativeHeap"))
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))) {
            return;
        }
        try {
            C c = Native.load("c", C.class);
            // A fixed threshold also turns off glibc's own adjustment of it; trimming is off so that
            // freed memory at the top of the heap stays mapped too.
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE) == 1;
            LOG.debug("native heap keeps freed buffers up to {} bytes: {}", MMAP_THRESHOLD, ok);
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("could not tune the native heap (glibc keeps its defaults): {}", e.toString());
        }
    }
}
