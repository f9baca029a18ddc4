package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.train.TrainOptions;
import java.time.Duration;
import picocli.CommandLine;

/**
 * A duration as people write it ({@code 90m}, {@code 2h}, {@code 1h30m}, {@code 45s}) or in ISO-8601
 * ({@code PT90M}): {@code --time-budget 90m} used to end with picocli's "cannot convert '90m' to class
 * java.time.Duration", which says neither what is accepted nor how to write it.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return TrainOptions.Builder.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
