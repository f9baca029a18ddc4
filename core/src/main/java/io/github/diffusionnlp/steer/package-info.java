/**
 * Scorers for plug-and-play guidance through {@code sample.PlugAndPlay}, which steer sampling without retraining
 * the language model: {@link io.github.diffusionnlp.steer.LexiconSentimentScorer}, the AFINN valence expected of
 * the words the noisy embeddings are read as, which steers; and {@link
 * io.github.diffusionnlp.steer.NoisySentimentClassifier}, a sentiment probe trained on the same reading of a
 * model's noisy embeddings (per-word label weights), which moves the words too (docs/library.md).
 *
 * <p><b>Supported API.</b>
 */
package io.github.diffusionnlp.steer;
