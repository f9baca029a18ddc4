package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.ArrayCoreMap;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Edits a CoreNLP document in place and keeps it consistent: token lists, token and sentence indexes,
 * character (and code point) offsets, sentence and document text, entity mentions.
 */
final class DocumentEditor {
    private DocumentEditor() {}

    /**
     * Joins the tokens a tokenizer split a literal {@code [MASK]} into (PTBTokenizer: {@code [}, {@code MASK},
     * {@code ]}) into one token {@code [MASK]}: adjacent tokens (no space between) whose original texts
     * spell it. The document's text is unchanged; only its tokenization. Returns whether anything was joined.
     */
    static boolean joinMasks(Annotation doc) {
        Map<CoreLabel, List<CoreLabel>> joins = new IdentityHashMap<>(); // first piece -> [joined], later -> []
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            for (int i = 0; i < tokens.size(); ) {
                int end = maskEnd(tokens, i);
                if (end > i + 1) {
                    joins.put(tokens.get(i), List.of(join(tokens.subList(i, end))));
                    for (int k = i + 1; k < end; k++) {
                        joins.put(tokens.get(k), List.of());
                    }
                    i = end;
                } else {
                    i++;
                }
            }
        }
        retokenize(doc, joins);
        return !joins.isEmpty();
    }

    /**
     * Splits each of the {@code written} tokens that the pipeline's tokenizer would split ({@code didn't} read in
     * its sentence as {@code did} {@code n't} by PTBTokenizer; nothing under {@code tokenize.whitespace}) into the
     * tokens it would make: their word, value and original text as the tokenizer gives them, their offsets inside
     * the old token's, everything else (sentence index, NER class, our {@code Word}) copied from it; the first
     * piece is the old token itself, so it keeps its {@code OriginalWord}. The text is unchanged, only its
     * tokenization (as {@link #joinMasks}, the other way round). Returns each split token's pieces.
     */
    static Map<CoreLabel, List<CoreLabel>> splitAsTokenized(Annotation doc, Collection<CoreLabel> written,
            Function<String, List<CoreLabel>> tokenizer) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        Set<CoreLabel> isWritten = Collections.newSetFromMap(new IdentityHashMap<>());
        isWritten.addAll(written);
        Map<CoreLabel, List<CoreLabel>> splits = new IdentityHashMap<>();
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            if (tokens.stream().noneMatch(isWritten::contains)) {
                continue;
            }
            // the whole sentence, not the word alone: the tokenizer reads a word by its context ("'" after "s")
            int from = tokens.get(0).beginPosition();
            List<CoreLabel> fresh = tokenizer.apply(text.substring(from, tokens.get(tokens.size() - 1).endPosition()));
            for (CoreLabel t : tokens) {
                if (!isWritten.contains(t)) {
                    continue;
                }
                List<CoreLabel> inside = fresh.stream().filter(f -> from + f.beginPosition() >= t.beginPosition()
                        && from + f.endPosition() <= t.endPosition()).toList();
                if (inside.size() > 1 && from + inside.get(0).beginPosition() == t.beginPosition()
                        && from + inside.get(inside.size() - 1).endPosition() == t.endPosition()) {
                    splits.put(t, pieces(text, t, inside, from));
                }
            }
        }
        retokenize(doc, splits);
        return splits;
    }

    /** Token {@code t} as the tokens {@code fresh} (offsets counted from {@code from}); the first is {@code t}. */
    private static List<CoreLabel> pieces(String text, CoreLabel t, List<CoreLabel> fresh, int from) {
        boolean codepoints = t.containsKey(CoreAnnotations.CodepointOffsetBeginAnnotation.class);
        CoreLabel model = new CoreLabel(t);
        model.remove(DiffusionAnnotations.OriginalWord.class); // the token the old word was is the first piece
        model.remove(DiffusionAnnotations.Suggestions.class); // the filled position's, as its OriginalWord
        List<CoreLabel> out = new ArrayList<>(fresh.size());
        for (CoreLabel f : fresh) {
            CoreLabel p = out.isEmpty() ? t : new CoreLabel(model);
            p.setWord(f.word());
            p.setValue(f.word());
            p.setOriginalText(f.originalText());
            p.setBeginPosition(from + f.beginPosition());
            p.setEndPosition(from + f.endPosition());
            if (codepoints) {
                p.set(CoreAnnotations.CodepointOffsetBeginAnnotation.class, text.codePointCount(0, p.beginPosition()));
                p.set(CoreAnnotations.CodepointOffsetEndAnnotation.class, text.codePointCount(0, p.endPosition()));
            }
            if (p.containsKey(DiffusionAnnotations.Word.class)) {
                p.set(DiffusionAnnotations.Word.class, f.word());
            }
            p.remove(CoreAnnotations.PartOfSpeechAnnotation.class); // the old word's: tagged again by the caller
            p.remove(CoreAnnotations.LemmaAnnotation.class);
            out.add(p);
        }
        return out;
    }

    /**
     * Puts tokens in place of others (a token mapped to an empty list goes) in the sentences, the document's token
     * list and the entity mentions, and numbers everything again: token indexes, document token spans of tokens,
     * sentences and mentions, and the {@code before} / {@code after} around the new tokens. Offsets and text are
     * the caller's: tokenization changes, the text does not.
     */
    private static void retokenize(Annotation doc, Map<CoreLabel, List<CoreLabel>> replacements) {
        if (replacements.isEmpty()) {
            return;
        }
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        for (CoreMap sentence : sentences) {
            replaceIn(sentence, replacements);
        }
        List<CoreLabel> oldDocTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        int[] first = new int[oldDocTokens.size() + 1]; // old document token index -> new index of its first piece
        int[] last = new int[oldDocTokens.size() + 1]; // -> new index after its last piece
        List<CoreLabel> docTokens = new ArrayList<>();
        List<CoreLabel> added = new ArrayList<>();
        for (int i = 0; i < oldDocTokens.size(); i++) {
            CoreLabel t = oldDocTokens.get(i);
            first[i] = docTokens.size();
            List<CoreLabel> r = replacements.get(t);
            docTokens.addAll(r == null ? List.of(t) : r);
            if (r != null) {
                added.addAll(r);
            }
            last[i] = docTokens.size();
        }
        first[oldDocTokens.size()] = docTokens.size();
        doc.set(CoreAnnotations.TokensAnnotation.class, docTokens);
        for (int i = 0; i < docTokens.size(); i++) {
            CoreLabel t = docTokens.get(i);
            if (t.containsKey(CoreAnnotations.TokenBeginAnnotation.class)) {
                t.set(CoreAnnotations.TokenBeginAnnotation.class, i);
                t.set(CoreAnnotations.TokenEndAnnotation.class, i + 1);
            }
        }
        Set<CoreMap> mentions = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CoreMap> docMentions = doc.get(CoreAnnotations.MentionsAnnotation.class);
        if (docMentions != null) {
            mentions.addAll(docMentions);
        }
        for (CoreMap sentence : sentences) {
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            for (int i = 0; i < tokens.size(); i++) {
                tokens.get(i).setIndex(i + 1);
            }
            remapTokenSpan(sentence, first, last);
            List<CoreMap> m = sentence.get(CoreAnnotations.MentionsAnnotation.class);
            if (m != null) {
                mentions.addAll(m);
            }
        }
        for (CoreMap m : mentions) { // a mention over a split word spans all its pieces
            remapTokenSpan(m, first, last);
            replaceIn(m, replacements);
        }
        rederiveWhitespace(doc, added);
    }

    /** Replaces tokens in a sentence's or mention's token list, where it has one. */
    private static void replaceIn(CoreMap span, Map<CoreLabel, List<CoreLabel>> replacements) {
        List<CoreLabel> tokens = span.get(CoreAnnotations.TokensAnnotation.class);
        if (tokens == null || tokens.stream().noneMatch(replacements::containsKey)) {
            return;
        }
        List<CoreLabel> out = new ArrayList<>(tokens.size() + 4);
        for (CoreLabel t : tokens) {
            out.addAll(replacements.getOrDefault(t, List.of(t)));
        }
        span.set(CoreAnnotations.TokensAnnotation.class, out);
    }

    private static void remapTokenSpan(CoreMap span, int[] first, int[] last) {
        Integer b = span.get(CoreAnnotations.TokenBeginAnnotation.class);
        Integer e = span.get(CoreAnnotations.TokenEndAnnotation.class);
        if (b != null && e != null && b >= 0 && e < first.length && b <= e) {
            span.set(CoreAnnotations.TokenBeginAnnotation.class, first[b]);
            span.set(CoreAnnotations.TokenEndAnnotation.class, e == 0 ? 0 : last[e - 1]);
        }
    }

    /** The end (exclusive) of a literal mask spelt by tokens from {@code i}, or -1. */
    private static int maskEnd(List<CoreLabel> tokens, int i) {
        StringBuilder spelt = new StringBuilder();
        for (int k = i; k < tokens.size() && k < i + DiffusionLM.MASK.length(); k++) {
            CoreLabel t = tokens.get(k);
            if (k > i && tokens.get(k - 1).endPosition() != t.beginPosition()) {
                return -1;
            }
            String piece = t.originalText() != null ? t.originalText() : t.word();
            if (piece == null) {
                return -1;
            }
            spelt.append(piece);
            if (spelt.toString().equals(DiffusionLM.MASK)) {
                return k + 1;
            }
            if (!DiffusionLM.MASK.startsWith(spelt.toString())) {
                return -1;
            }
        }
        return -1;
    }

    private static CoreLabel join(List<CoreLabel> pieces) {
        CoreLabel first = pieces.get(0);
        CoreLabel last = pieces.get(pieces.size() - 1);
        CoreLabel core = pieces.stream().filter(p -> "MASK".equals(p.originalText())).findFirst().orElse(first);
        CoreLabel joined = new CoreLabel(first);
        joined.setWord(DiffusionLM.MASK);
        joined.setValue(DiffusionLM.MASK);
        joined.setOriginalText(DiffusionLM.MASK);
        joined.setEndPosition(last.endPosition());
        if (last.after() != null) {
            joined.setAfter(last.after());
        }
        if (last.containsKey(CoreAnnotations.CodepointOffsetEndAnnotation.class)) {
            joined.set(CoreAnnotations.CodepointOffsetEndAnnotation.class,
                    last.get(CoreAnnotations.CodepointOffsetEndAnnotation.class));
        }
        copy(core, joined, CoreAnnotations.PartOfSpeechAnnotation.class);
        copy(core, joined, CoreAnnotations.NamedEntityTagAnnotation.class);
        joined.remove(CoreAnnotations.LemmaAnnotation.class);
        if (first.lemma() != null) {
            joined.setLemma(DiffusionLM.MASK);
        }
        return joined;
    }

    private static <V> void copy(CoreLabel from, CoreLabel to,
            Class<? extends edu.stanford.nlp.ling.CoreAnnotation<V>> key) {
        V v = from.get(key);
        if (v != null) {
            to.set(key, v);
        }
    }

    /**
     * Writes new words into the document: each token of {@code words} gets its word, value and original
     * text; the document text, every token's and sentence's offsets, sentence texts and entity mentions
     * follow. Token counts and indexes do not change. Spacing is kept, except that a space goes between two
     * tokens that touched (no space between them) and would now read as one token to the pipeline's
     * {@code tokenizer} (see {@link #splice}).
     */
    static void replaceWords(Annotation doc, Map<CoreLabel, String> words,
            Function<String, List<CoreLabel>> tokenizer) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        List<CoreLabel> docTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        Map<CoreLabel, String> replacement = new IdentityHashMap<>();
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            replacement.putAll(splice(text, sentence.get(CoreAnnotations.TokensAnnotation.class), words, tokenizer));
        }
        List<CoreLabel> changed = new ArrayList<>();
        for (CoreLabel t : docTokens) {
            if (isChanged(t, words)) {
                changed.add(t);
                replacement.putIfAbsent(t, words.get(t)); // a token of no sentence has no neighbours to touch
            }
        }
        changed.sort(Comparator.comparingInt(CoreLabel::beginPosition));
        int[] ends = new int[changed.size()];
        int[] shifts = new int[changed.size()]; // cumulative shift after change i
        StringBuilder out = new StringBuilder(text.length() + 16);
        int pos = 0;
        int shift = 0;
        for (int i = 0; i < changed.size(); i++) {
            CoreLabel t = changed.get(i);
            String w = replacement.get(t);
            out.append(text, pos, t.beginPosition()).append(w);
            pos = t.endPosition();
            shift += w.length() - (t.endPosition() - t.beginPosition());
            ends[i] = t.endPosition();
            shifts[i] = shift;
        }
        out.append(text, pos, text.length());
        String newText = out.toString();
        OffsetMap map = new OffsetMap(ends, shifts);

        Map<Integer, Integer> begins = new java.util.HashMap<>(); // old token offsets -> new, for mentions
        Map<Integer, Integer> endings = new java.util.HashMap<>();
        for (CoreLabel t : docTokens) {
            int oldBegin = t.beginPosition();
            int oldEnd = t.endPosition();
            int begin = map.apply(t.beginPosition());
            String w = words.get(t);
            String r = replacement.get(t);
            int end = map.apply(t.endPosition());
            if (r != null) {
                begin += r.startsWith(" ") ? 1 : 0;
                end = begin + w.length();
            }
            if (w != null) {
                t.setWord(w);
                t.setValue(w);
                t.setOriginalText(w);
            }
            t.setBeginPosition(begin);
            t.setEndPosition(end);
            begins.put(oldBegin, begin);
            endings.put(oldEnd, end);
            if (t.containsKey(CoreAnnotations.CodepointOffsetBeginAnnotation.class)) {
                t.set(CoreAnnotations.CodepointOffsetBeginAnnotation.class, newText.codePointCount(0, begin));
                t.set(CoreAnnotations.CodepointOffsetEndAnnotation.class, newText.codePointCount(0, end));
            }
        }
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            respan(sentence, map, newText);
            List<CoreMap> mentions = sentence.get(CoreAnnotations.MentionsAnnotation.class);
            if (mentions != null) {
                mentions.forEach(m -> respanByTokens(m, begins, endings, map, newText));
            }
        }
        doc.set(CoreAnnotations.TextAnnotation.class, newText);
        rederiveWhitespace(doc, changed);
    }

    private static boolean isChanged(CoreLabel t, Map<CoreLabel, String> words) {
        String w = words.get(t);
        return w != null && !w.equals(t.originalText());
    }

    /**
     * What replaces each changed token of a sentence in the text: its new word, with a space before it (after it)
     * where it touched its previous (next, unchanged) token and the two would now read as one token ("awful."
     * rewritten to "a" + "his" gives "a his", not "ahis"; "do" + "n’t" rewritten to "the" + "first" gives "the
     * first", not "thefirst"; "Monday." rewritten to "?" + "!" gives "? !", not "?!"). A contraction's "n't" stays
     * attached ("do" rewritten to "go" gives "gon't"): the tokenizer splits it off again. Each place is asked with
     * the touching text on both sides of it, left to right, so "(later)" rewritten to "." + "." + "." reads ". .."
     * though no two of the dots alone would join ("..." is one token, ".." two).
     */
    private static Map<CoreLabel, String> splice(String text, List<CoreLabel> tokens, Map<CoreLabel, String> words,
            Function<String, List<CoreLabel>> tokenizer) {
        Map<CoreLabel, String> out = new IdentityHashMap<>();
        boolean[] spaceBefore = new boolean[tokens.size() + 1];
        int runStart = 0; // first token of the touching text that ends at token i - 1, as written so far
        for (int i = 1; i < tokens.size(); i++) {
            if (!touch(tokens.get(i - 1), tokens.get(i))) {
                runStart = i;
                continue;
            }
            if (!isChanged(tokens.get(i - 1), words) && !isChanged(tokens.get(i), words)) {
                continue; // the text there is as the tokenizer read it
            }
            int runEnd = i + 1;
            while (runEnd < tokens.size() && touch(tokens.get(runEnd - 1), tokens.get(runEnd))) {
                runEnd++;
            }
            String left = written(text, tokens.subList(runStart, i), words);
            String right = written(text, tokens.subList(i, runEnd), words);
            if (readAsOne(left, right, tokenizer)) {
                spaceBefore[i] = true;
                runStart = i;
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            CoreLabel t = tokens.get(i);
            if (isChanged(t, words)) {
                boolean after = i + 1 < tokens.size() && spaceBefore[i + 1] && !isChanged(tokens.get(i + 1), words);
                out.put(t, (spaceBefore[i] ? " " : "") + words.get(t) + (after ? " " : ""));
            }
        }
        return out;
    }

    /** Whether two tokens, neither empty, have nothing between them in the text. */
    private static boolean touch(CoreLabel left, CoreLabel right) {
        return left.endPosition() == right.beginPosition() && left.beginPosition() < left.endPosition()
                && right.beginPosition() < right.endPosition();
    }

    /** The text of touching tokens with the changed ones' new words. */
    private static String written(String text, List<CoreLabel> tokens, Map<CoreLabel, String> words) {
        StringBuilder out = new StringBuilder();
        for (CoreLabel t : tokens) {
            out.append(isChanged(t, words) ? words.get(t) : text.substring(t.beginPosition(), t.endPosition()));
        }
        return out.toString();
    }

    /**
     * Whether {@code left} and {@code right}, written with no space between them, would read as one token: the
     * pipeline's tokenizer makes a token across the place where they meet ("ahis", "?!", "." + ".." under
     * PTB's rules; "do" + "n’t", "think" + "," and ";" + ";" meet at a token boundary). Asked of the tokenizer,
     * not of the characters, because only it knows which punctuation it joins and which clitics it splits off,
     * under its {@code tokenize.*} properties; whatever the old text had there, as rewritten words glued where
     * old ones did not.
     */
    private static boolean readAsOne(String left, String right, Function<String, List<CoreLabel>> tokenizer) {
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        int meet = left.length();
        return tokenizer.apply(left + right).stream()
                .anyMatch(t -> t.beginPosition() < meet && t.endPosition() > meet);
    }

    /** A mention starts and ends where its first and last tokens now do (a space put before a word is not in it). */
    private static void respanByTokens(CoreMap m, Map<Integer, Integer> begins, Map<Integer, Integer> endings,
            OffsetMap map, String newText) {
        Integer b = m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        Integer e = m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
        if (b == null || e == null) {
            return;
        }
        int nb = begins.getOrDefault(b, map.apply(b));
        int ne = Math.max(nb, endings.getOrDefault(e, map.apply(e)));
        m.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, nb);
        m.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, ne);
        if (ne <= newText.length()) {
            m.set(CoreAnnotations.TextAnnotation.class, newText.substring(nb, ne));
        }
    }

    /**
     * Gives sentences new tokens (any number, at least one): each sentence's text becomes its words joined by
     * single spaces, its tokens are new {@link CoreLabel}s, and every later token, sentence and entity mention
     * moves with the text (character and code point offsets, document token indexes, sentence indexes stay).
     * Entity mentions inside a replaced sentence are dropped: the tokens they spanned are gone. Returns nothing;
     * the new tokens are the sentences' {@code TokensAnnotation}.
     */
    static void replaceSentences(Annotation doc, Map<CoreMap, List<String>> newWords) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        List<CoreLabel> oldDocTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        boolean codepoints = !oldDocTokens.isEmpty()
                && oldDocTokens.get(0).containsKey(CoreAnnotations.CodepointOffsetBeginAnnotation.class);
        StringBuilder out = new StringBuilder(text.length() + 64);
        List<CoreLabel> docTokens = new ArrayList<>(oldDocTokens.size());
        Map<CoreMap, Boolean> droppedMentions = new IdentityHashMap<>();
        int pos = 0; // in the old text
        for (CoreMap sentence : sentences) {
            int b = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            int e = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            out.append(text, pos, b);
            int nb = out.length();
            int shift = nb - b;
            Integer oldTokenBegin = sentence.get(CoreAnnotations.TokenBeginAnnotation.class);
            int tokenShift = oldTokenBegin == null ? 0 : docTokens.size() - oldTokenBegin;
            List<CoreLabel> oldTokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            List<String> words = newWords.get(sentence);
            List<CoreMap> mentions = sentence.get(CoreAnnotations.MentionsAnnotation.class);
            if (words == null) {
                out.append(text, b, e);
                for (CoreLabel t : oldTokens) {
                    t.setBeginPosition(t.beginPosition() + shift);
                    t.setEndPosition(t.endPosition() + shift);
                }
                if (mentions != null) {
                    for (CoreMap m : mentions) {
                        shiftSpan(m, shift, tokenShift);
                    }
                }
            } else {
                CoreLabel model = oldTokens.isEmpty() ? new CoreLabel() : oldTokens.get(0);
                List<CoreLabel> tokens = new ArrayList<>(words.size());
                for (int i = 0; i < words.size(); i++) {
                    CoreLabel t = appendToken(out, words.get(i), i == 0);
                    t.setIndex(i + 1);
                    t.set(CoreAnnotations.IsNewlineAnnotation.class, false);
                    if (model.containsKey(CoreAnnotations.SentenceIndexAnnotation.class)) {
                        t.setSentIndex(model.sentIndex());
                    }
                    if (model.docID() != null) {
                        t.setDocID(model.docID());
                    }
                    tokens.add(t);
                }
                sentence.set(CoreAnnotations.TokensAnnotation.class, tokens);
                if (mentions != null) {
                    mentions.forEach(m -> droppedMentions.put(m, true));
                    // empty, not removed: outputters (JSON's "entitymentions") print an empty list, as for a
                    // sentence that never had a mention
                    sentence.set(CoreAnnotations.MentionsAnnotation.class, new java.util.ArrayList<>());
                }
            }
            pos = e;
            int ne = out.length();
            sentence.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, nb);
            sentence.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, ne);
            sentence.set(CoreAnnotations.TextAnnotation.class, out.substring(nb, ne));
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            sentence.set(CoreAnnotations.TokenBeginAnnotation.class, docTokens.size());
            for (CoreLabel t : tokens) {
                t.set(CoreAnnotations.TokenBeginAnnotation.class, docTokens.size());
                t.set(CoreAnnotations.TokenEndAnnotation.class, docTokens.size() + 1);
                docTokens.add(t);
            }
            sentence.set(CoreAnnotations.TokenEndAnnotation.class, docTokens.size());
        }
        out.append(text, pos, text.length());
        String newText = out.toString();
        if (codepoints) {
            int chars = 0;
            int cps = 0;
            for (CoreLabel t : docTokens) { // in text order: count code points incrementally
                cps += newText.codePointCount(chars, t.beginPosition());
                chars = t.beginPosition();
                t.set(CoreAnnotations.CodepointOffsetBeginAnnotation.class, cps);
                t.set(CoreAnnotations.CodepointOffsetEndAnnotation.class,
                        cps + newText.codePointCount(t.beginPosition(), t.endPosition()));
            }
        }
        List<CoreMap> docMentions = doc.get(CoreAnnotations.MentionsAnnotation.class);
        if (docMentions != null && !droppedMentions.isEmpty()) {
            List<CoreMap> kept = new ArrayList<>();
            for (CoreMap m : docMentions) {
                if (!droppedMentions.containsKey(m)) {
                    kept.add(m);
                }
            }
            doc.set(CoreAnnotations.MentionsAnnotation.class, kept);
            renumberMentions(kept);
        }
        doc.set(CoreAnnotations.TokensAnnotation.class, docTokens);
        doc.set(CoreAnnotations.TextAnnotation.class, newText);
        List<CoreLabel> touched = new ArrayList<>();
        for (CoreMap sentence : newWords.keySet()) {
            touched.addAll(sentence.get(CoreAnnotations.TokensAnnotation.class));
        }
        rederiveWhitespace(doc, touched);
    }

    /**
     * Numbers the document's mentions by their place in its list, as CoreNLP's EntityMentionsAnnotator does
     * (mention and its tokens: {@code EntityMentionIndexAnnotation}; mention: {@code
     * CanonicalEntityMentionIndexAnnotation}). After mentions were dropped the later ones kept their old
     * numbers, which point past the list's end or at another mention (and the protobuf reader resolves them).
     * A canonical index naming a dropped mention falls back to the mention itself.
     */
    private static void renumberMentions(List<CoreMap> mentions) {
        Map<Integer, Integer> renumbered = new java.util.HashMap<>(); // old index -> new
        for (int i = 0; i < mentions.size(); i++) {
            Integer old = mentions.get(i).get(CoreAnnotations.EntityMentionIndexAnnotation.class);
            if (old != null) {
                renumbered.put(old, i);
            }
        }
        for (int i = 0; i < mentions.size(); i++) {
            CoreMap m = mentions.get(i);
            if (m.containsKey(CoreAnnotations.EntityMentionIndexAnnotation.class)) {
                m.set(CoreAnnotations.EntityMentionIndexAnnotation.class, i);
            }
            Integer canonical = m.get(CoreAnnotations.CanonicalEntityMentionIndexAnnotation.class);
            if (canonical != null) {
                m.set(CoreAnnotations.CanonicalEntityMentionIndexAnnotation.class,
                        renumbered.getOrDefault(canonical, i));
            }
            List<CoreLabel> tokens = m.get(CoreAnnotations.TokensAnnotation.class);
            for (CoreLabel t : tokens == null ? List.<CoreLabel>of() : tokens) {
                if (t.containsKey(CoreAnnotations.EntityMentionIndexAnnotation.class)) {
                    t.set(CoreAnnotations.EntityMentionIndexAnnotation.class, i);
                }
            }
        }
    }

    private static void shiftSpan(CoreMap span, int shift, int tokenShift) {
        Integer b = span.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        Integer e = span.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
        if (b != null && e != null) {
            span.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, b + shift);
            span.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, e + shift);
        }
        Integer tb = span.get(CoreAnnotations.TokenBeginAnnotation.class);
        Integer te = span.get(CoreAnnotations.TokenEndAnnotation.class);
        if (tb != null && te != null) {
            span.set(CoreAnnotations.TokenBeginAnnotation.class, tb + tokenShift);
            span.set(CoreAnnotations.TokenEndAnnotation.class, te + tokenShift);
        }
    }

    private static void respan(CoreMap span, OffsetMap map, String newText) {
        Integer b = span.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        Integer e = span.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
        if (b == null || e == null) {
            return;
        }
        int nb = map.apply(b);
        int ne = Math.max(nb, map.apply(e));
        span.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, nb);
        span.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, ne);
        if (ne <= newText.length()) {
            span.set(CoreAnnotations.TextAnnotation.class, newText.substring(nb, ne));
        }
    }

    /** Old character offset to new: shifted by every change that ends at or before it. */
    private record OffsetMap(int[] ends, int[] shifts) {
        int apply(int old) {
            int lo = 0;
            int hi = ends.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] <= old) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? old : old + shifts[found];
        }
    }

    /**
     * The text of a sentence with some of its tokens' words replaced (the document itself is not changed), spaced
     * as {@link #replaceWords} spaces it with the same {@code tokenizer}.
     */
    static String sentenceText(Annotation doc, CoreMap sentence, Map<CoreLabel, String> words,
            Function<String, List<CoreLabel>> tokenizer) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        if (tokens.isEmpty()) {
            return "";
        }
        int from = tokens.get(0).beginPosition();
        StringBuilder out = new StringBuilder();
        int pos = from;
        Map<CoreLabel, String> replacement = splice(text, tokens, words, tokenizer); // as replaceWords writes it
        for (CoreLabel t : tokens) {
            if (replacement.containsKey(t)) {
                out.append(text, pos, t.beginPosition()).append(replacement.get(t));
                pos = t.endPosition();
            }
        }
        out.append(text, pos, tokens.get(tokens.size() - 1).endPosition());
        return out.toString();
    }

    /**
     * Appends sentences of the given tokens to the document: text (after a blank line), tokens with
     * offsets and indexes, sentences marked {@link DiffusionAnnotations.Generated}. Returns the new sentences.
     */
    static List<CoreMap> appendSentences(Annotation doc, List<List<String>> sentencesWords) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        StringBuilder newText = new StringBuilder(text == null ? "" : text);
        List<CoreLabel> docTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        docTokens = docTokens == null ? new ArrayList<>() : new ArrayList<>(docTokens);
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        sentences = sentences == null ? new ArrayList<>() : new ArrayList<>(sentences);
        List<CoreMap> added = new ArrayList<>();
        for (List<String> words : sentencesWords) {
            if (words.isEmpty()) {
                continue;
            }
            if (newText.length() > 0) {
                newText.append("\n\n");
            }
            int sentenceBegin = newText.length();
            int sentenceIndex = sentences.size();
            int tokenBegin = docTokens.size();
            List<CoreLabel> tokens = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                CoreLabel t = appendToken(newText, words.get(i), i == 0);
                t.setIndex(i + 1);
                t.setSentIndex(sentenceIndex);
                t.set(CoreAnnotations.IsNewlineAnnotation.class, false);
                t.set(CoreAnnotations.TokenBeginAnnotation.class, docTokens.size());
                t.set(CoreAnnotations.TokenEndAnnotation.class, docTokens.size() + 1);
                t.set(DiffusionAnnotations.Word.class, t.word());
                tokens.add(t);
                docTokens.add(t);
            }
            CoreMap sentence = new ArrayCoreMap();
            String sentenceText = newText.substring(sentenceBegin);
            sentence.set(CoreAnnotations.TextAnnotation.class, sentenceText);
            sentence.set(CoreAnnotations.CharacterOffsetBeginAnnotation.class, sentenceBegin);
            sentence.set(CoreAnnotations.CharacterOffsetEndAnnotation.class, newText.length());
            sentence.set(CoreAnnotations.TokensAnnotation.class, tokens);
            sentence.set(CoreAnnotations.TokenBeginAnnotation.class, tokenBegin);
            sentence.set(CoreAnnotations.TokenEndAnnotation.class, docTokens.size());
            sentence.set(CoreAnnotations.SentenceIndexAnnotation.class, sentenceIndex);
            sentence.set(DiffusionAnnotations.Generated.class, true);
            sentence.set(DiffusionAnnotations.Text.class, sentenceText);
            sentences.add(sentence);
            added.add(sentence);
        }
        doc.set(CoreAnnotations.TextAnnotation.class, newText.toString());
        doc.set(CoreAnnotations.TokensAnnotation.class, docTokens);
        doc.set(CoreAnnotations.SentencesAnnotation.class, sentences);
        List<CoreLabel> touched = new ArrayList<>();
        added.forEach(sentence -> touched.addAll(sentence.get(CoreAnnotations.TokensAnnotation.class)));
        rederiveWhitespace(doc, touched);
        return added;
    }

    /**
     * Sets the {@code before} / {@code after} fields of the given tokens and of their neighbours in the
     * document to the text between the tokens' offsets, which is what CoreNLP's tokenizer gives them: a
     * client that rebuilds text from {@code originalText} + {@code after} (CoreNLP's own
     * {@code SentenceUtils.listToOriginalTextString}) then reads the edited text. Only tokens around an edit
     * are touched; elsewhere the tokenizer's own values stay.
     */
    private static void rederiveWhitespace(Annotation doc, List<CoreLabel> touched) {
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        List<CoreLabel> docTokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        if (text == null || docTokens == null || touched.isEmpty()) {
            return;
        }
        Map<CoreLabel, Integer> at = new IdentityHashMap<>();
        for (int i = 0; i < docTokens.size(); i++) {
            at.put(docTokens.get(i), i);
        }
        for (CoreLabel t : touched) {
            Integer i = at.get(t);
            if (i == null) {
                continue;
            }
            String before = gap(text, i > 0 ? docTokens.get(i - 1) : null, t);
            String after = gap(text, t, i + 1 < docTokens.size() ? docTokens.get(i + 1) : null);
            if (before != null) {
                t.setBefore(before);
                if (i > 0) {
                    docTokens.get(i - 1).setAfter(before);
                }
            }
            if (after != null) {
                t.setAfter(after);
                if (i + 1 < docTokens.size()) {
                    docTokens.get(i + 1).setBefore(after);
                }
            }
        }
    }

    /** The text between two tokens (null: the document's start or end), or null where offsets do not fit. */
    private static String gap(String text, CoreLabel left, CoreLabel right) {
        int from = left == null ? 0 : left.endPosition();
        int to = right == null ? text.length() : right.beginPosition();
        return from >= 0 && from <= to && to <= text.length() ? text.substring(from, to) : null;
    }

    /** A new token for {@code word} appended to {@code text} (after a space unless first), its offsets set. */
    private static CoreLabel appendToken(StringBuilder text, String word, boolean first) {
        if (!first) {
            text.append(' ');
        }
        CoreLabel t = new CoreLabel();
        t.setWord(word);
        t.setValue(word);
        t.setOriginalText(word);
        t.setBeginPosition(text.length());
        text.append(word);
        t.setEndPosition(text.length());
        return t;
    }
}
