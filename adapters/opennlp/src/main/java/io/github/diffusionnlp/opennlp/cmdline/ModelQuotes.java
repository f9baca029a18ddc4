package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.opennlp.DiffusionDetokenizer;

/**
 * A double quote the model wrote, as the tools' detokenized text shows it: {@link DiffusionDetokenizer}, the
 * library's detokenizer of a model's tokens, which the tools' {@link Output} joins them with. A quote the user wrote
 * comes back at its position as written (core {@code ModelRow.wordAt}) and is left so; whitespace-token output is the
 * model's tokens and does not come here.
 */
final class ModelQuotes {
    private ModelQuotes() {}

    /** {@link DiffusionDetokenizer#asTyped}: the model's Brown-spelled double quotes as {@code "}. */
    static String[] asTyped(String[] result, String[] written) {
        return DiffusionDetokenizer.asTyped(result, written);
    }
}
