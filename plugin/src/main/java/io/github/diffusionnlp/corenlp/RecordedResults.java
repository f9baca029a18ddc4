package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's words recorded on a document: each changed sentence gets its {@code OriginalText}, {@code Text}
 * and {@code Windows}, each written token its {@code OriginalWord} and {@code Word}, whether or not the
 * annotator then replaces them. What replacing needs is kept here: the tokens with a new word, and the
 * sentences a template gave a new length.
 */
final class RecordedResults {
    final Map<CoreLabel, String> newWords = new IdentityHashMap<>(); // token -> its new text, same-length sentences
    final Map<CoreMap, List<String>> resized = new IdentityHashMap<>(); // sentences a template gave a new length
    final Map<CoreMap, List<String>> modelWords = new IdentityHashMap<>(); // their words as the model wrote them
    final Map<CoreLabel, String> quotes = new IdentityHashMap<>(); // replaced tokens whose word is not their text: `` (
    final List<CoreMap> touched = new ArrayList<>(); // sentences with a record, in document order

    private final Annotation doc;
    private final TokenizerWords tokenizerWords;

    private RecordedResults(Annotation doc, TokenizerWords tokenizerWords) {
        this.doc = doc;
        this.tokenizerWords = tokenizerWords;
    }

    /** Records {@code results} (the model's words, one list per sentence) on {@code doc}'s {@code sentences}. */
    static RecordedResults record(Annotation doc, List<CoreMap> sentences, ModelInput input,
            List<List<String>> results, TokenizerWords tokenizerWords, int maxLength) {
        RecordedResults recorded = new RecordedResults(doc, tokenizerWords);
        for (int s = 0; s < sentences.size(); s++) {
            CoreMap sentence = sentences.get(s);
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            if (results.get(s).size() != tokens.size()) {
                recorded.recordResized(sentence, input.written().get(s), results.get(s));
            } else {
                recorded.recordSameLength(sentence, input.words().get(s), input.written().get(s), results.get(s),
                        maxLength);
            }
        }
        return recorded;
    }

    /** Whether there is anything to replace. */
    boolean changedAnything() {
        return !newWords.isEmpty() || !resized.isEmpty();
    }

    private void recordResized(CoreMap sentence, boolean[] write, List<String> result) {
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        touched.add(sentence);
        sentence.set(DiffusionAnnotations.OriginalText.class,
                DocumentEditor.sentenceText(doc, sentence, Map.of(), tokenizerWords::tokenize));
        // kept tokens as the user wrote them (originalText: "(", not ptb3Escaping's "-LRB-"), the model's
        // quotes as "
        List<String> text = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            boolean kept = i < write.length && !write[i];
            String original = kept ? tokens.get(i).originalText() : null;
            text.add(kept ? (original != null ? original : result.get(i)) : TokenizerWords.text(result.get(i)));
        }
        sentence.set(DiffusionAnnotations.Text.class, String.join(" ", text));
        sentence.set(DiffusionAnnotations.Windows.class, 1);
        for (int i = 0; i < tokens.size() && i < result.size(); i++) {
            if (write[i]) { // with replace=false the record; with true these tokens are replaced
                tokens.get(i).set(DiffusionAnnotations.OriginalWord.class, tokens.get(i).word());
                tokens.get(i).set(DiffusionAnnotations.Word.class, tokenizerWords.word(result.get(i)));
            }
        }
        modelWords.put(sentence, result);
        resized.put(sentence, text);
    }

    private void recordSameLength(CoreMap sentence, List<String> words, boolean[] write, List<String> result,
            int maxLength) {
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        boolean any = false;
        Map<CoreLabel, String> sentenceWords = new IdentityHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (write[i]) {
                any = true;
                CoreLabel t = tokens.get(i);
                if (result.get(i).equals(words.get(i)) && t.originalText() != null) {
                    // left as it was read: the token stays as written, not as the tokenizer normalised it
                    // (a typed " is the word “ under quotes=unicode, and would be written “)
                    t.set(DiffusionAnnotations.OriginalWord.class, t.word());
                    t.set(DiffusionAnnotations.Word.class, t.word());
                    continue;
                }
                String w = TokenizerWords.text(result.get(i));
                t.set(DiffusionAnnotations.OriginalWord.class, t.word());
                t.set(DiffusionAnnotations.Word.class, tokenizerWords.word(result.get(i)));
                sentenceWords.put(t, w);
                if (tokenizerWords.isNormalised(result.get(i))) {
                    quotes.put(t, result.get(i));
                }
            }
        }
        if (!any) {
            return;
        }
        touched.add(sentence);
        String original = DocumentEditor.sentenceText(doc, sentence, Map.of(), tokenizerWords::tokenize);
        sentence.set(DiffusionAnnotations.OriginalText.class, original);
        sentence.set(DiffusionAnnotations.Text.class,
                DocumentEditor.sentenceText(doc, sentence, sentenceWords, tokenizerWords::tokenize));
        sentence.set(DiffusionAnnotations.Windows.class, (tokens.size() + maxLength - 1) / maxLength);
        newWords.putAll(sentenceWords);
    }
}
