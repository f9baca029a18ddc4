package io.github.diffusionnlp.opennlp;

import opennlp.tools.tokenize.DetokenizationDictionary;
import opennlp.tools.tokenize.DictionaryDetokenizer;

/**
 * OpenNLP's {@link DictionaryDetokenizer} with one rule a dictionary cannot say: where a lone straight {@code '}
 * goes. It is a single quote (Brown, the shipped model's corpus, writes quotes within quotes so) and a plural
 * possessive (the English tokenizer splits "dogs'" into "dogs" and "'"). The dictionary's
 * {@code RIGHT_LEFT_MATCHING} would open at every unpaired one ("the dogs 'bones") and ignores a {@code `} that
 * opened it; its {@code MOVE_LEFT}, the dictionary's entry, never opens ("She said' hello' to me."). Here a
 * {@code '} closes an open single quote ({@code `} or {@code '}); otherwise it is a possessive after a word
 * ending in s, opens when a later {@code '} can close it, and else attaches to the word before.
 */
final class SingleQuoteDetokenizer extends DictionaryDetokenizer {
    private static final String QUOTE = "'";
    private static final String OPENING = "`";

    SingleQuoteDetokenizer(DetokenizationDictionary dictionary) {
        super(dictionary);
    }

    @Override
    public DetokenizationOperation[] detokenize(String[] tokens) {
        DetokenizationOperation[] operations = super.detokenize(tokens);
        boolean open = false;
        for (int i = 0; i < tokens.length; i++) {
            if (OPENING.equals(tokens[i])) {
                open = true;
            } else if (QUOTE.equals(tokens[i])) {
                boolean opens = !open && !(i > 0 && endsInS(tokens[i - 1])) && closerAfter(tokens, i);
                operations[i] = opens ? DetokenizationOperation.MERGE_TO_RIGHT : DetokenizationOperation.MERGE_TO_LEFT;
                open = opens;
            }
        }
        return operations;
    }

    private static boolean endsInS(String word) {
        return !word.isEmpty() && Character.toLowerCase(word.charAt(word.length() - 1)) == 's';
    }

    private static boolean closerAfter(String[] tokens, int i) {
        for (int k = i + 1; k < tokens.length; k++) {
            if (QUOTE.equals(tokens[k])) {
                return true;
            }
        }
        return false;
    }
}
