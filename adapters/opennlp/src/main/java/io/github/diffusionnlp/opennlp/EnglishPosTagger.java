package io.github.diffusionnlp.opennlp;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.PtbTags;
import io.github.diffusionnlp.corpus.Upos;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;

/**
 * Universal Dependencies UPOS tags for English tokens, from OpenNLP's {@link POSTaggerME} with the UD
 * English-EWT model of Maven Central ({@code org.apache.opennlp:opennlp-models-pos-en:1.3.0}, read
 * from the classpath as {@value #POS_MODEL}, never downloaded).
 *
 * <p><b>Threads.</b> {@link POSModel} is immutable and may be shared, but {@code POSTaggerME} is not
 * thread-safe: {@code tag} stores its best sequence in a field (read back by {@code probs()}) and its
 * context generator keeps a cache. So the model is loaded once ({@link #get()}) and every
 * {@link #tag} call makes its own {@code POSTaggerME} on it (cheap: no model data is copied). One
 * {@code EnglishPosTagger} may serve many threads.
 */
public final class EnglishPosTagger {
    public static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    /** What the tagger reads in place of a mask ({@link #asTagged}). */
    private static final String MASK_AS_TAGGED = "xyzzy";

    /** The separator of a joined tag the model gives a contraction ({@code AUX+PART}). */
    private static final Pattern JOINED_TAG = Pattern.compile("\\+");

    /** Loaded at the first {@link #get}; a failed load is tried again at the next. */
    private static final Supplier<EnglishPosTagger> SHARED = Suppliers.memoize(() -> {
        try {
            return new EnglishPosTagger();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP English POS model from the classpath", e);
        }
    });

    private final POSModel model;

    private EnglishPosTagger() throws IOException {
        try (InputStream in = ModelJarResource.open(POS_MODEL, "opennlp-models-pos-en")) {
            model = new POSModel(in);
        }
    }

    /**
     * Refuses to tag a model's text when its package says it is not English: this tagger is OpenNLP's English
     * model, and its tags of French or German tokens would silently keep or template the wrong words.
     *
     * @param what what needs the tags, as the message names it (e.g. "keeping the UPOS classes NOUN")
     * @throws IllegalArgumentException naming the model's language and what to do instead
     */
    public static void requireEnglish(DiffusionModel model, String what, String instead) {
        if (!DiffusionModel.isEnglish(model.getLanguage())) {
            throw new IllegalArgumentException(what + " needs POS tags of the text, which come from OpenNLP's English"
                    + " POS model, and this model's language is '" + model.getLanguage() + "' (its package's"
                    + " Language): " + instead);
        }
    }

    /** The shared instance; the first call loads the POS model (about a second). */
    public static EnglishPosTagger get() {
        return SHARED.get();
    }

    /**
     * One UPOS tag per token (an empty array for no tokens). The model learnt EWT's contractions as one
     * token with a joined tag ({@code can't}: {@code AUX+PART}, {@code It's}: {@code PRON+AUX}); such a
     * token gets its first part's tag, as a CoNLL-U multiword token read as its surface form is tagged
     * (the main README's {@code --multiword surface}), so that templates and keep rules see a UPOS tag. A {@value
     * DiffusionLM#MASK} is tagged as an unknown word there ({@link #asTagged}).
     */
    public String[] tag(String[] tokens) {
        if (tokens.length == 0) {
            return new String[0];
        }
        String[] tags = new POSTaggerME(model, POSTagFormat.UD).tag(asTagged(tokens));
        for (int i = 0; i < tags.length; i++) {
            tags[i] = upos(tags[i]);
        }
        return tags;
    }

    /**
     * The tokens as the tagger reads them: a {@value DiffusionLM#MASK} as an unknown lowercase word ({@value
     * #MASK_AS_TAGGED}), whose tag the tagger guesses from the words around it. Read as it is, the bracketed mask is
     * punctuation to OpenNLP's tagger, and so was the word the template then asked for there; and the words around
     * it were tagged otherwise. On 600 held-out Brown sentences, one word masked in each, the tag at the mask
     * matched Brown's 0.5% of the time read as {@value DiffusionLM#MASK} and 31.0% read as this word (29.0-29.5%
     * as "blicket" or "thing"; a one-off probe, 2026-12-07). A rewrite under the input's own template then tags
     * such a sentence again once core has filled its masks ({@code RewriterME}): on 600 held-out sentences, one word
     * masked in each, the filled word's tag matched Brown's 45.8% of the time, this guess 31.0% (a one-off probe, audit
     * h198); the guess is what the keep spec's classes and the checks before sampling see.
     */
    private static String[] asTagged(String[] tokens) {
        String[] read = tokens.clone();
        for (int i = 0; i < read.length; i++) {
            if (DiffusionLM.MASK.equals(read[i])) {
                read[i] = MASK_AS_TAGGED;
            }
        }
        return read;
    }

    /** The UPOS tag for what the model gave: a joined tag's first part; X for anything else not a UPOS tag. */
    static String upos(String modelTag) {
        String first = firstPart(modelTag);
        return PtbTags.isUpos(first) ? first : Upos.X.name();
    }

    /**
     * Whether a {@code word_TAG} sample's tag trains as a tag rather than as X: a UD UPOS or Penn Treebank tag in any
     * case, a joined tag by its {@linkplain #firstPart first part} ({@code AUX+PART}), anything else not. The one rule
     * of {@code DiffusionModel.train}'s reader, which notes the tags that are not, and of the {@code Train} tool's
     * warning that {@code -format plain} data looks tagged.
     */
    public static boolean isTrainedAsTag(String tag) {
        String first = firstPart(tag.toUpperCase(Locale.ROOT));
        return PtbTags.isUpos(first) || PtbTags.isPtb(first);
    }

    /**
     * The first part of a joined tag ({@code AUX+PART}: {@code AUX}), the tag itself otherwise. The one rule for
     * a contraction's tag wherever a tag may come from {@code POSTaggerME} ({@link #tag}, {@code ConstraintSpec}'s
     * templates, {@code DiffusionModel.train}'s samples): OpenNLP's {@code TokenizerME} leaves almost every "can't"
     * and "It's" whole, so its tagger's output holds such tags, and they were refused as templates and trained as X.
     * A joined tag is two parts, each a UPOS or Penn Treebank tag in any case; anything else with a {@code +}
     * ({@code NOUN+VREB}, {@code AUX+}, {@code DET+NOUN+VERB}) is returned whole, so that its caller refuses it (or
     * reads it as X) by its own name rather than taking a first part that happens to be a tag.
     */
    static String firstPart(String tag) {
        String[] parts = JOINED_TAG.split(tag, -1);
        if (parts.length != 2) {
            return tag;
        }
        for (String part : parts) {
            String upper = part.trim().toUpperCase(Locale.ROOT);
            if (!PtbTags.isUpos(upper) && !PtbTags.isPtb(upper)) {
                return tag;
            }
        }
        return parts[0];
    }
}
