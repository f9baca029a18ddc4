package io.github.diffusionnlp.sample;

import ai.djl.ndarray.NDArray;

/**
 * A differentiable score of noisy sentence embeddings, for plug-and-play guidance (Diffusion-LM, Li
 * et al. 2022): the sampler moves its noisy embeddings up the score's gradient at every step, so a
 * classifier steers a language model it was never trained with. Implementations build the score from
 * {@link NDArray} operations only, so that it can be differentiated; they must not keep the arrays.
 * To multiply or divide by a number use {@link io.github.diffusionnlp.model.Scalars}, not {@code
 * mul(Number)}: DJL frees that number's memory before the sampler's backward reads it. The sampler opens the
 * gradient collector and marks {@code x} for gradients: a scorer opens none of its own, and does not use {@code
 * toType} or {@code stopGradient} (they cut the graph) or read numbers out. A score that does not change with x (a
 * constant, one cut from x so) would steer nothing: its gradient is 0 everywhere, and a call whose first step finds
 * it 0 at every sampled position of the rows sampled together ({@code batchSize} of the call's sentences at a time:
 * a call of more is refused when one batch of them finds it so) ends with an {@link IllegalArgumentException} saying
 * so (naming the weight instead where only the weight, so small that times the gradient it is 0 in float32, made it
 * 0). Arrays it makes from {@code
 * x} (or in {@code x.getManager()}) are freed when the gradient step ends, and it closes none of them, nor {@code x},
 * {@code sigma}, {@code generated} or their manager: a scorer that does ends the call with an {@link
 * IllegalStateException} naming what it closed. Constants it keeps (a word's embedding) belong to an {@code
 * NDManager} of its owner's, on the model's device. Each step moves x by {@code stepSize · σ²} times the
 * gradient, so a score is best written as a log-probability at noise σ (a squared distance divided by σ²).
 * docs/library.md, <i>A scorer of your own</i>, has an example and the rest.
 *
 * <p><b>Calling the model it steers.</b> A scorer runs inside the {@code DiffusionLM} call it steers: on
 * the caller's thread without request batching, on a batching thread with it. It may call that model
 * (e.g. a plain {@code infill} or {@code sentimentPosterior} to score its words); such a nested call runs
 * at once on the scorer's thread, batched or not, and a {@code close()} from another thread waits for
 * the outer call, the nested one included. It may also hand calls to a thread of its own (a pool, a
 * parallel stream) and wait for them: while a scorer runs, a batching model samples every new call at once
 * on its caller's thread instead of queueing it for a batching thread, which may be the one running the
 * scorer ({@code CallsFromABatchedScorerTest}). Such a call is not part of the outer call: made once a
 * close has begun, it fails at once with "has been closed" (waiting for the close, which waits for the
 * scorer, would deadlock; {@code LifecycleTest}). Neither kind of call can steer in turn: DJL keeps one
 * gradient collector open at a time, and the scorer's call holds it (a nested call fails with an
 * {@link IllegalStateException} that says so; one on another thread would wait for it forever). A scorer must not close
 * the model it steers: {@code close()} waits for the calls in flight, its own among them, so it fails there with an
 * {@link IllegalStateException} ({@code CloseFromInsideACallTest}, {@code CallsFromABatchedScorerTest}).
 *
 * <p><b>One failure, one call.</b> The scorer is called once for all the rows sampled together (a call's sentences,
 * {@code batchSize} at a time), so a failure cannot be told to be one sentence's: it ends the whole call, every
 * sentence of it, with one exception, as any other failure of a call does. With request batching, a steered call's
 * rows are sampled without other callers' rows, this same scorer's included, so that a call fails, or not, as it does
 * alone ({@code RequestBatcher}).
 */
public interface GuidanceScorer {
    /**
     * The score of each row, to be increased, shape (B): null or another shape ends the call with an {@link
     * IllegalArgumentException} naming it, as does a score whose gradient at the call's first step is 0 at every
     * sampled position; a score whose gradient step makes the embeddings NaN or infinite ends it with an {@link
     * IllegalStateException}, as does closing an argument or its manager; an exception thrown here ends the call as it
     * was thrown (after closing an argument, it is the cause of the exception that says so). The gradient at given
     * positions is not read (they are kept): a NaN there, as √(…) of a distance that is 0 at a given word, is no
     * failure.
     *
     * @param x (B, L, d) float32 embeddings, B the rows sampled together and L the model's whole length: noisy
     *     ({@code e + σ·ε}) at generated positions, clean at given ones
     * @param sigma (B) the noise level of each row
     * @param generated (B, L, 1): 1 at generated positions, 0 at given ones (the padding of a fixed length too)
     */
    NDArray score(NDArray x, NDArray sigma, NDArray generated);
}
