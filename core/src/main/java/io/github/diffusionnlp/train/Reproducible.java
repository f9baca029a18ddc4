package io.github.diffusionnlp.train;

import ai.djl.pytorch.jni.JniUtils;
import io.github.diffusionnlp.api.PyTorchStart;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Training that the same options repeat bit for bit. On more than one thread some of PyTorch's CPU
 * gradient sums (LayerNorm gains and biases, linear biases) come out different in their last bit
 * from run to run once a batch is large enough to be split between threads, and two runs of the same
 * seed drift apart from there; on one thread they do not. So this runs its work with PyTorch's
 * intra-op thread count at 1, and puts the count back afterwards. PyTorch keeps the count per thread,
 * from each thread's first native operation: the work's thread (the caller's) runs on one, and so does
 * PyTorch work on a thread that first runs native work meanwhile; a thread that already had (say, a
 * batching lane sampling beside) keeps its own count (see {@code bench/IntraOpThreads}). On a GPU
 * this does nothing for CUDA's own nondeterministic kernels.
 */
public final class Reproducible {
    private Reproducible() {}

    /** Runs {@code work} on one PyTorch intra-op thread. */
    public static synchronized <T> T run(Callable<T> work) throws Exception {
        PyTorchStart.engine(); // loads the native library JniUtils calls into
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return work.call();
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    /** Work that may fail with an {@link IOException} only (a training run). */
    @FunctionalInterface
    interface IoWork<T> {
        T call() throws IOException;
    }

    /**
     * Runs {@code work} on one PyTorch intra-op thread when {@code oneThread} ({@link TrainOptions#reproducible}),
     * else as it is; its exceptions come through as they were.
     */
    static <T> T runIf(boolean oneThread, IoWork<T> work) throws IOException {
        if (!oneThread) {
            return work.call();
        }
        try {
            return run(work::call);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) { // work throws no other checked exception
            throw new IllegalStateException(e);
        }
    }
}
