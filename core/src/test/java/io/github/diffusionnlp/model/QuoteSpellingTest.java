package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How quote tokens of every style reach a model that knows some quote spellings and not others. */
class QuoteSpellingTest {
    private static final Vocabulary BROWN = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "``", "''", "'", "x"));

    @Test
    void straightQuotesOpenThenCloseAndCurlyOnesKeepTheirSide() {
        assertEquals(List.of("``", "x", "''", "x", "``", "x", "''"),
                QuoteSpelling.asRead(List.of("\"", "x", "\"", "x", "“", "x", "\""), BROWN));
        assertEquals(List.of("``", "x", "''", "``", "''"),
                QuoteSpelling.asRead(List.of("„", "x", "”", "``", "''"), BROWN));
    }

    @Test
    void singleQuotesAreReadAsTheOnlySingleQuoteTheModelKnowsAndOtherTokensStay() {
        assertEquals(List.of("'", "x", "'", "'", "[MASK]", "y"),
                QuoteSpelling.asRead(List.of("‘", "x", "’", "'", "[MASK]", "y"), BROWN));
    }

    @Test
    void aModelThatKnowsTheUsersSpellingReadsItAsItIs() {
        Vocabulary plain = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, "\"", "x"));
        assertEquals(List.of("\"", "x", "\"", "\"", "\""),
                QuoteSpelling.asRead(List.of("\"", "x", "\"", "“", "”"), plain));
    }
}
