/**
 * Sampling: Euler steps of the probability-flow ODE over the learned time warping, classifier-free
 * guidance, lexical constraints ({@code WordMasks}), n-gram fusion ({@code NgramFusion}, with the Kneser–Ney
 * trigram it fuses, {@code KneserNeyTrigram}, which {@code evaluate} also uses as a baseline) and plug-and-play
 * guidance. {@code api.DiffusionLM} is the way in.
 *
 * <p><b>Supported API:</b> {@link io.github.diffusionnlp.sample.GuidanceScorer} (a scorer of your own) and
 * {@link io.github.diffusionnlp.sample.PlugAndPlay} (a scorer with its weight, handed to
 * {@code Constraints.withSteering}). <b>Internal:</b> the rest ({@code Sampler}, {@code SampleRows},
 * {@code Schedule}, {@code NgramFusion}, {@code KneserNeyTrigram}, {@code WordMasks}): public for the other modules of
 * this project; no compatibility promise.
 */
package io.github.diffusionnlp.sample;
