package io.github.diffusionnlp.corenlp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Universal POS tags (UD v2) and a mapping from the Penn Treebank tags that CoreNLP's English {@code pos}
 * annotator writes. The mapping is by tag, refined by the word where UD splits a PTB tag: forms of
 * <i>be</i> are {@code AUX}, subordinating conjunctions tagged {@code IN} are {@code SCONJ}. Tags from other
 * tag sets (CoreNLP's UD-tagged models already write UPOS) pass through when they are UPOS names;
 * anything else is {@code X}.
 */
public final class Upos {
    /** The 17 UPOS tags. */
    public static final Set<String> TAGS = Set.of("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN",
            "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X");

    private static final Map<String, String> PTB = Map.ofEntries(
            Map.entry("CC", "CCONJ"), Map.entry("CD", "NUM"), Map.entry("DT", "DET"), Map.entry("EX", "PRON"),
            Map.entry("FW", "X"), Map.entry("IN", "ADP"), Map.entry("JJ", "ADJ"), Map.entry("JJR", "ADJ"),
            Map.entry("JJS", "ADJ"), Map.entry("LS", "X"), Map.entry("MD", "AUX"), Map.entry("NN", "NOUN"),
            Map.entry("NNS", "NOUN"), Map.entry("NNP", "PROPN"), Map.entry("NNPS", "PROPN"), Map.entry("PDT", "DET"),
            Map.entry("POS", "PART"), Map.entry("PRP", "PRON"), Map.entry("PRP$", "PRON"), Map.entry("RB", "ADV"),
            Map.entry("RBR", "ADV"), Map.entry("RBS", "ADV"), Map.entry("RP", "ADP"), Map.entry("SYM", "SYM"),
            Map.entry("TO", "PART"), Map.entry("UH", "INTJ"), Map.entry("VB", "VERB"), Map.entry("VBD", "VERB"),
            Map.entry("VBG", "VERB"), Map.entry("VBN", "VERB"), Map.entry("VBP", "VERB"), Map.entry("VBZ", "VERB"),
            Map.entry("WDT", "DET"), Map.entry("WP", "PRON"), Map.entry("WP$", "PRON"), Map.entry("WRB", "ADV"),
            Map.entry("AFX", "ADJ"), Map.entry("ADD", "X"), Map.entry("GW", "X"), Map.entry("XX", "X"),
            Map.entry("NFP", "PUNCT"), Map.entry("HYPH", "PUNCT"), Map.entry(".", "PUNCT"), Map.entry(",", "PUNCT"),
            Map.entry(":", "PUNCT"), Map.entry("``", "PUNCT"), Map.entry("''", "PUNCT"), Map.entry("-LRB-", "PUNCT"),
            Map.entry("-RRB-", "PUNCT"), Map.entry("-LSB-", "PUNCT"), Map.entry("-RSB-", "PUNCT"),
            Map.entry("-LCB-", "PUNCT"), Map.entry("-RCB-", "PUNCT"), Map.entry("$", "SYM"), Map.entry("#", "SYM"));

    private static final Set<String> BE = Set.of("be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re",
            "'m", "ai");
    private static final Set<String> SUBORDINATORS = Set.of("if", "because", "although", "though", "while",
            "whereas", "unless", "that", "whether", "lest"); // not "as", "since", "before"...: ADP as often

    private Upos() {}

    /** The UPOS tag of a token with this word and PTB tag; null when the tag is null. */
    public static String of(String word, String tag) {
        if (tag == null) {
            return null;
        }
        if (TAGS.contains(tag)) {
            return tag;
        }
        String lower = word == null ? "" : word.toLowerCase(Locale.ROOT);
        if (tag.startsWith("VB") && BE.contains(lower)) {
            return "AUX";
        }
        if (tag.equals("IN") && SUBORDINATORS.contains(lower)) {
            return "SCONJ";
        }
        return PTB.getOrDefault(tag, "X");
    }
}
