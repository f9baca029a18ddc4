package io.github.diffusionnlp.opennlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import opennlp.tools.tokenize.DetokenizationDictionary;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.tokenize.DictionaryDetokenizer;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

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
     * @throws IOException naming the file, when it cannot be read, is not well-formed XML, is no such dictionary or
     *     has no entry (any XML file would otherwise be read as a dictionary that joins nothing)
     */
    public static Detokenizer fromDictionary(Path dictionary) throws IOException {
        String notADictionary = dictionary + ": not an OpenNLP detokenizer dictionary";
        byte[] xml = Files.readAllBytes(dictionary);
        // checked by a parser of our own first: OpenNLP's has no error handler, so the JDK prints a stray
        // "[Fatal Error] :1:1: ..." line on stderr, and OpenNLP words the error as a "profile data stream" one
        String malformed = malformation(xml);
        if (malformed != null) {
            throw new IOException(notADictionary + " (not well-formed XML: " + malformed + ")");
        }
        DetokenizationDictionary read;
        try {
            read = new DetokenizationDictionary(new ByteArrayInputStream(xml));
        } catch (IOException | RuntimeException e) {
            throw new IOException(notADictionary + " (" + e.getMessage() + ")", e);
        }
        if (!hasEntries(read)) {
            throw new IOException(notADictionary + ": it has no <entry> element, so it would join no token (expected"
                    + " <dictionary><entry operation=\"MOVE_LEFT\"><token>.</token></entry>...</dictionary>)");
        }
        return new DictionaryDetokenizer(read);
    }

    /** Where and why {@code xml} is not well-formed, or null when it is. */
    private static String malformation(byte[] xml) throws IOException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // a DefaultHandler as the error handler: fatal errors are thrown to us, not printed
            factory.newSAXParser().parse(new ByteArrayInputStream(xml), new DefaultHandler());
            return null;
        } catch (SAXParseException e) {
            return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
        } catch (SAXException e) {
            return e.getMessage();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be configured", e);
        }
    }

    /**
     * Whether OpenNLP read an entry: the dictionary has no public count, so it is written back and its entries looked
     * for in what OpenNLP writes.
     */
    private static boolean hasEntries(DetokenizationDictionary dictionary) throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        dictionary.serialize(written);
        return written.toString(StandardCharsets.UTF_8).contains("<entry");
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
    private static String refusal(String language) {
        return "the built-in detokenizer rules are English, and this model's language is '" + language
                + "' (its package's Language), whose text they would join wrongly (l' homme left apart, « » spaced as"
                + " English quotes); it needs an OpenNLP detokenizer dictionary (DetokenizationDictionary XML) of"
                + " the language";
    }
}
