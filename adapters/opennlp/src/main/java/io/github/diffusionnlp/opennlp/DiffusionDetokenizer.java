package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.model.QuoteSpelling;
import java.util.Objects;
import opennlp.tools.tokenize.Detokenizer;

/**
 * An OpenNLP {@link Detokenizer} for a diffusion model's tokens: it joins them by the rules of another detokenizer
 * ({@link Detokenizers#forModel}, {@link Detokenizers#fromDictionary}) and writes the model's double quotes as text
 * spells them. The shipped model spells them as its corpus, Brown, did, {@code ``} opening and {@code ''} closing,
 * which OpenNLP's {@code DictionaryDetokenizer} leaves so ({@code ``go home''}, {@code grain''.}); here each is the
 * {@code "} a user types ({@link QuoteSpelling#asTyped}), attached on the side its spelling gave it: {@code ``} to the
 * word after, {@code ''} to the word before, paired or not ({@code a problem".}). Every other token, the brackets
 * the model writes ({@code (}, {@code )}) among them, is written as it is, joined by the rules. This is what the
 * command-line tools' {@code -detokenize} writes. Stateless, and thread-safe when the rules are.
 *
 * <pre>{@code
 * DiffusionDetokenizer detokenizer = DiffusionDetokenizer.forModel(model);
 * String text = detokenizer.detokenize(new GeneratorME(model).generate(1, 12)[0], null);
 * }</pre>
 *
 * <p>A quote the user wrote comes back as written: {@link #detokenize(String[], String[], String)} takes the
 * tokens the model was given beside those it returned, and writes a {@code ``} or {@code ''} at a position where
 * both hold it as it is.
 */
public final class DiffusionDetokenizer implements Detokenizer {
    private final Detokenizer rules;

    /**
     * @param rules the detokenizer whose operations join the tokens: this module's English rules
     *     ({@link EnglishText#detokenizer()}) or OpenNLP's {@code DictionaryDetokenizer} on a dictionary of the
     *     model's language ({@link Detokenizers#fromDictionary})
     */
    public DiffusionDetokenizer(Detokenizer rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The detokenizer of a model's tokens on its built-in rules: {@link Detokenizers#forModel}'s.
     *
     * @throws IllegalArgumentException for a model of a language other than English, as {@link Detokenizers#forModel}
     */
    public static DiffusionDetokenizer forModel(DiffusionModel model) {
        return new DiffusionDetokenizer(Detokenizers.forModel(model));
    }

    /**
     * The tokens as text writes them: each double quote in Brown's spelling ({@code ``}, {@code ''}) a {@code "},
     * except at a position where {@code written} (the tokens the model was given, aligned with {@code tokens}; null
     * when all are the model's, as a generated sentence's) holds the same token, the user's own. A new array.
     */
    public static String[] asTyped(String[] tokens, String[] written) {
        String[] text = tokens.clone();
        for (int i = 0; i < text.length; i++) {
            boolean usersOwn = written != null && i < written.length && written[i].equals(tokens[i]);
            if (!usersOwn) {
                text[i] = QuoteSpelling.asTyped(tokens[i]);
            }
        }
        return text;
    }

    /**
     * The operations that join {@link #asTyped}{@code (tokens, written)}, one per token: the rules' operations, except
     * that each quote the model wrote keeps the direction its spelling gave it ({@code ``} merges to the right,
     * {@code ''} to the left). The rules' own for a straight {@code "} pair quotes from the sentence's first, so a
     * closing quote with no opening one before it would stand apart from its word ({@code a problem ".}).
     */
    public DetokenizationOperation[] operations(String[] tokens, String[] written) {
        String[] text = asTyped(tokens, written);
        DetokenizationOperation[] ops = rules.detokenize(text);
        for (int i = 0; i < text.length; i++) {
            if (!text[i].equals(tokens[i])) { // a quote the model wrote, made straight
                ops[i] = "``".equals(tokens[i]) ? DetokenizationOperation.MERGE_TO_RIGHT
                        : DetokenizationOperation.MERGE_TO_LEFT;
            }
        }
        return ops;
    }

    /**
     * The tokens as text: {@link #asTyped}{@code (tokens, written)} joined by {@link #operations}, as OpenNLP's
     * {@code DictionaryDetokenizer} joins (a space between two tokens unless one merges toward the other, where
     * {@code splitMarker}, when not null, is written instead).
     */
    public String detokenize(String[] tokens, String[] written, String splitMarker) {
        String[] text = asTyped(tokens, written);
        DetokenizationOperation[] ops = operations(tokens, written);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length; i++) {
            sb.append(text[i]);
            if (i + 1 < text.length) {
                if (joinsLeft(ops[i + 1]) || joinsRight(ops[i])) {
                    if (splitMarker != null) {
                        sb.append(splitMarker);
                    }
                } else {
                    sb.append(' ');
                }
            }
        }
        return sb.toString();
    }

    /** {@link #operations}{@code (tokens, null)}: every token the model's. */
    @Override
    public DetokenizationOperation[] detokenize(String[] tokens) {
        return operations(tokens, null);
    }

    /** {@link #detokenize(String[], String[], String)}{@code (tokens, null, splitMarker)}: every token the model's. */
    @Override
    public String detokenize(String[] tokens, String splitMarker) {
        return detokenize(tokens, null, splitMarker);
    }

    /** Whether a token of this operation attaches to the one before it. */
    public static boolean joinsLeft(DetokenizationOperation op) {
        return op == DetokenizationOperation.MERGE_TO_LEFT || op == DetokenizationOperation.MERGE_BOTH;
    }

    /** Whether a token of this operation attaches to the one after it. */
    public static boolean joinsRight(DetokenizationOperation op) {
        return op == DetokenizationOperation.MERGE_TO_RIGHT || op == DetokenizationOperation.MERGE_BOTH;
    }
}
