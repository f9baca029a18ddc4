package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Train -format plain}'s check that its data looks tagged reads a token as the tagged reader does: split at
 * its last underscore, as OpenNLP's POSSample.parse splits it, and the tag by the rule of {@code DiffusionModel.train}
 * ({@code EnglishPosTagger.isTrainedAsTag}). It took a joined tag by whatever stood before its first "+", so {@code
 * NOUN+VREB}, {@code AUX+} and {@code DET+NOUN+VERB} looked like tags the reader would train as X.
 */
class PlainLinesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The_DET|true",
        "the_det|true, any case",
        "jury_NN|true, a Penn Treebank tag",
        "can't_AUX+PART|true, a joined tag by its first part",
        "snake_case_word_NOUN|true, split at the last underscore",
        "snake_case_word|false, several underscores and no tag",
        "word_|false, a trailing underscore: no tag",
        "_|false, an underscore alone",
        "__|false",
        "_NOUN|false, no word",
        "https://en.wikipedia.org/wiki/Snake_case|false, a URL with an underscore",
        "x_NOUN+VREB|false, a joined tag of a tag and no tag",
        "x_AUX+|false, a joined tag of one part",
        "x_DET+NOUN+VERB|false, three parts",
        "x_AT|false, a Brown tag"})
    void aTokenLooksTaggedWhenTheTaggedReaderWouldTrainItsTag(String token, String expected) {
        assertEquals(Boolean.parseBoolean(expected.split(",")[0]), PlainLines.looksTagged(token), token);
    }

    /**
     * A comment line of plain text ({@code #} alone or before white space) was trained as a sentence here, where core's
     * {@code train --layout plain} skips it (audit h262: 3,000 sentences against 2,999 of the same file); a line whose
     * first token starts with {@code #} and goes on ({@code #MeToo}) is a sentence in both.
     */
    @org.junit.jupiter.api.Test
    void commentLinesAreSkippedAsCoreSkipsThem() throws Exception {
        String text = "# vim : syntax = make\n#\n#MeToo is trending\n\nThe cat sat .\n";
        PlainLines lines = new PlainLines(new java.io.BufferedReader(new java.io.StringReader(text)),
                java.nio.file.Path.of("data.txt"), java.nio.charset.StandardCharsets.UTF_8,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        java.util.List<java.util.List<String>> read = new java.util.ArrayList<>();
        for (String[] tokens = lines.read(); tokens != null; tokens = lines.read()) {
            read.add(java.util.List.of(tokens));
        }
        assertEquals(java.util.List.of(java.util.List.of("#MeToo", "is", "trending"),
                java.util.List.of("The", "cat", "sat", ".")), read);
    }
}
