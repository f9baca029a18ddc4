package io.github.diffusionnlp.corpus;

import com.google.common.collect.ImmutableMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps Brown corpus tags to UD UPOS.
 *
 * <p>Brown tags compound freely: {@code fw-} marks a foreign word, {@code -tl}/{@code -hl}/{@code -nc}
 * mark titles, headlines and citations, {@code +} joins the parts of a contraction ("we're" is
 * {@code ppss+ber}), {@code *} marks negation ("can't" is {@code md*}) and {@code $} a possessive.
 * We keep the first part of a contraction, since one Brown token is one model position.
 */
public final class BrownTags {
    private static final Map<String, Upos> BASE = ImmutableMap.<String, Upos>builder()
            .put("nn", Upos.NOUN).put("nns", Upos.NOUN).put("nr", Upos.NOUN).put("nrs", Upos.NOUN)
            .put("np", Upos.PROPN).put("nps", Upos.PROPN)
            .put("jj", Upos.ADJ).put("jjr", Upos.ADJ).put("jjs", Upos.ADJ).put("jjt", Upos.ADJ).put("od", Upos.ADJ)
            .put("vb", Upos.VERB).put("vbd", Upos.VERB).put("vbg", Upos.VERB).put("vbn", Upos.VERB)
            .put("vbz", Upos.VERB)
            .put("be", Upos.AUX).put("bed", Upos.AUX).put("bedz", Upos.AUX).put("beg", Upos.AUX).put("bem", Upos.AUX)
            .put("ben", Upos.AUX).put("ber", Upos.AUX).put("bez", Upos.AUX)
            .put("hv", Upos.AUX).put("hvd", Upos.AUX).put("hvg", Upos.AUX).put("hvn", Upos.AUX).put("hvz", Upos.AUX)
            .put("do", Upos.AUX).put("dod", Upos.AUX).put("doz", Upos.AUX).put("md", Upos.AUX)
            .put("in", Upos.ADP).put("rp", Upos.ADP).put("to", Upos.PART).put("*", Upos.PART)
            .put("cc", Upos.CCONJ).put("cs", Upos.SCONJ)
            .put("rb", Upos.ADV).put("rbr", Upos.ADV).put("rbt", Upos.ADV).put("rn", Upos.ADV)
            .put("ql", Upos.ADV).put("qlp", Upos.ADV).put("wrb", Upos.ADV).put("wql", Upos.ADV)
            .put("at", Upos.DET).put("abn", Upos.DET).put("abx", Upos.DET).put("abl", Upos.DET).put("ap", Upos.DET)
            .put("dt", Upos.DET).put("dti", Upos.DET).put("dts", Upos.DET).put("dtx", Upos.DET).put("wdt", Upos.DET)
            .put("pp", Upos.PRON).put("ppl", Upos.PRON).put("ppls", Upos.PRON).put("ppo", Upos.PRON)
            .put("pps", Upos.PRON).put("ppss", Upos.PRON).put("pn", Upos.PRON).put("wp", Upos.PRON)
            .put("wpo", Upos.PRON).put("wps", Upos.PRON).put("ex", Upos.PRON)
            .put("cd", Upos.NUM).put("uh", Upos.INTJ)
            .put(".", Upos.PUNCT).put(",", Upos.PUNCT).put(":", Upos.PUNCT).put(";", Upos.PUNCT)
            .put("--", Upos.PUNCT).put("(", Upos.PUNCT).put(")", Upos.PUNCT).put("``", Upos.PUNCT)
            .put("''", Upos.PUNCT).put("'", Upos.PUNCT)
            .put("nil", Upos.X)
            .build();

    private BrownTags() {}

    /** The UPOS tag of a Brown tag such as {@code nn-tl}, {@code ppss+ber} or {@code fw-jj}. */
    public static Upos toUpos(String brownTag) {
        String tag = brownTag.toLowerCase(Locale.ROOT);
        if (tag.startsWith("fw-")) {
            return Upos.X;
        }
        return BASE.getOrDefault(base(tag), Upos.X);
    }

    /**
     * Whether {@code tag} is a Brown tag (in any case, compounds such as {@code nn-tl} and {@code fw-jj} too), as
     * opposed to one {@link #toUpos} reads as X only because it does not know it: what tells a Brown-tagged file
     * ({@code the/at}) from text with slashes in it.
     */
    public static boolean isBrown(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT);
        return BASE.containsKey(base(lower.startsWith("fw-") ? lower.substring(3) : lower));
    }

    /** A lower-case Brown tag without its title, headline and citation marks, second part, negation or possessive. */
    private static String base(String tag) {
        tag = tag.replaceAll("(-tl|-hl|-nc)+$", "");
        int plus = tag.indexOf('+');
        if (plus > 0) {
            tag = tag.substring(0, plus);
        }
        if (tag.length() > 1) {
            tag = tag.replaceAll("[*$]+$", "");
        }
        return tag;
    }
}
