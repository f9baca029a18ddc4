package io.github.diffusionnlp.runtime;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * DJL allows one open {@code GradientCollector} per process (a static flag): training and guided
 * sampling take this lock around each collector, so that they can share a JVM and threads.
 */
public final class Autograd {
    public static final ReentrantLock COLLECTOR = new ReentrantLock();

    private Autograd() {}

    /**
     * Runs {@code work} inside an open collector without recording a graph (PyTorch's grad mode is
     * per thread; DJL offers no engine-neutral switch): for passes no gradient flows through, so that
     * they keep none of their activations for backward.
     */
    public static <T> T withoutGraph(Supplier<T> work) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
