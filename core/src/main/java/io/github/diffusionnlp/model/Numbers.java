package io.github.diffusionnlp.model;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Numbers in messages as a person writes them: a user who typed {@code --guidance -1} reads "got -1", not Java's
 * "got -1.0". Here, in the lowest package, so that every layer's messages (sampling, training, the API, the
 * command lines, the adapters) print them alike.
 */
public final class Numbers {
    /** Beyond these magnitudes the plain form is a long run of zeros: scientific notation reads better. */
    private static final double PLAIN_BELOW = 1e21;
    private static final double PLAIN_FROM = 1e-7;
    /**
     * A decimal as Java's Double.toString and printf write one, NaN and Infinity included: a '-' before a negative
     * one, no '+' before any (an exponent's sign is written either way: {@code %g} writes {@code 1.0e+00}).
     */
    private static final Pattern DECIMAL = Pattern.compile(
            "-?(?:NaN|Infinity|(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)");

    /**
     * What a refusal of a whole number written in other digits adds, in every front end: Java's {@link
     * Integer#parseInt} reads any script's digits ({@code ٣}, full-width {@code ３} as 3), which these tools do not.
     */
    public static final String IN_ASCII_DIGITS = "in ASCII digits (0-9)";

    private Numbers() {}

    /**
     * {@link Integer#parseInt}, which reads any Unicode digit (Arabic-Indic {@code ٣}, full-width {@code ３} as 3), of
     * ASCII digits only: a value in other digits is no number here, in every front end alike.
     *
     * @throws NumberFormatException for what {@code Integer.parseInt} refuses, and for {@link #hasOtherDigits}, the
     *     text quoted visibly ({@link #parseDouble})
     */
    public static int parseInt(String s) {
        return parsed(s, Integer::parseInt);
    }

    /** {@link #parseInt} for a long. */
    public static long parseLong(String s) {
        return parsed(s, Long::parseLong);
    }

    /**
     * {@link #parseInt} as a data file is read (a model's {@code warp.tsv} and {@code tag-lexicon.tsv}): a whole
     * number as a program writes it, so a leading '+' is refused too, where {@code parseInt} takes it as a command
     * line's option may be written ({@code +3}).
     *
     * @throws NumberFormatException as {@link #parseInt}, and for a leading '+', saying so
     */
    public static int parseIntAsWritten(String s) {
        requireNoPlus(s);
        return parseInt(s);
    }

    /**
     * {@link Double#parseDouble} as a data file is read: of ASCII digits only, as {@link #parseInt} (Java's own
     * refuses other digits too, but says nothing of why), with nothing around the number (Java's reads past spaces
     * and control characters there), and with the refused text quoted visibly ({@link
     * io.github.diffusionnlp.corpus.Visible}), as Java's message quotes it raw: a file's ESC sequence or line break
     * would run in the terminal or split the message. Only a decimal as a program writes it is read ({@code -2.5},
     * {@code 1.0E-4}): not Java's hexadecimal ({@code 0x1p3}) nor its type suffixes ({@code 1d}, {@code 2f}), nor
     * a leading '+' ({@code +0.5}), which no program writes. {@code NaN} and {@code Infinity} are read, as Java reads
     * them: a caller refuses them where no such value belongs.
     *
     * @throws NumberFormatException for what {@code Double.parseDouble} refuses, for {@link #hasOtherDigits}, and for
     *     a number with spaces or control characters around it, or not written as a decimal (a leading '+' said so)
     */
    public static double parseDouble(String s) {
        requireNoPlus(s);
        return parsed(s, t -> {
            if (!DECIMAL.matcher(t).matches()) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(t);
        });
    }

    /**
     * {@code s} read by Java's {@code parse} once it is known to be in ASCII digits; Java's refusal in its words,
     * {@code s} quoted visibly ({@link io.github.diffusionnlp.corpus.Visible}) where Java's message quotes it raw, a
     * null string's refusal as Java's.
     */
    private static <T> T parsed(String s, Function<String, T> parse) {
        requireAsciiDigits(s);
        try {
            return parse.apply(s);
        } catch (NumberFormatException e) {
            throw s == null ? e : new NumberFormatException("For input string: \""
                    + io.github.diffusionnlp.corpus.Visible.of(s) + "\"");
        }
    }

    /** Whether {@code s} holds a digit other than ASCII's 0-9, which Java's parsers read and this project's do not. */
    public static boolean hasOtherDigits(String s) {
        return s != null && s.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'));
    }

    /** Refuses a leading '+', which a data file's numbers are written without, saying so. */
    private static void requireNoPlus(String s) {
        if (s != null && s.startsWith("+")) {
            throw new NumberFormatException("For input string: \"" + io.github.diffusionnlp.corpus.Visible.of(s)
                    + "\" (a leading '+': a number here is written without one)");
        }
    }

    private static void requireAsciiDigits(String s) {
        if (hasOtherDigits(s)) {
            throw new NumberFormatException("For input string: \"" + io.github.diffusionnlp.corpus.Visible.of(s)
                    + "\" (not " + IN_ASCII_DIGITS + ")");
        }
    }

    /**
     * {@code x} in its shortest form: integral values without ".0" ({@code -1}, {@code 2}), others with the
     * digits Java's {@link Double#toString} needs and no more ({@code 0.7}, {@code 1e-5} as {@code 0.00001}),
     * very large or small ones in scientific notation ({@code 1E-10}); {@code NaN} and {@code Infinity} as Java
     * writes them.
     */
    public static String written(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        return written(BigDecimal.valueOf(x), x);
    }

    /**
     * {@link #written(double)} for a float, with a float's shortest digits ({@code 0.999f} as 0.999, not
     * 0.9990000128746033).
     */
    public static String written(float x) {
        if (Float.isNaN(x) || Float.isInfinite(x)) {
            return Float.toString(x);
        }
        return written(new BigDecimal(Float.toString(x)), x);
    }

    private static String written(BigDecimal digits, double x) {
        BigDecimal shortest = digits.stripTrailingZeros();
        double magnitude = Math.abs(x);
        return x == 0 || magnitude >= PLAIN_FROM && magnitude < PLAIN_BELOW ? shortest.toPlainString()
                : shortest.toString();
    }
}
