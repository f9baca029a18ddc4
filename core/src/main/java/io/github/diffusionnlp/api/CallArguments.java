package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.MaskSpelling;
import io.github.diffusionnlp.sample.PlugAndPlay;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks and copies that every {@link DiffusionLM} call makes of what it is given, at its start and before
 * anything is sampled: arguments not null, the sentences and keep masks as they are now, and constraints that
 * have something to act on. Stateless; the copies are the calling thread's own.
 */
final class CallArguments {
    private CallArguments() {}

    /**
     * {@link TokenLists#checkedCopy} of the sentences, once the other arguments are known not to be null. An empty
     * token, or one holding whitespace, is refused: a token list is whitespace-split text, and such a token (text
     * not yet split, a split gone wrong) would otherwise pass through as one unknown word.
     *
     * @param naming how the messages name a sentence and its tokens: by index for a batched call, "the sentence" for
     *     a call given one ({@link SentenceNaming})
     */
    static List<List<String>> sentences(List<List<String>> sentences, Object constraints, SamplingOptions options,
            SentenceNaming naming) {
        Objects.requireNonNull(sentences, "sentences");
        Objects.requireNonNull(constraints, "constraints (Constraints.none() for none)");
        Objects.requireNonNull(options, "options (SamplingOptions.defaults() for the defaults)");
        List<List<String>> copy = TokenLists.checkedCopy(sentences, "sentences", naming);
        for (int s = 0; s < copy.size(); s++) {
            for (int i = 0; i < copy.get(s).size(); i++) {
                String token = copy.get(s).get(i);
                if (MaskSpelling.isMisspelt(token) && !TokenLists.isWord(token)) {
                    throw notAMask(token, naming.token(s, i)); // "[MASK] ", "The [MASK] was late.": meant a mask
                }
                requireWord(token, naming.token(s, i));
            }
        }
        return copy;
    }

    /**
     * Refuses a token that is no word of whitespace-split text: empty, or holding whitespace or a byte-order mark
     * (which split text into tokens, {@link TokenLists#isWord}), such as text not yet split, which would otherwise be
     * read as one unknown word. The token is quoted with what a terminal does not show written as code points
     * ({@link Visible}): a byte-order mark left at the start of a file's text is invisible, and the message would
     * seem to blame a plain word.
     *
     * @param where which token it is, for the message ("token 2 of sentence 0", "token 2")
     */
    static void requireWord(String token, String where) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty: a token is a word of whitespace-split text;"
                    + " remove it");
        }
        if (!TokenLists.isWord(token)) {
            boolean onlyAMark = TokenLists.isWord(token.replace("\uFEFF", "x"))
                    && token.indexOf('\uFEFF') >= 0;
            throw new IllegalArgumentException(where + ", '" + Visible.of(token) + "', holds "
                    + (onlyAMark ? "a byte-order mark (U+FEFF), which splits text into tokens as whitespace does: a"
                            + " token is a word of whitespace-split text; remove the mark"
                            : "whitespace: a token is a word of whitespace-split text; split it into tokens"));
        }
    }

    /**
     * Refuses a sentence that is not one window of the model: empty, or longer than its length {@code len}, for a
     * call that reads a sentence whole ({@code sentimentPosterior}); {@code which} says which sentence of several it
     * is, or is empty.
     */
    static void requireOneWindow(String call, int size, int len, String which) {
        if (size == 0 || size > len) {
            throw new IllegalArgumentException(call + " reads a sentence of 1 to " + len + " tokens (the model's"
                    + " length), got " + size + which + (size == 0 ? "" : "; split a longer one"));
        }
    }

    /**
     * Refuses an infill result that is not one for {@code sentences}: as many sentences, each as long, holding the same
     * token wherever its sentence holds no {@value DiffusionLM#MASK} (what infill leaves as it was), and a word of
     * whitespace-split text wherever it holds one ({@link #requireWord}).
     *
     * @param naming how the messages name the sentences and their tokens ({@link SentenceNaming})
     * @param filledNaming how they name the infilled ones ("infilled sentence 2"), counted as {@code naming} counts
     */
    static void checkInfilled(List<List<String>> sentences, List<List<String>> infilled, SentenceNaming naming,
            SentenceNaming filledNaming) {
        if (infilled.size() != sentences.size()) {
            throw new IllegalArgumentException("infilled holds " + Counted.of(infilled.size(), "sentence", "sentences")
                    + " for " + Counted.of(sentences.size(), "sentence", "sentences") + ": give infill's result for"
                    + " the same sentences");
        }
        for (int s = 0; s < sentences.size(); s++) {
            List<String> given = sentences.get(s);
            List<String> filled = Objects.requireNonNull(infilled.get(s), filledNaming.sentence(s));
            if (filled.size() != given.size()) {
                throw new IllegalArgumentException(filledNaming.sentence(s) + " has " + filled.size()
                        + " tokens where " + naming.sentence(s) + " has " + given.size()
                        + ": give infill's result for the same sentences");
            }
            for (int i = 0; i < given.size(); i++) {
                // the words infill wrote are read as the sentences' are: text not split is no word of it
                requireWord(filled.get(i), filledNaming.token(s, i));
                if (!DiffusionLM.MASK.equals(given.get(i)) && !given.get(i).equals(filled.get(i))) {
                    throw new IllegalArgumentException(naming.token(s, i) + " is '"
                            + Visible.of(given.get(i)) + "' but " + filledNaming.sentence(s) + " holds '"
                            + Visible.of(String.valueOf(filled.get(i)))
                            + "' there: infill changes only masks; give its result for the same sentences");
                }
            }
        }
    }

    /**
     * Refuses an infill sentence with a mask written another way ("[mask]", {@code "<mask>"}, "[MASK]." glued to other
     * characters): it would come back unfilled, as an unknown word, and the mask the caller meant never filled.
     * Infill's alone: a rewrite has no masks, and takes such a token as the word it is (as the command line's
     * {@code rewrite} does). The command line, OpenNLP and CoreNLP front ends name it in their own words first.
     */
    static void checkMasks(List<List<String>> sentences, SentenceNaming naming) {
        for (int s = 0; s < sentences.size(); s++) {
            for (int i = 0; i < sentences.get(s).size(); i++) {
                if (MaskSpelling.isMisspelt(sentences.get(s).get(i))) {
                    throw notAMask(sentences.get(s).get(i), naming.token(s, i));
                }
            }
        }
    }

    private static IllegalArgumentException notAMask(String token, String where) {
        return new IllegalArgumentException(where + ", '" + Visible.of(token) + "', is not a mask and would come back"
                + " unfilled: a mask is the token " + DiffusionLM.MASK + " alone, in capitals, with nothing else in the"
                + " token (split the text into tokens first)");
    }

    /**
     * Refuses constraints that ask for what they give nothing to act on: a guidance weight other than 1
     * weighs a sentiment or template against the unconditional model, and best of k ranks by sentiment, so
     * without one a caller surely meant to constrain something (the command-line tools, OpenNLP and CoreNLP
     * refuse it the same way). Checked at the call's start, whatever the input, so that the same constraints
     * do not pass on text without words to sample (no masks, every word kept, a count of 0) and fail on other text.
     */
    static void checkConstraints(Constraints c) {
        checkSentenceConstraints(c);
        if (c.lexical() && c.sentiment() == null && c.template() == null) {
            throw new IllegalArgumentException("lexical constraints hold the words to the lexicons of a sentiment or"
                    + " a POS template, and these constraints have neither; add one (withSentiment, withTemplate),"
                    + " or leave withLexical false");
        }
    }

    /**
     * Refuses steering asked from inside a steering scorer ({@link PlugAndPlay#requireOutsideAScorer}) before the call
     * samples anything: sampling refused it at its first step, after a network pass (a rewrite's masks filled first).
     * Refuses steering at one step too: it moves the embeddings between steps, and one step has none (its scorer was
     * never called, and the call came back unsteered, unsaid). Weight 0 is no steering, and passes.
     */
    static void checkSteeringHere(Constraints c, SamplingOptions options) {
        if (c.steer() != null) {
            if (options.steps() == 1 && c.steer().weight() > 0) {
                throw new IllegalArgumentException("plug-and-play steering acts between sampling steps, and 1 step has"
                        + " none; give 2 steps or more, or leave withSteering unset");
            }
            PlugAndPlay.requireOutsideAScorer();
        }
    }

    /**
     * Refuses what acts on sampled sentences, not on one pass of the network ({@code suggest}): steering, which moves
     * the words between sampling steps, and best of k candidates, which ranks sampled sentences.
     */
    static void checkOnePass(Constraints c) {
        if (c.steer() != null) {
            throw new IllegalArgumentException("suggest reads one pass of the network, and plug-and-play steering acts"
                    + " between sampling steps; leave withSteering unset");
        }
        if (c.candidates() > 1) {
            throw new IllegalArgumentException("suggest ranks words, not sampled sentences, and best of "
                    + c.candidates() + " candidates ranks sentences; give 1 candidate");
        }
    }

    /**
     * {@link #checkConstraints} but for lexical constraints: one sentence's, in a per-sentence list, where a
     * sentence without a sentiment or a template may sit beside ones with (the list shares one lexical setting,
     * and such a sentence's words are simply held to nothing).
     */
    static void checkSentenceConstraints(Constraints c) {
        if (c.guidance() != Constraints.DEFAULT_GUIDANCE && c.sentiment() == null && c.template() == null) {
            throw new IllegalArgumentException("guidance " + c.guidance() + " pushes toward a sentiment or a POS"
                    + " template, and these constraints have neither; add one (withSentiment, withTemplate)");
        }
        if (c.candidates() > 1 && c.sentiment() == null) {
            throw new IllegalArgumentException("best of " + c.candidates() + " candidates ranks them by sentiment;"
                    + " give a sentiment too, or 1 candidate");
        }
    }

    /**
     * Refuses an infill template that does not have one tag per token of every sentence: checked for every
     * sentence before any is sampled, as a sentence is otherwise checked only when a stretch of it with a mask
     * comes up (one without masks never), after the sampling of the stretches before it.
     */
    static void checkInfillTemplate(List<Upos> template, List<List<String>> sentences, SentenceNaming naming) {
        int tags = template.size();
        for (int s = 0; s < sentences.size(); s++) {
            if (sentences.get(s).size() != tags) {
                throw new IllegalArgumentException("the POS template has " + Counted.of(tags, "tag", "tags")
                        + " but " + naming.sentence(s) + " has "
                        + Counted.of(sentences.get(s).size(), "token", "tokens")
                        + "; an infill keeps the length, one tag per token");
            }
        }
    }

    /** The keep masks as they are now (nulls stay: they keep nothing). */
    static List<boolean[]> keepMasks(List<boolean[]> keep) {
        List<boolean[]> out = new ArrayList<>();
        for (boolean[] k : keep) {
            out.add(k == null ? null : k.clone());
        }
        return out;
    }

    /**
     * The settings that sentences sampled in one run share (guidance, steering, candidates, lexical), as their
     * first sentence's constraints hold them; none for no sentences. Compared by value: two equal steerings made
     * apart ({@code PlugAndPlay.of(scorer, 5)} twice) are one.
     *
     * @param naming how the message names the sentences ({@link SentenceNaming}: "sentence 4" for a call's sentence 1
     *     of a {@link SentenceNaming#window window} from the caller's sentence 3)
     * @throws IllegalArgumentException naming the first sentence whose constraints differ in one of them, the
     *     setting and both values
     */
    static Constraints shared(List<Constraints> each, SentenceNaming naming) {
        Constraints shared = each.isEmpty() ? Constraints.none() : each.get(0);
        for (int s = 1; s < each.size(); s++) {
            Constraints c = each.get(s);
            String differs = c.guidance() != shared.guidance()
                            ? differs("guidance weight", shared.guidance(), c.guidance(), naming)
                    : !Objects.equals(c.steer(), shared.steer())
                            ? differs("steering", shared.steer(), c.steer(), naming)
                    : c.candidates() != shared.candidates()
                            ? differs("candidate count", shared.candidates(), c.candidates(), naming)
                    : c.lexical() != shared.lexical()
                            ? differs("lexical setting", shared.lexical(), c.lexical(), naming)
                    : null;
            if (differs != null) {
                throw new IllegalArgumentException("the sentences of one call must share a guidance weight, steering,"
                        + " candidate count and lexical setting: " + naming.sentence(s) + " has " + differs);
            }
        }
        return shared;
    }

    private static String differs(String setting, Object first, Object other, SentenceNaming naming) {
        return setting + " " + other + " where " + naming.sentence(0) + " has " + first;
    }
}
