package io.github.diffusionnlp.opennlp.cmdline;

import java.io.PrintStream;
import opennlp.tools.cmdline.PerformanceMonitor;

/**
 * OpenNLP's {@code PerformanceMonitor}, timing a run from {@link #start()} but printing its line a second only from
 * the first count on. The tools count what they have written, a batch at a time, and a first batch (the model's
 * first call, a full batch of sentences) may take many seconds: printed from the start, the monitor said "current:
 * 0.0 line/s avg: 0.0 line/s total: 0 line" each second of it, as though nothing were being done. The final
 * result's average and runtime stay the whole run's.
 */
final class FirstResultMonitor extends PerformanceMonitor {
    private boolean printing;

    FirstResultMonitor(PrintStream out, String unit) {
        super(out, unit);
    }

    /** Starts the clock once: {@code startAndPrintThroughput}, called at the first count, starts it too. */
    @Override
    public void start() {
        if (!isStarted()) {
            super.start();
        }
    }

    @Override
    public void incrementCounter(int increment) {
        if (!printing && increment > 0) {
            printing = true;
            // before the count is added: the first line's "current" is then the rate since the start, the first
            // results included, rather than the next second's set against the time since the start
            startAndPrintThroughput();
        }
        super.incrementCounter(increment);
    }
}
