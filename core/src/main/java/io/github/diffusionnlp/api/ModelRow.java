package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.model.Conditioning;
import io.github.diffusionnlp.model.QuoteSpelling;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One model row: which sentence (and offset) it came from, its inputs, and its result. */
final class ModelRow {
    final int sentence;
    final int offset;
    final List<String> tokens;
    final int[] ids;
    final boolean[] given;
    final boolean[] allowPad;
    final long seed;
    final int[] upos;
    int sentiment;
    Sentiment label;
    int[] result;

    private ModelRow(int sentence, int offset, List<String> tokens, int len, long seed) {
        this.sentence = sentence;
        this.offset = offset;
        this.tokens = tokens;
        this.ids = new int[len];
        this.given = new boolean[len];
        this.allowPad = new boolean[len];
        this.upos = new int[len];
        this.seed = seed;
    }

    /** The same inputs sampled with another seed (best-of-k candidates). */
    private ModelRow(ModelRow of, long seed) {
        this.sentence = of.sentence;
        this.offset = of.offset;
        this.tokens = of.tokens;
        this.ids = of.ids;
        this.given = of.given;
        this.allowPad = of.allowPad;
        this.upos = of.upos;
        this.sentiment = of.sentiment;
        this.label = of.label;
        this.seed = seed;
    }

    ModelRow candidate(long seed) {
        return new ModelRow(this, seed);
    }

    /**
     * Applies the constraints to this row, a window at {@code offset} of a sentence of {@code length}
     * tokens: the sentiment, and the template's tags for the window's positions (END after the
     * sentence's end).
     */
    ModelRow constrain(Constraints c, int offset, int length, int len) {
        sentiment = Conditioning.sentimentId(c.sentiment());
        label = c.sentiment();
        if (c.template() != null) {
            if (c.template().size() != length) {
                throw new IllegalArgumentException("the POS template has " + Counted.of(c.template().size(), "tag",
                        "tags") + " but the sentence has " + Counted.of(length, "token", "tokens"));
            }
            for (int i = 0; i < len; i++) {
                int at = offset + i;
                upos[i] = at < length ? Conditioning.uposId(c.template().get(at)) : Conditioning.END;
            }
        }
        return this;
    }

    /**
     * A rewrite whose new length is the template's: kept tokens keep their positions. {@code read} is {@code
     * tokens} as the model reads them ({@link QuoteSpelling#asRead}), here and in the other row factories.
     */
    static ModelRow rewriteToTemplate(int sentence, List<String> tokens, List<String> read, boolean[] keep,
            Constraints c, Vocabulary vocab, int len, long seed) {
        int t = c.template().size(); // at most len, every kept token inside it: see SentenceWindows#checkRewrite
        ModelRow row = new ModelRow(sentence, 0, tokens, len, seed);
        Arrays.fill(row.given, true);
        for (int i = 0; i < tokens.size() && i < len; i++) {
            row.ids[i] = vocab.id(read.get(i));
        }
        for (int i = 0; i < t; i++) {
            row.given[i] = i < keep.length && keep[i];
        }
        for (int i = t; i < len; i++) {
            row.ids[i] = Vocabulary.PAD_ID;
        }
        return row.constrain(c, 0, t, len);
    }

    static ModelRow infill(int sentence, int offset, List<String> window, List<String> read, Vocabulary vocab, int len,
            long seed) {
        ModelRow row = new ModelRow(sentence, offset, window, len, seed);
        Arrays.fill(row.given, true); // padding after the sentence is given: the length is known
        for (int i = 0; i < window.size(); i++) {
            String t = window.get(i);
            row.given[i] = !DiffusionLM.MASK.equals(t);
            row.ids[i] = row.given[i] ? vocab.id(read.get(i)) : Vocabulary.PAD_ID;
        }
        return row;
    }

    /** Every position of the window starts from its word; kept ones stay; the padding is given. */
    static ModelRow rewrite(int sentence, int offset, List<String> window, List<String> read, boolean[] keep,
            Vocabulary vocab, int len, long seed) {
        ModelRow row = new ModelRow(sentence, offset, window, len, seed);
        Arrays.fill(row.given, true);
        for (int i = 0; i < window.size(); i++) {
            row.given[i] = keep[i];
            row.ids[i] = vocab.id(read.get(i));
        }
        return row;
    }

    /** Whether a template gives any of this row's positions a tag. */
    boolean hasTemplate() {
        return Arrays.stream(upos).anyMatch(t -> t != Conditioning.NONE && t != Conditioning.END);
    }

    boolean allGiven() {
        for (boolean g : given) {
            if (!g) {
                return false;
            }
        }
        return true;
    }

    /** The row's result as words, the padding left out. */
    List<String> words(Vocabulary vocab) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < result.length; i++) {
            if (result[i] != Vocabulary.PAD_ID) {
                words.add(wordAt(i, vocab));
            }
        }
        return words;
    }

    /**
     * The word sampled at position {@code i}: {@code [UNK]} is sampled only where a rewrite started from a word
     * the model does not know and left it so (see {@code Sampler}), and stands for that word, written as it was;
     * the word the model read there, left as it was, is also written as the user wrote it (a {@code “} read as
     * {@code ``} and left so comes back {@code “}).
     */
    String wordAt(int i, Vocabulary vocab) {
        boolean asRead = result[i] == Vocabulary.UNK_ID || result[i] == ids[i] && ids[i] != Vocabulary.PAD_ID;
        return asRead && i < tokens.size() ? tokens.get(i) : vocab.word(result[i]);
    }

    /** The row's window as it comes out: given tokens verbatim, generated positions as words, no padding. */
    List<String> outcome(Vocabulary vocab) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < result.length; i++) {
            if (given[i]) {
                if (i < tokens.size() && ids[i] != Vocabulary.PAD_ID) { // not the padding after the end
                    out.add(tokens.get(i));
                }
            } else if (result[i] != Vocabulary.PAD_ID) {
                out.add(wordAt(i, vocab));
            }
        }
        return out;
    }

    static ModelRow generate(int index, int len, int length, long seed) {
        ModelRow row = new ModelRow(index, 0, List.of(), len, seed);
        for (int i = 0; i < len; i++) {
            row.given[i] = length > 0 && i >= length; // fixed length: the padding is given
            row.allowPad[i] = length == 0;
        }
        return row;
    }
}
