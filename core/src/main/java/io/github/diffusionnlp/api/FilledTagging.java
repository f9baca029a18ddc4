package io.github.diffusionnlp.api;

import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a rewrite does with a sentence that holds a {@value DiffusionLM#MASK} once it has filled its masks (a rewrite
 * fills them first, then rewrites the filled words), for a front end that tags words itself ({@link
 * DiffusionLM#rewriteAll(List, List, double, List, SamplingOptions, SentenceNaming, FilledTagging)}): its {@link
 * Tagger} tags the filled words, and their tags may replace the sentence's template ({@link #replacingTemplates()})
 * and its keep mask ({@link #replacingKeep}). Why: a front end that tags the masked sentence reads a guess at the mask
 * (OpenNLP's tagger read {@code [MASK]} as punctuation; as an unknown word, its tag matched Brown's 31% of the time),
 * and the guess shifts the tags of the mask's neighbours too: "She [MASK] home early ." is tagged PRON ADJ NOUN ADV
 * PUNCT, "home" a noun, and, filled ("She worked home early ."), PRON VERB ADV ADV PUNCT. A template of the
 * sentence's own tags then asks for the wrong tags, and keeping its nouns keeps "home". Read off the filled words,
 * both follow the words the rewrite starts from.
 *
 * <p>The call still checks what it is given (the templates, the keep masks the front end made of the masked
 * sentence) before it samples, and refuses there what does not fit; the tags of the filled words are known only once
 * the masks are filled, so what they change is never refused: a mask's own position is never kept (it is a position
 * to write), and under a template of another length than its sentence no token past the template is (it has no place
 * in the rewritten sentence). A front end that needs the keep mask a sentence is rewritten with (to give its kept
 * tokens back in its own spelling) is told it as fitted ({@link #replacingKeep(Keep, Kept)}) rather than fitting the
 * rule's mask again. Sentences without a mask are never tagged: they keep their templates and keep masks.
 * Immutable; the tagger, keep rule and its {@link Kept} are called on the calling thread, once for each sentence that
 * holds a mask and whose template or keep mask they replace, before the rewrite samples.
 */
public final class FilledTagging {
    /** Tags the words of a rewrite's sentence once its masks are filled. */
    @FunctionalInterface
    public interface Tagger {
        /**
         * @param sentence the sentence's index in the call (0 for its first, as the call's lists count it)
         * @param words its words, its masks filled (only a mask's position holds a word the model chose; unmodifiable)
         * @return one UPOS tag a word
         */
        List<Upos> tags(int sentence, List<String> words);
    }

    /** Which tokens of a rewrite's sentence stay verbatim, read off the tags of its words once its masks are filled. */
    @FunctionalInterface
    public interface Keep {
        /**
         * @param sentence the sentence's index in the call
         * @param words its words, its masks filled (unmodifiable)
         * @param tags the {@link Tagger}'s tags of them (unmodifiable)
         * @return one flag a token, true where it stays verbatim; null keeps the keep mask the call was given
         */
        boolean[] keep(int sentence, List<String> words, List<Upos> tags);
    }

    /** Told the keep mask a rewrite's sentence is rewritten with, the {@link Keep} rule's once fitted. */
    @FunctionalInterface
    public interface Kept {
        /**
         * @param sentence the sentence's index in the call
         * @param keep one flag a token of the sentence, the rule's mask with a mask's position not kept, nor a token
         *     past a template of another length than the sentence (a copy, the caller's to keep or change)
         */
        void kept(int sentence, boolean[] keep);
    }

    private static final Kept UNTOLD = (sentence, keep) -> { };

    private final Tagger tagger;
    private final boolean templates;
    private final Keep keep;
    private final Kept kept;

    private FilledTagging(Tagger tagger, boolean templates, Keep keep, Kept kept) {
        this.tagger = Objects.requireNonNull(tagger, "tagger of filled words");
        this.templates = templates;
        this.keep = keep;
        this.kept = kept;
    }

    /**
     * The filled words tagged by {@code tagger}; nothing is replaced, and nothing tagged, until {@link
     * #replacingTemplates} or {@link #replacingKeep} says what (alone it is a rewrite without it).
     */
    public static FilledTagging by(Tagger tagger) {
        return new FilledTagging(tagger, false, null, UNTOLD);
    }

    /**
     * The same, and a sentence's template (its own tags, given before its masks were filled: the tag at a mask a
     * guess) replaced by its filled words' tags. The call then refuses, before sampling, a sentence holding a mask
     * under a template of another length than its own.
     */
    public FilledTagging replacingTemplates() {
        return new FilledTagging(tagger, true, keep, kept);
    }

    /**
     * The same, and a sentence's keep mask replaced by what {@code rule} makes of its filled words' tags (say, the
     * tokens its caller keeps by index and those of the classes it keeps); a mask's position is never kept, whatever
     * the rule says, nor a token past a template of another length than its sentence.
     */
    public FilledTagging replacingKeep(Keep rule) {
        return replacingKeep(rule, UNTOLD);
    }

    /**
     * {@link #replacingKeep(Keep)}, {@code told} told each sentence's keep mask as fitted, where the rule gave one
     * (not where it gave null), before the rewrite samples: what the sentence keeps, for a front end that gives its
     * kept tokens back itself (in its own spelling, a word the model reads as {@code [UNK]} included).
     */
    public FilledTagging replacingKeep(Keep rule, Kept told) {
        return new FilledTagging(tagger, templates, Objects.requireNonNull(rule, "keep rule"),
                Objects.requireNonNull(told, "what is told the fitted keep masks"));
    }

    /** Whether a sentence's template is replaced by its filled words' tags. */
    public boolean replacesTemplates() {
        return templates;
    }

    /** Whether a sentence's keep mask is replaced by the {@link Keep} rule's. */
    public boolean replacesKeep() {
        return keep != null;
    }

    /** A rewrite's templates and keep masks once its masks are filled. */
    record Applied(List<Constraints> each, List<boolean[]> keep) {}

    /**
     * The call's constraints and keep masks, those of each sentence that held a mask replaced as this says.
     *
     * @param masked the sentences as given; {@code filled} the same, their masks filled
     * @param keep the keep masks given (null keeping nothing), a mask's position already not kept
     * @param naming how the refusals name a sentence and its tokens, as the call's others do
     * @throws IllegalStateException when the tagger gives no list, a null tag or another number of tags than tokens,
     *     or the rule a keep mask of another length, naming the sentence (and the token of a null tag)
     */
    Applied apply(List<List<String>> masked, List<List<String>> filled, List<Constraints> each, List<boolean[]> keep,
            SentenceNaming naming) {
        List<Constraints> outEach = new ArrayList<>(each);
        List<boolean[]> outKeep = new ArrayList<>(keep);
        for (int s = 0; s < masked.size(); s++) {
            List<String> tokens = masked.get(s);
            List<Upos> template = each.get(s).template();
            boolean replaceTemplate = templates && template != null;
            if (!tokens.contains(DiffusionLM.MASK) || !replaceTemplate && this.keep == null) {
                continue;
            }
            List<String> words = Collections.unmodifiableList(filled.get(s));
            List<Upos> tags = checkedTags(tagger.tags(s, words), words.size(), s, naming);
            if (replaceTemplate) {
                outEach.set(s, each.get(s).withTemplate(tags));
            }
            if (this.keep != null) {
                boolean[] k = this.keep.keep(s, words, tags);
                if (k != null) {
                    boolean[] fitted = keptHere(k.clone(), tokens, outEach.get(s).template(), naming.sentence(s));
                    outKeep.set(s, fitted);
                    kept.kept(s, fitted.clone());
                }
            }
        }
        return new Applied(outEach, outKeep);
    }

    /**
     * The tagger's tags of sentence {@code s}'s {@code size} words, copied as they are now: refused, naming the
     * sentence, when there is no list or another number of tags than words, and naming the token of a null tag.
     */
    private static List<Upos> checkedTags(List<Upos> tags, int size, int s, SentenceNaming naming) {
        List<Upos> copy = tags == null ? null : new ArrayList<>(tags); // one read of a list the tagger may keep
        if (copy == null || copy.size() != size) {
            String gave = copy == null ? "null" : Counted.of(copy.size(), "tag", "tags");
            throw new IllegalStateException("the tagger of filled words gave " + gave + " for " + naming.sentence(s)
                    + ", which has " + Counted.of(size, "token", "tokens") + ": it must give one UPOS tag a token");
        }
        int missing = copy.indexOf(null);
        if (missing >= 0) {
            throw new IllegalStateException("the tagger of filled words gave no tag (null) for "
                    + naming.token(s, missing) + ": it must give one UPOS tag a token");
        }
        return List.copyOf(copy);
    }

    /**
     * A keep mask read off the filled words, checked and fitted: a mask's position not kept, nor one past a template
     * of another length than the sentence.
     *
     * @param sentence what the refusal calls the sentence ("sentence 2", "the sentence")
     */
    private static boolean[] keptHere(boolean[] k, List<String> masked, List<Upos> template, String sentence) {
        if (k.length != masked.size()) {
            throw new IllegalStateException("the keep rule of filled words gave a keep mask of "
                    + Counted.of(k.length, "flag", "flags") + " for " + sentence + ", which has "
                    + Counted.of(masked.size(), "token", "tokens") + ": it must give one a token");
        }
        int room = template == null || template.size() == masked.size() ? k.length : template.size();
        for (int i = 0; i < k.length; i++) {
            k[i] &= i < room && !DiffusionLM.MASK.equals(masked.get(i));
        }
        return k;
    }
}
