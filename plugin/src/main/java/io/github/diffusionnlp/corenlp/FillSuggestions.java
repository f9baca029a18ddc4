package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * With {@code NAME.suggestions = K}, each position infill filled gets the model's K likeliest words there
 * ({@link DiffusionLM#suggest}), read from what infill's sampling read: a sentence of at most the model's length
 * whole, with its masks; a longer one stretch by stretch, as core's {@code infillAll} fills it, each stretch's masks
 * in the window of the model's length around it, holding the words the earlier stretches chose and, from the stretch
 * on, the masks still to fill. So the first suggestion is the word one step of greedy infill writes, in a long
 * sentence too (without {@code sentiment} or n-gram fusion, which steer the sampling and not {@code suggest}).
 */
final class FillSuggestions {
    private FillSuggestions() {}

    /**
     * Per sentence, per token, the suggestions for a position {@code words} masks (null elsewhere): one window read
     * for a sentence of at most the model's length with a mask, one for each stretch holding a mask of a longer one
     * (as many as {@link DiffusionLM#infillRows}, which the server's work limit counts), all in one batched
     * {@link DiffusionLM#suggestAll} call.
     *
     * @param words what the model read, {@value DiffusionLM#MASK} where infill fills ({@link ModelInput#words})
     * @param filled what infill's first pass wrote (before any sentence was sampled again), the same lengths
     */
    static List<List<List<Suggestion>>> read(DiffusionLM lm, List<List<String>> words, List<List<String>> filled,
            int k) {
        int len = lm.info().config().maxLength();
        int stretch = len / 2; // core's SentenceWindows: a long sentence is filled half a window at a time
        List<List<List<Suggestion>>> out = new ArrayList<>();
        List<List<String>> windows = new ArrayList<>(); // read in one batched call
        List<int[]> places = new ArrayList<>(); // each window's sentence, first and end
        for (int s = 0; s < words.size(); s++) {
            List<String> w = words.get(s);
            out.add(new ArrayList<>(Collections.nCopies(w.size(), null)));
            if (!w.contains(DiffusionLM.MASK)) {
                continue;
            }
            if (w.size() <= len) {
                windows.add(w);
                places.add(new int[] {s, 0, w.size()});
                continue;
            }
            for (int first = 0; first < w.size(); first += stretch) {
                int end = Math.min(w.size(), first + stretch);
                if (!w.subList(first, end).contains(DiffusionLM.MASK)) {
                    continue;
                }
                // the window infill sampled this stretch in: a quarter of the model's length of context each side
                int from = Math.max(0, Math.min(w.size() - len, first - (len - stretch) / 2));
                int to = Math.min(w.size(), from + len);
                List<String> window = new ArrayList<>(filled.get(s).subList(from, first));
                window.addAll(w.subList(first, to));
                windows.add(window);
                places.add(new int[] {s, first, end});
            }
        }
        List<List<List<Suggestion>>> suggested = windows.isEmpty() ? List.of() : lm.suggestAll(windows, k);
        for (int i = 0; i < places.size(); i++) {
            int[] at = places.get(i);
            place(suggested.get(i), words.get(at[0]), at[1], at[2], out.get(at[0]));
        }
        return out;
    }

    /**
     * Gives the masks of {@code w} from {@code first} on, in order, the lists {@code suggested} holds for them (a
     * window starting at or before {@code first} whose masks all lie from {@code first} on), keeping those before
     * {@code end}: the later ones are another stretch's.
     */
    private static void place(List<List<Suggestion>> suggested, List<String> w, int first, int end,
            List<List<Suggestion>> perToken) {
        int m = 0;
        for (int i = first; i < w.size() && m < suggested.size(); i++) {
            if (DiffusionLM.MASK.equals(w.get(i))) {
                if (i < end) {
                    perToken.set(i, suggested.get(m));
                }
                m++;
            }
        }
    }

    /** Writes the suggestions onto the sentences' tokens (the tokens the model read: one a word, masks joined). */
    static void write(List<CoreMap> sentences, List<List<List<Suggestion>>> suggested) {
        for (int s = 0; s < sentences.size(); s++) {
            List<CoreLabel> tokens = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
            for (int i = 0; i < tokens.size(); i++) {
                List<Suggestion> here = suggested.get(s).get(i);
                if (here != null) {
                    tokens.get(i).set(DiffusionAnnotations.Suggestions.class, here);
                }
            }
        }
    }
}
