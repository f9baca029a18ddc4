package io.github.diffusionnlp.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: public for the front ends of this project; no compatibility promise. How a quote mark the user
 * wrote reaches the model: text spells double quotes {@code "}, {@code “ ”} or {@code `` ''}, single ones
 * {@code ‘ ’} or {@code ` '}, but a model knows only the spellings of its corpus (Brown's are {@code ``} and
 * {@code ''}). Read as an unknown word, a quote tells the model nothing, and the words it fills around it
 * suffer (the shipped model filled {@code He said " [MASK] is [MASK] "} with {@code " , is the "}).
 *
 * <p>A token the vocabulary holds is read as it is, so a model trained on {@code "} keeps it. Any other quote
 * token is read as the first spelling of its kind (opening or closing, double or single) the vocabulary holds,
 * and stays unknown when it holds none. A straight {@code "} opens where no double quote is open in the
 * sentence so far and closes one that is, as PTB tokenizers decide it from the text around it; a straight
 * {@code '} alone is left as it is, being an apostrophe as often as a quote. Only the reading changes: the
 * front ends write a quote the user wrote back as it was written.
 */
public final class QuoteSpelling {
    private enum Kind {
        OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE, STRAIGHT_DOUBLE
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "\"", Kind.STRAIGHT_DOUBLE,
            "``", Kind.OPEN_DOUBLE, "“", Kind.OPEN_DOUBLE, "„", Kind.OPEN_DOUBLE,
            "''", Kind.CLOSE_DOUBLE, "”", Kind.CLOSE_DOUBLE,
            "`", Kind.OPEN_SINGLE, "‘", Kind.OPEN_SINGLE,
            "’", Kind.CLOSE_SINGLE);

    /** The spellings a model may know for each kind, likeliest first (PTB and Brown's, then Unicode, then ASCII). */
    private static final Map<Kind, List<String>> SPELLINGS = Map.of(
            Kind.OPEN_DOUBLE, List.of("``", "“", "\""),
            Kind.CLOSE_DOUBLE, List.of("''", "”", "\""),
            Kind.OPEN_SINGLE, List.of("`", "‘", "'"),
            Kind.CLOSE_SINGLE, List.of("'", "’"));

    /** The double-quote spellings of PTB and Brown, which text does not use: {@link #asTyped}. */
    private static final Set<String> TOKENIZER_DOUBLES = Set.of("``", "''");

    private QuoteSpelling() {}

    /**
     * A word the model wrote as text spells it: a double quote in its corpus's tokenizer spelling ({@code ``} or
     * {@code ''}) as the {@code "} a user types, every other word as it is. For the front ends that write the
     * model's words into text (CoreNLP's document, OpenNLP's detokenized lines); a quote the user wrote is not
     * passed here, as it comes back as written.
     */
    public static String asTyped(String modelWord) {
        return isTokenizerDouble(modelWord) ? "\"" : modelWord;
    }

    /** Whether {@code word} is a double quote in its tokenizer spelling, which {@link #asTyped} writes as {@code "}. */
    public static boolean isTokenizerDouble(String word) {
        return TOKENIZER_DOUBLES.contains(word);
    }

    /**
     * The sentence as the model reads it: each quote token the vocabulary does not hold replaced by a spelling
     * of its kind that it does; every other token as it is. A new list of the same length.
     */
    public static List<String> asRead(List<String> tokens, Vocabulary vocab) {
        List<String> read = new ArrayList<>(tokens.size());
        boolean doubleOpen = false;
        for (String token : tokens) {
            Kind kind = KINDS.get(token);
            if (kind == Kind.STRAIGHT_DOUBLE) {
                kind = doubleOpen ? Kind.CLOSE_DOUBLE : Kind.OPEN_DOUBLE;
            }
            if (kind == Kind.OPEN_DOUBLE) {
                doubleOpen = true;
            } else if (kind == Kind.CLOSE_DOUBLE) {
                doubleOpen = false;
            }
            read.add(kind == null || vocab.contains(token) ? token : known(SPELLINGS.get(kind), vocab, token));
        }
        return read;
    }

    private static String known(List<String> spellings, Vocabulary vocab, String otherwise) {
        return spellings.stream().filter(vocab::contains).findFirst().orElse(otherwise);
    }
}
