/**
 * The autoregressive baseline's network, shape, sampler, training rows and checkpoint format: a causal
 * transformer of the diffusion model's width, depth and parameter count. {@code api.AutoregressiveLM} is the
 * way in.
 *
 * <p><b>Internal:</b> public for core's other packages ({@code api}, {@code train}, {@code eval});
 * no compatibility promise.
 */
package io.github.diffusionnlp.ar;
