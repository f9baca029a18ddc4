package io.github.diffusionnlp.api;

import java.util.function.Supplier;

/**
 * Internal: public for the other modules of this project; no compatibility promise. Option errors named
 * as the user typed the option. The checks that refuse a value live in the API
 * ({@code SamplingOptions}, {@code Constraints}, ...), whose messages use its own words ("steps", "batch
 * size"); a user who typed {@code --batch 0} should read which option was wrong. Public for the command lines
 * built on the library (core's, {@code compare-ar}'s settings, the evaluation tool's).
 */
public final class OptionErrors {
    private OptionErrors() {}

    /**
     * What {@code value} gives; an {@link IllegalArgumentException} it throws is rethrown with its message after
     * {@code option}, e.g. {@code --steps: steps must be a whole number from 1 to 10000, got 0}.
     */
    public static <T> T checked(String option, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
