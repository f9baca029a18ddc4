package io.github.diffusionnlp.train;

import com.google.common.collect.LinkedHashMultiset;
import com.google.common.collect.Multiset;
import com.google.common.collect.Multisets;
import io.github.diffusionnlp.corpus.TaggedSentence;
import java.util.List;
import java.util.function.Predicate;

/**
 * Each spelling of a corpus's tokens with how often it occurs, in the order the corpus first writes it, counted in
 * one walk over the sentences: the vocabulary ({@link io.github.diffusionnlp.model.Vocabulary#ofCounts}) and the
 * notes on the corpus's words (the sentiment lexicon's share, punctuation joined to words, tokens spelt like special
 * tokens) read these, asking once a spelling what each asked once a token in a walk of its own: Brown's training split
 * writes its 968,351 tokens in about 50,000 spellings.
 */
final class CorpusSpellings {
    private final Multiset<String> counts;

    private CorpusSpellings(Multiset<String> counts) {
        this.counts = counts;
    }

    /** The spellings of {@code sentences}' words. */
    static CorpusSpellings of(List<TaggedSentence> sentences) {
        Multiset<String> counts = LinkedHashMultiset.create();
        for (TaggedSentence s : sentences) {
            counts.addAll(s.words());
        }
        return new CorpusSpellings(counts);
    }

    /** Each spelling and its count, in the order the corpus first writes each. */
    Multiset<String> counts() {
        return Multisets.unmodifiableMultiset(counts);
    }

    /** How many tokens the corpus holds. */
    long tokens() {
        return tokens(spelling -> true); // not counts.size(), an int that stops at Integer.MAX_VALUE
    }

    /** How many of the corpus's tokens are spelt as {@code which} accepts. */
    long tokens(Predicate<String> which) {
        long n = 0;
        for (Multiset.Entry<String> e : counts.entrySet()) {
            n += which.test(e.getElement()) ? e.getCount() : 0;
        }
        return n;
    }
}
