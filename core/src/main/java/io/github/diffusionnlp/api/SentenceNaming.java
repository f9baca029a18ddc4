package io.github.diffusionnlp.api;

import java.util.List;
import java.util.Objects;

/**
 * How a call's refusals name a sentence and its tokens. A batched call ({@code infillAll}, {@code suggestAll},
 * {@code rewriteAll}) names the sentence by its index in the list the caller gave ("token 2 of sentence 0", "sentence
 * 1 has 3 tokens"), a list of one included: the index is where the caller put it, and the words of a message do not
 * change with the list's size. A call given one sentence ({@code infill(tokens, ...)}, {@code suggest(tokens, ...)},
 * {@code rewrite(tokens, ...)}) says "the sentence" and "token 2": its caller gave no index, and the front ends that
 * call it a line at a time pass the message on under the line's number, where "sentence 0" named nothing they had.
 *
 * <p>Public for a front end that gives a batched call one sentence its own caller gave alone ({@link
 * DiffusionLM#rewriteAll(List, List, double, List, SamplingOptions, SentenceNaming)}): its refusals then say "the
 * sentence" as the single-sentence calls' do; or a later window of a long sentence, rewritten on its own ({@link
 * #window}): they then name the token and sentence the caller gave.
 *
 * @param noun what one of the lists is called ("sentence", "infilled sentence", "prefix")
 * @param single whether the call was given one sentence, not a list
 * @param firstSentence the caller's index of the call's sentence 0 (0 but for a {@link #window}), a long: a front end
 *     that cuts a run into calls counts the run's sentences so, as {@link SamplingOptions#startingAt} does
 * @param firstToken the caller's index of the first token of each sentence of the call (0 but for a {@link #window})
 */
public record SentenceNaming(String noun, boolean single, long firstSentence, int firstToken) {
    /**
     * Refuses a naming that would word the call's refusals wrongly.
     *
     * @throws NullPointerException when {@code noun} is null
     * @throws IllegalArgumentException when {@code noun} is empty or blank, or {@code firstSentence} or {@code
     *     firstToken} negative: the messages would name nothing ("null 2", " 2") or an index the caller never gave
     */
    public SentenceNaming {
        Objects.requireNonNull(noun, "noun (what one of the lists is called, \"sentence\")");
        if (noun.isBlank()) {
            throw new IllegalArgumentException("noun is empty: it names one of the lists in the call's messages"
                    + " (\"sentence\")");
        }
        if (firstSentence < 0) {
            throw new IllegalArgumentException("firstSentence must be >= 0 (the caller's index of the call's sentence"
                    + " 0), got " + firstSentence);
        }
        if (firstToken < 0) {
            throw new IllegalArgumentException("firstToken must be >= 0 (the caller's index of each sentence's first"
                    + " token), got " + firstToken);
        }
    }

    /** A batched call's sentences, named by their index. */
    public static final SentenceNaming BATCH = batch("sentence");
    /** The one sentence of a single-sentence call. */
    public static final SentenceNaming ONE = new SentenceNaming("sentence", true);

    /** A naming of lists called {@code noun} as the caller gave them, from their first token. */
    public SentenceNaming(String noun, boolean single) {
        this(noun, single, 0, 0);
    }

    /** The lists of a batched argument called {@code noun}, named by their index. */
    static SentenceNaming batch(String noun) {
        return new SentenceNaming(noun, false);
    }

    /**
     * This naming for a call given one window of the caller's sentence {@code sentence} (counted as this naming counts
     * them), from its token {@code from}: the call's token 2 is named "token 66 of sentence 3" (or "token 66").
     *
     * @throws IllegalArgumentException when {@code sentence} or {@code from} is negative, or the window's sentence
     *     passes the largest long ({@link Long#MAX_VALUE}) or its token the largest int ({@link Integer#MAX_VALUE})
     */
    public SentenceNaming window(long sentence, int from) {
        if (sentence < 0) {
            throw new IllegalArgumentException("a window's sentence must be >= 0, got " + sentence);
        }
        if (from < 0) {
            throw new IllegalArgumentException("a window's first token must be >= 0, got " + from);
        }
        if (firstSentence > Long.MAX_VALUE - sentence) {
            throw pastTheLargest("sentence", sentence, firstSentence, Long.MAX_VALUE);
        }
        if ((long) firstToken + from > Integer.MAX_VALUE) {
            throw pastTheLargest("token", from, firstToken, Integer.MAX_VALUE);
        }
        return new SentenceNaming(noun, single, firstSentence + sentence, firstToken + from);
    }

    /** The refusal of a window whose index, {@code first + by}, passes {@code largest} (it would wrap to below 0). */
    private static IllegalArgumentException pastTheLargest(String what, long by, long first, long largest) {
        return new IllegalArgumentException("a window from " + what + " " + by + " of a naming from " + what + " "
                + first + " is past the largest index, " + largest);
    }

    /**
     * Sentence {@code s}: "sentence 2", or "the sentence" (the index counted past the largest long, not wrapped).
     *
     * @param s the sentence's index in the call, 0 for its first
     * @throws IllegalArgumentException when {@code s} is negative
     */
    public String sentence(int s) {
        if (s < 0) {
            throw new IllegalArgumentException("s must be >= 0 (the sentence's index in the call), got " + s);
        }
        // both are >= 0, so their sum is below 2^64: read unsigned, it is the index past the largest long too
        return single ? "the " + noun : noun + " " + Long.toUnsignedString(firstSentence + s);
    }

    /** Token {@code i} of sentence {@code s}: "token 1 of sentence 2", or "token 1". */
    String token(int s, int i) {
        long token = (long) firstToken + i;
        return single ? "token " + token : "token " + token + " of " + sentence(s);
    }
}
