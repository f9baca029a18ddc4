/**
 * Scorers for plug-and-play guidance through {@code sample.PlugAndPlay}, which steer sampling without retraining
 * the language model: {@link io.github.diffusionnlp.steer.LexiconSentimentScorer}, the AFINN valence expected of
 * the words the noisy embeddings are read as, which steers; and {@link
 * io.github.diffusionnlp.steer.NoisySentimentClassifier}, a linear sentiment probe trained in seconds on a
 * model's own embedding table, which moves its own score but not the text (README, <i>Library</i>).
 *
 * <p><b>Supported API.</b>
 */
package io.github.diffusionnlp.steer;
