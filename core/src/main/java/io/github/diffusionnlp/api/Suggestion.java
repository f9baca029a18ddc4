package io.github.diffusionnlp.api;

import java.io.Serializable;

/**
 * A word the model finds likely at a masked position, and the probability it gives it there ({@link
 * DiffusionLM#suggest}).
 *
 * @param word the word as the model writes it (as {@link DiffusionLM#infill} would)
 * @param probability the model's probability of the word at that position, given the sentence's visible words,
 *     among the words it may write ([PAD], [UNK] and the banned words left out)
 *
 * <p>Serializable, as a value CoreNLP's annotator sets on a token ({@code DiffusionAnnotations.Suggestions}) must be
 * for CoreNLP's {@code GenericAnnotationSerializer}, which writes a document by Java serialization.
 */
public record Suggestion(String word, double probability) implements Serializable {}
