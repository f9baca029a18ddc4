package io.github.diffusionnlp.train;

/** Steps, real (non-padding) tokens, matrix-product FLOPs and seconds of a stretch of training. */
public record Throughput(long steps, long tokens, double flops, double seconds) {
    public static final Throughput NONE = new Throughput(0, 0, 0, 0);

    public Throughput plus(Throughput step, double stepSeconds) {
        return new Throughput(steps + step.steps, tokens + step.tokens, flops + step.flops, seconds + stepSeconds);
    }

    public double tokensPerSecond() {
        return seconds == 0 ? Double.NaN : tokens / seconds;
    }

    public double gflopsPerSecond() {
        return seconds == 0 ? Double.NaN : flops / seconds / 1e9;
    }
}
