package io.github.diffusionnlp.train;

/** Steps, real (non-padding) tokens, matrix-product FLOPs and seconds of a stretch of training. */
public record Throughput(long steps, long tokens, double flops, double seconds) {
    public static final Throughput NONE = new Throughput(0, 0, 0, 0);

    public Throughput plus(Throughput step, double stepSeconds) {
        return new Throughput(steps + step.steps, tokens + step.tokens, flops + step.flops, seconds + stepSeconds);
    }

    /** The stretch from {@code earlier}, a part of this one, to its end. */
    public Throughput minus(Throughput earlier) {
        return new Throughput(steps - earlier.steps, tokens - earlier.tokens, flops - earlier.flops,
                seconds - earlier.seconds);
    }

    /** The stretch made of {@code parts} (each already timed: {@link #seconds} set). */
    public static Throughput sum(java.util.List<Throughput> parts) {
        Throughput total = NONE;
        for (Throughput part : parts) {
            total = total.plus(part, part.seconds());
        }
        return total;
    }

    public double tokensPerSecond() {
        return seconds == 0 ? Double.NaN : tokens / seconds;
    }

    public double gflopsPerSecond() {
        return seconds == 0 ? Double.NaN : flops / seconds / 1e9;
    }
}
