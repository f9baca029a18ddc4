package io.github.diffusionnlp.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count (the OpenMP team one forward pass's operations are split across).
 * PyTorch keeps it per thread: a Java thread takes the process-wide count at its first native operation
 * and keeps it, so {@link #set} reaches the calling thread and threads that have not run native work
 * yet, not a batching lane that already has (measured: a worker that ran a product before the count was
 * set to 1 still reported 2 after it). A comparison of counts therefore samples each count on threads
 * started under it. The whole process starts with another count under {@code -Dai.djl.pytorch.num_threads=1}
 * (DJL's {@code PtEngine} reads it) or {@code OMP_NUM_THREADS=1} (PyTorch's default).
 */
public final class IntraOpThreads {
    /** Beyond any machine this runs on; PyTorch itself takes any positive count. */
    public static final int MAX = 256;

    private IntraOpThreads() {}

    public static int current() {
        Engine.getEngine("PyTorch"); // loads the native library JniUtils calls into
        return JniUtils.getNumThreads();
    }

    /** Sets the count for this thread and every thread whose first native operation comes after. */
    public static void set(int threads) {
        check(threads, "threads");
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    /** Refuses a count outside 1–{@link #MAX}, naming {@code option}. */
    public static void check(int threads, String option) {
        if (threads < 1 || threads > MAX) {
            throw new IllegalArgumentException(option + ": PyTorch's intra-op threads must be between 1 and " + MAX
                    + ", got " + threads);
        }
    }
}
