/**
 * Scorers for plug-and-play guidance: {@link io.github.diffusionnlp.steer.NoisySentimentClassifier}, a linear
 * sentiment probe over noisy embeddings, trained in seconds on a model's own embedding table, that steers
 * sampling through {@code sample.PlugAndPlay} without retraining the language model.
 *
 * <p><b>Supported API.</b>
 */
package io.github.diffusionnlp.steer;
