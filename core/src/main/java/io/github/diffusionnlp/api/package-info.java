/**
 * The library's entry points: {@link io.github.diffusionnlp.api.DiffusionLM} (load a model; infill, rewrite
 * and generate, free or under constraints; the model as a classifier of its sentiment condition; a count of
 * its native arrays, a leak check),
 * {@link io.github.diffusionnlp.api.SamplingOptions} and {@link io.github.diffusionnlp.api.Constraints} (how to
 * sample and what the result must be), {@link io.github.diffusionnlp.api.ModelInfo},
 * {@link io.github.diffusionnlp.api.AutoregressiveLM} (the autoregressive baseline) and
 * {@link io.github.diffusionnlp.api.NativeHeap} (an allocator setting a long-running process may want).
 *
 * <p><b>Supported API</b>, except six helpers that the project's command lines and integrations share:
 * {@link io.github.diffusionnlp.api.OptionErrors}, {@link io.github.diffusionnlp.api.SamplingRange},
 * {@link io.github.diffusionnlp.api.DjlTelemetry}, {@link io.github.diffusionnlp.api.Devices},
 * {@link io.github.diffusionnlp.api.DefaultModel} and {@link io.github.diffusionnlp.api.OpenMpWaits} (the
 * tools' {@code OMP_WAIT_POLICY=PASSIVE}; an application sets the variable in its own environment) are internal
 * (each says so first): public for the other modules of this project; no compatibility promise. A member of a
 * supported class whose signature names a class of an internal package (such as
 * {@code AutoregressiveLM.sample(ArSampler.Request)}) is internal too.
 */
package io.github.diffusionnlp.api;
