package io.github.diffusionnlp;

import ai.djl.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress that records the sampling runs a call announces: core resets its progress once per run, with the run's
 * message and row count ("Sampling 2"). For tests that show a refusal came before anything was sampled (no run), or
 * count the rows a call sampled. Thread-safe: a batching lane reports on a thread of its own.
 */
public final class SamplingRuns implements Progress {
    private final List<String> runs = new ArrayList<>();
    private final AtomicLong rows = new AtomicLong();

    /** The runs so far, each "MESSAGE ROWS", in order. */
    public synchronized List<String> runs() {
        return List.copyOf(runs);
    }

    /** The rows of all runs so far. */
    public long rows() {
        return rows.get();
    }

    @Override
    public synchronized void reset(String message, long max, String trailingMessage) {
        runs.add(message + " " + max);
        rows.addAndGet(max);
    }

    @Override
    public void start(long initialProgress) {}

    @Override
    public void end() {}

    @Override
    public void increment(long increment) {}

    @Override
    public void update(long progress, String message) {}
}
