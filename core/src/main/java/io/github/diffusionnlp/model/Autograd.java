package io.github.diffusionnlp.model;

import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL allows one open {@code GradientCollector} per process (a static flag): training and guided
 * sampling take this lock around each collector, so that they can share a JVM and threads.
 */
public final class Autograd {
    public static final ReentrantLock COLLECTOR = new ReentrantLock();

    private Autograd() {}
}
