package io.github.diffusionnlp.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A duration as people write it ({@code 90m}, {@code 2h}, {@code 1h30m}, {@code 45s}) or in ISO-8601
 * ({@code PT90M}): {@code --time-budget 90m} used to end with picocli's "cannot convert '90m' to class
 * java.time.Duration", which says neither what is accepted nor how to write it.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        try {
            // ISO-8601 as it is; the hours-minutes-seconds form is ISO's time part without its "PT"
            return Duration.parse(text.startsWith("P") ? text : "PT" + text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 90m, 2h,"
                    + " 1h30m or 45s (or ISO-8601: PT90M)");
        }
    }
}
