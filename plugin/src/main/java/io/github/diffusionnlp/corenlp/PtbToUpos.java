package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreLabel;
import io.github.diffusionnlp.corpus.PtbTags;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.List;

/** The UPOS tags of CoreNLP tokens, from the Penn Treebank tags its English {@code pos} annotator writes. */
public final class PtbToUpos {
    private PtbToUpos() {}

    /** The UPOS tag of a token with this word and PTB tag ({@link PtbTags#of}); null when the tag is null. */
    public static Upos of(String word, String tag) {
        return PtbTags.of(word, tag);
    }

    /** The UPOS tags of these tokens (from their {@code pos} tags; {@code X} where a token has none). */
    public static List<Upos> of(List<CoreLabel> tokens) {
        List<Upos> out = new ArrayList<>(tokens.size());
        for (CoreLabel t : tokens) {
            Upos u = PtbTags.of(t.word(), t.tag());
            out.add(u == null ? Upos.X : u);
        }
        return out;
    }
}
