package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.model.MaskSpelling;
import io.github.diffusionnlp.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's sentences as the model reads them, under the annotator's settings: per sentence, the model's
 * words ({@code words}) and which positions the model writes ({@code written}), both in token order. For
 * infill a written position reads {@value DiffusionLM#MASK}; for rewrite it reads the token's word.
 * {@code written} is changed in place when a sentence is later left as it is (see
 * {@code ConfiguredAnnotator.leaveAsItIs}, for the reasons {@code ConfiguredAnnotator.leftAsItIs} gives).
 */
record ModelInput(List<List<String>> words, List<boolean[]> written) {

    static ModelInput read(List<CoreMap> sentences, DiffusionSettings settings, TokenizerWords tokenizerWords) {
        List<List<String>> words = new ArrayList<>();
        List<boolean[]> written = new ArrayList<>(); // per sentence: which tokens the model writes
        for (CoreMap sentence : sentences) {
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            List<String> w = new ArrayList<>(tokens.size());
            boolean[] write = new boolean[tokens.size()];
            for (int i = 0; i < tokens.size(); i++) {
                CoreLabel t = tokens.get(i);
                String word = t.word() == null ? "" : t.word();
                String read = t.word() == null ? "" : tokenizerWords.modelWord(t); // -LRB- read as the ( it is
                boolean kept = isKept(settings, t, i);
                // a rewrite fills a [MASK] even where kept (the library never keeps one: never a word to keep)
                write[i] = settings.task == DiffusionSettings.Task.REWRITE ? !kept || word.equals(DiffusionLM.MASK)
                        : !kept && isMasked(settings, t, word);
                // a kept literal mask stays, and is not filled; so does what the library refuses as a token (a
                // mask in another case, which the annotator warns of; "3 1/2", which the tokenizer writes with a
                // no-break space), which the model would read as unknown anyway
                w.add(settings.task == DiffusionSettings.Task.INFILL && write[i] ? DiffusionLM.MASK
                        : settings.task == DiffusionSettings.Task.INFILL && word.equals(DiffusionLM.MASK)
                        || !TaggedCorpus.TOKEN.matcher(word).matches() || MaskSpelling.isMisspelt(word)
                        ? Vocabulary.UNK : read);
            }
            words.add(w);
            written.add(write);
        }
        return new ModelInput(words, written);
    }

    /** For rewrite: the positions the model must give back as they are, the complement of {@code written}. */
    List<boolean[]> kept() {
        List<boolean[]> keep = new ArrayList<>();
        for (boolean[] write : written) {
            boolean[] k = new boolean[write.length];
            for (int i = 0; i < write.length; i++) {
                k[i] = !write[i];
            }
            keep.add(k);
        }
        return keep;
    }

    private static boolean isKept(DiffusionSettings settings, CoreLabel t, int i) {
        if (settings.keepIndexes.contains(i + 1)) {
            return true;
        }
        return !settings.keepUpos.isEmpty() && settings.keepUpos.contains(PtbToUpos.of(t.word(), t.tag()));
    }

    private static boolean isMasked(DiffusionSettings settings, CoreLabel t, String word) {
        if (word.equals(DiffusionLM.MASK)) {
            return true;
        }
        if (isMaskedEntity(settings, t)) {
            return true;
        }
        return !settings.maskUpos.isEmpty() && settings.maskUpos.contains(PtbToUpos.of(word, t.tag()));
    }

    /**
     * Whether an {@code ner:} rule names the token's class: the one {@code ner} gave it or its coarse class.
     * CoreNLP's default {@code ner} gives fine-grained classes ({@code CITY}, {@code COUNTRY}) and keeps the
     * 3-class model's {@code LOCATION} as the coarse one, so {@code ner:LOCATION} means every place either way.
     */
    static boolean isMaskedEntity(DiffusionSettings settings, CoreLabel t) {
        if (settings.maskNer.isEmpty()) {
            return false;
        }
        String coarse = t.get(CoreAnnotations.CoarseNamedEntityTagAnnotation.class);
        return t.ner() != null && settings.maskNer.contains(t.ner()) || coarse != null
                && settings.maskNer.contains(coarse);
    }
}
