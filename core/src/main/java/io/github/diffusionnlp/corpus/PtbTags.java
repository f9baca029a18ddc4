package io.github.diffusionnlp.corpus;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps Penn Treebank tags — what CoreNLP's English {@code pos} annotator and OpenNLP's classic English models
 * write — to Universal POS tags ({@link Upos}, UD v2). The mapping is by tag, refined by the word where UD splits a
 * PTB tag: forms of
 * <i>be</i> are {@code AUX}, subordinating conjunctions tagged {@code IN} are {@code SCONJ}. Tags from other
 * tag sets (CoreNLP's UD-tagged models already write UPOS) pass through when they are UPOS names; anything
 * else is {@code X}.
 */
public final class PtbTags {
    /** Each UPOS tag with the PTB tags (and CoreNLP's extra tags) that map to it. */
    private static final Map<Upos, String> TABLE = new EnumMap<>(Map.ofEntries(
            Map.entry(Upos.ADJ, "JJ JJR JJS AFX"),
            Map.entry(Upos.ADP, "IN RP"),
            Map.entry(Upos.ADV, "RB RBR RBS WRB"),
            Map.entry(Upos.AUX, "MD"),
            Map.entry(Upos.CCONJ, "CC"),
            Map.entry(Upos.DET, "DT PDT WDT"),
            Map.entry(Upos.INTJ, "UH"),
            Map.entry(Upos.NOUN, "NN NNS"),
            Map.entry(Upos.NUM, "CD"),
            Map.entry(Upos.PART, "POS TO"),
            Map.entry(Upos.PRON, "EX PRP PRP$ WP WP$"),
            Map.entry(Upos.PROPN, "NNP NNPS"),
            Map.entry(Upos.PUNCT, ". , : `` '' -LRB- -RRB- -LSB- -RSB- -LCB- -RCB- NFP HYPH"),
            Map.entry(Upos.SYM, "SYM $ #"),
            Map.entry(Upos.VERB, "VB VBD VBG VBN VBP VBZ"),
            Map.entry(Upos.X, "FW LS ADD GW XX")));

    private static final Map<String, Upos> PTB = new HashMap<>();

    static {
        TABLE.forEach((upos, tags) -> Arrays.stream(tags.split(" ")).forEach(t -> PTB.put(t, upos)));
    }

    private static final Set<String> BE = Set.of("be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re",
            "'m", "ai");
    private static final Set<String> SUBORDINATORS = Set.of("if", "because", "although", "though", "while",
            "whereas", "unless", "that", "whether", "lest"); // not "as", "since", "before"...: ADP as often

    private PtbTags() {}

    /** The UPOS tag of a token with this word and PTB tag; null when the tag is null. */
    public static Upos of(String word, String tag) {
        if (tag == null) {
            return null;
        }
        Upos direct = PTB.get(tag);
        if (direct == null) {
            return isUpos(tag) ? Upos.valueOf(tag) : Upos.X;
        }
        String lower = word == null ? "" : word.toLowerCase(Locale.ROOT);
        if (direct == Upos.VERB && BE.contains(lower)) {
            return Upos.AUX;
        }
        if (tag.equals("IN") && SUBORDINATORS.contains(lower)) {
            return Upos.SCONJ;
        }
        return direct;
    }

    /** Whether {@code tag} is a Penn Treebank tag (or one of CoreNLP's extra tags) that {@link #of} maps. */
    public static boolean isPtb(String tag) {
        return PTB.containsKey(tag);
    }

    /** Whether {@code tag} is one of the 17 UPOS names (upper case). */
    public static boolean isUpos(String tag) {
        for (Upos u : Upos.values()) {
            if (u.name().equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
