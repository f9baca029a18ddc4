/**
 * The CDCD network and what it is made of: the denoising transformer and its blocks, the learned time
 * warping, the vocabulary and how its mask token is written ({@code MaskSpelling}), the model's shape
 * ({@code ModelConfig}), the condition ids, mixed precision, the tag lexicon and the DJL workaround every graph goes
 * through ({@code Scalars}). How native work runs safely, apart from what it computes, is in {@code runtime}.
 *
 * <p><b>Supported API:</b> {@link io.github.diffusionnlp.model.Sentiment} (a sentiment condition),
 * {@link io.github.diffusionnlp.model.Precision} ({@code DiffusionLM.Builder.optPrecision}),
 * {@link io.github.diffusionnlp.model.Scalars} (products with a number that a scorer of your own must use),
 * and, to be read where the API returns them, {@link io.github.diffusionnlp.model.ModelConfig} and
 * {@link io.github.diffusionnlp.model.Vocabulary}. <b>Internal:</b> the rest: public for the other modules of
 * this project; no compatibility promise.
 */
package io.github.diffusionnlp.model;
