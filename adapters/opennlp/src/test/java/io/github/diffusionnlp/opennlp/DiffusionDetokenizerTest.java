package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.tokenize.Detokenizer.DetokenizationOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's way to write a model's tokens as text, as the tools' {@code -detokenize} does: OpenNLP's plain
 * {@code DictionaryDetokenizer} on this module's rules left the shipped model's Brown quotes as they are (the OpenNLP
 * example printed {@code grain''.} and {@code Barco's ````primary is''.}), and no public call wrote them as typed text.
 * The sentences here are ones the shipped model wrote (the example's {@code GeneratorME} at seed 7) and the tools'
 * cases.
 */
class DiffusionDetokenizerTest {
    private final Detokenizer rules = EnglishText.detokenizer();
    private final DiffusionDetokenizer detokenizer = new DiffusionDetokenizer(rules);

    @Test
    void theModelsQuotesAreTypedQuotesOnTheSideTheirSpellingGivesThem() {
        String[] paired = {"``", "Yes", "''", ",", "he", "said", "."};
        assertEquals("``Yes'', he said.", rules.detokenize(paired, null), "OpenNLP's detokenizer on the rules");
        assertEquals("\"Yes\", he said.", detokenizer.detokenize(paired, null));

        // a closing quote with no opening one before it (the rules' straight-quote pairing would open with it)
        assertEquals("he grain\".", detokenizer.detokenize(new String[] {"he", "grain", "''", "."}, null));
        assertEquals("they guns\";;", detokenizer.detokenize(new String[] {"they", "guns", "''", ";", ";"}, null));
        assertEquals("Yes, he said, \"go.", detokenizer.detokenize(new String[] {"Yes", ",", "he", "said", ",", "``",
            "go", "."}, null));
        assertEquals("the thunder Barco's \"\"primary is\".", detokenizer.detokenize(new String[] {"the", "thunder",
            "Barco", "'s", "``", "``", "primary", "is", "''", "."}, null));
    }

    @Test
    void theOperationsAreOnePerTokenWithTheQuotesDirections() {
        assertArrayEquals(new DetokenizationOperation[] {DetokenizationOperation.MERGE_TO_RIGHT,
            DetokenizationOperation.NO_OPERATION, DetokenizationOperation.MERGE_TO_LEFT,
            DetokenizationOperation.MERGE_TO_LEFT}, detokenizer.detokenize(new String[] {"``", "Go", "''", "."}));
        assertArrayEquals(new String[] {"\"", "Go", "\"", "."},
                DiffusionDetokenizer.asTyped(new String[] {"``", "Go", "''", "."}, null));
    }

    /** The brackets the shipped model writes are text already ({@code (} and {@code )} in its vocabulary). */
    @Test
    void bracketsAreJoinedAsTypedText() {
        assertEquals("The vote (12 to 3) was \"final\".", detokenizer.detokenize(new String[] {"The", "vote", "(",
            "12", "to", "3", ")", "was", "``", "final", "''", "."}, null));
        assertEquals("[sic] {a}", detokenizer.detokenize(new String[] {"[", "sic", "]", "{", "a", "}"}, null));
    }

    /** A quote the user wrote at a position comes back as written; one the model wrote there is a {@code "}. */
    @Test
    void aQuoteTheUserWroteStaysAsWritten() {
        String[] written = {"``", "Go", "home", ",", "''", "she", "said", "."};
        String[] rewritten = {"``", "Go", "away", "''", "''", "he", "said", "."};
        assertEquals("``Go away\"'' he said.", detokenizer.detokenize(rewritten, written, null));
        assertEquals("\"Go away\"\" he said.", detokenizer.detokenize(rewritten, null));
    }

    /** Without the model's quotes it joins as the rules do, a split marker included, as OpenNLP's does. */
    @Test
    void otherTokensJoinAsTheRulesJoinThem() {
        String[] tokens = {"She", "said", "'", "hello", "'", "to", "the", "dogs", "'", "owner", "(", "Ann", ")", "."};
        assertEquals(rules.detokenize(tokens, null), detokenizer.detokenize(tokens, null));
        assertEquals("She said '<S>hello<S>' to the dogs<S>' owner (<S>Ann<S>)<S>.", detokenizer.detokenize(tokens,
                "<S>"));
        assertEquals(rules.detokenize(tokens, "<S>"), detokenizer.detokenize(tokens, "<S>"));
        assertEquals("\"<S>Yes<S>\"<S>.", detokenizer.detokenize(new String[] {"``", "Yes", "''", "."}, "<S>"));
    }

    /** On a dictionary of the caller's own (another language's), the model's quotes are still typed. */
    @Test
    void aDictionaryOfTheCallersOwn(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("fr-detokenizer.xml");
        Files.writeString(xml, "<dictionary><entry operation=\"MOVE_RIGHT\"><token>l'</token></entry>"
                + "<entry operation=\"MOVE_LEFT\"><token>.</token></entry></dictionary>", StandardCharsets.UTF_8);
        DiffusionDetokenizer french = new DiffusionDetokenizer(Detokenizers.fromDictionary(xml));
        assertEquals("Il a dit \"l'homme\".", french.detokenize(new String[] {"Il", "a", "dit", "``", "l'", "homme",
            "''", "."}, null));
    }
}
