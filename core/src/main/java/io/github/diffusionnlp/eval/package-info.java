/**
 * Evaluation: held-out infill accuracy and its baselines ({@code evaluate}), diffusion against the
 * autoregressive baseline ({@code compare-ar}), text statistics and nearest words in the embedding table.
 *
 * <p><b>Internal:</b> public for the other modules of this project; no compatibility promise. The commands
 * are the interface.
 */
package io.github.diffusionnlp.eval;
