package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.TaggedCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The tokenized sentences a library call is given, checked and copied before it does anything with them. */
final class TokenLists {
    private TokenLists() {}

    /**
     * Whether {@code token} is a word of whitespace-split text, as {@link DiffusionLM}'s infill and rewrite take
     * their tokens: not empty, without whitespace (as {@link TaggedCorpus#TOKEN} splits text). Infill also refuses
     * a mask written another way ({@link io.github.diffusionnlp.model.MaskSpelling#isMisspelt}).
     */
    static boolean isWord(String token) {
        return TaggedCorpus.TOKEN.matcher(token).matches();
    }

    /**
     * The lists as they are now, immutable: a call works on this copy alone, so a caller (or another thread)
     * changing its lists during the call changes neither what it samples nor what it gives back.
     *
     * @param name what the argument is called ("sentences")
     * @param one what one of its lists is called ("sentence", as in "sentence 2 is null")
     * @throws NullPointerException naming the argument, list or token that is null (a null token would
     *     otherwise be read as an unknown word)
     */
    static List<List<String>> checkedCopy(List<List<String>> lists, String name, String one) {
        return checkedCopy(lists, name, SentenceNaming.batch(one));
    }

    /**
     * {@link #checkedCopy(List, String, String)}, its lists and tokens named as {@code naming} names them ("token 1
     * is null" for a call given one sentence).
     */
    static List<List<String>> checkedCopy(List<List<String>> lists, String name, SentenceNaming naming) {
        Objects.requireNonNull(lists, name);
        List<List<String>> copy = new ArrayList<>(lists); // ArrayList: takes the nulls named below
        for (int s = 0; s < copy.size(); s++) {
            if (copy.get(s) == null) {
                throw new NullPointerException(naming.sentence(s) + " is null");
            }
            List<String> tokens = new ArrayList<>(copy.get(s));
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i) == null) {
                    throw new NullPointerException(naming.token(s, i) + " is null");
                }
            }
            copy.set(s, List.copyOf(tokens));
        }
        return List.copyOf(copy);
    }
}
