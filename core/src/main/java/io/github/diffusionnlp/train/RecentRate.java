package io.github.diffusionnlp.train;

import com.google.common.collect.EvictingQueue;

/**
 * The pace of the last few progress lines of a training run: steps per second, and throughput, between the
 * oldest of the last {@link #SAMPLES} points fed to it and the newest. A run's average since its start
 * would answer a change of load (another job on the machine starting or ending) only after as many steps
 * again as the run has made; this answers it within about {@code SAMPLES - 1} lines.
 */
final class RecentRate {
    /** Six points a line apart: the last 50 steps at a line every 10. */
    static final int SAMPLES = 6;

    private record Point(long step, long nanos, Throughput throughput) {}

    private final EvictingQueue<Point> points = EvictingQueue.create(SAMPLES);
    private Point newest;

    /** Starts at {@code step} at time {@code nanos}, nothing timed yet. */
    RecentRate(long step, long nanos) {
        add(new Point(step, nanos, Throughput.NONE));
    }

    /** The run is at {@code step} at {@code nanos}, having done {@code throughput} in all (not per step). */
    void add(long step, long nanos, Throughput throughput) {
        add(new Point(step, nanos, throughput));
    }

    private void add(Point point) {
        points.add(point);
        newest = point;
    }

    /** Steps per second over the window; 0 before any time has passed. */
    double stepsPerSecond() {
        Point oldest = points.peek();
        double seconds = (newest.nanos - oldest.nanos) / 1e9;
        return seconds > 0 ? (newest.step - oldest.step) / seconds : 0;
    }

    /** Seconds until {@code lastStep} at {@link #stepsPerSecond()}; infinite while it is 0. */
    double secondsUntil(long lastStep) {
        return (lastStep - newest.step) / stepsPerSecond();
    }

    /** Tokens and FLOPs done, and the seconds they took, over the window (NaN rates while none are timed). */
    Throughput throughput() {
        return newest.throughput.minus(points.peek().throughput);
    }
}
