package io.github.diffusionnlp.api;

import java.util.List;

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
 * @param firstSentence the caller's index of the call's sentence 0 (0 but for a {@link #window})
 * @param firstToken the caller's index of the first token of each sentence of the call (0 but for a {@link #window})
 */
public record SentenceNaming(String noun, boolean single, int firstSentence, int firstToken) {
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
     */
    public SentenceNaming window(int sentence, int from) {
        return new SentenceNaming(noun, single, firstSentence + sentence, firstToken + from);
    }

    /** Sentence {@code s}: "sentence 2", or "the sentence". */
    public String sentence(int s) {
        return single ? "the " + noun : noun + " " + (firstSentence + s);
    }

    /** Token {@code i} of sentence {@code s}: "token 1 of sentence 2", or "token 1". */
    String token(int s, int i) {
        return single ? "token " + (firstToken + i) : "token " + (firstToken + i) + " of " + sentence(s);
    }
}
