package io.github.diffusionnlp.opennlp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.tokenize.DetokenizationDictionary;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.tokenize.DictionaryDetokenizer;

/**
 * The detokenizer that joins a model's tokens into text. This module's rules ({@link EnglishText#detokenizer()}) are
 * English: on a French model they leave {@code l' homme} apart and space {@code « »} as English quotes. A model of
 * another language takes a dictionary of its own, in OpenNLP's {@link DetokenizationDictionary} XML format, read by
 * OpenNLP.
 */
public final class Detokenizers {
    private Detokenizers() {}

    /**
     * OpenNLP's {@link DictionaryDetokenizer} on a detokenizer dictionary file (OpenNLP's XML format, as
     * {@code opennlp DictionaryDetokenizer -dict FILE} reads it).
     *
     * @throws IOException naming the file, when it cannot be read or is no such dictionary
     */
    public static Detokenizer fromDictionary(Path dictionary) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dictionary))) {
            return new DictionaryDetokenizer(new DetokenizationDictionary(in));
        } catch (IOException | RuntimeException e) {
            throw new IOException(dictionary + ": not an OpenNLP detokenizer dictionary (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The built-in detokenizer of a model without a dictionary: the English one ({@link EnglishText#detokenizer()})
     * for an English model.
     *
     * @throws IllegalArgumentException for a model of another language, naming it: English rules would join its text
     *     wrongly; give its dictionary to {@link #fromDictionary}
     */
    public static Detokenizer forModel(DiffusionModel model) {
        if (!DiffusionModel.isEnglish(model.getLanguage())) {
            throw new IllegalArgumentException(refusal(model.getLanguage()) + "; read one with"
                    + " Detokenizers.fromDictionary");
        }
        return EnglishText.detokenizer();
    }

    /** Why a model of {@code language} has no built-in detokenizer, without the remedy (the caller's own). */
    public static String refusal(String language) {
        return "the built-in detokenizer rules are English, and this model's language is '" + language
                + "' (its package's Language), whose text they would join wrongly (l' homme left apart, « » spaced as"
                + " English quotes); it needs an OpenNLP detokenizer dictionary (DetokenizationDictionary XML) of"
                + " the language";
    }
}
