package io.github.diffusionnlp.cli;

import ai.djl.Device;
import io.github.diffusionnlp.api.OptionErrors;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which model to load and where: the options of every command that loads a model ({@code --model},
 * {@code --device}), the sampling ones through {@link ModelOptions}, {@code info} and {@code
 * load-benchmark} alone (they sample nothing, so the sampling options would be accepted and ignored).
 */
final class ModelChoice {
    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the shipped model)")
    Path model;

    @Option(names = "--device", paramLabel = "D", defaultValue = "cpu",
            description = "cpu, gpu or gpu:N; auto picks a GPU when one is visible (default: ${DEFAULT-VALUE})")
    String device;

    /** {@code --device} as a DJL device, or an error naming the option. */
    Device device() {
        return OptionErrors.checked("--device", () -> io.github.diffusionnlp.api.Devices.parse(device));
    }
}
