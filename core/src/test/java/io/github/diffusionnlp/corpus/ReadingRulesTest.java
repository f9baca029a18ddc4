package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reads otherwise by the rules of 2026-12-07 than before ({@link ReadingRules}): a bare CR anywhere but at the
 * file's end, and in plain text only, a {@code #} line that is no comment now. CRLF, a comment by both rules, and a
 * CoNLL-U file's comments (the shipped Brown files) read alike.
 */
class ReadingRulesTest {
    @TempDir
    Path tmp;

    private ReadingRules.Changed changed(String text, CorpusLayout layout) throws IOException {
        return ReadingRules.changedSinceFirst(Files.writeString(tmp.resolve("c.txt"), text), layout);
    }

    @Test
    void aBareCrReadsOtherwiseInEveryLayout() throws IOException {
        assertEquals(new ReadingRules.Changed(ReadingRules.Kind.BARE_CR, 2, null),
                changed("a b\nc d\re f\n", CorpusLayout.PLAIN));
        assertEquals(ReadingRules.Kind.BARE_CR, changed("1\ta\n\r2\tb\n", CorpusLayout.CONLLU).kind());
        assertEquals(ReadingRules.Kind.BARE_CR, changed("a b\r\r\n", CorpusLayout.PLAIN).kind(), "\\r\\r\\n");
    }

    @Test
    void crlfAndACrAtTheEndReadAlike() throws IOException {
        assertNull(changed("a b\r\nc d\r\n", CorpusLayout.PLAIN));
        assertNull(changed("a b\r\nc d\r", CorpusLayout.PLAIN));
    }

    @Test
    void aHashLineReadsOtherwiseInPlainTextOnly() throws IOException {
        String text = "\uFEFF# a comment\n#\n#\tSYM\nthe cat .\r\n#MeToo is trending\r\n#1 hit\n";
        assertEquals(new ReadingRules.Changed(ReadingRules.Kind.HASH_SENTENCE, 5, "#MeToo is trending"),
                changed(text, CorpusLayout.PLAIN));
        assertNull(changed(text, CorpusLayout.AUTO));
        assertNull(changed(text, CorpusLayout.CONLLU));
        assertNull(changed("# only\n#  comments\n# \n", CorpusLayout.PLAIN));
        assertEquals(1, changed("\uFEFF#tag words\n", CorpusLayout.PLAIN).line(), "after a byte-order mark");
    }

    @Test
    void aGzipFileIsReadDecompressed() throws IOException {
        Path gz = tmp.resolve("c.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a b\rc d\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(ReadingRules.Kind.BARE_CR, ReadingRules.changedSinceFirst(gz, CorpusLayout.PLAIN).kind());
    }

    /** The shipped Brown CoNLL-U files read alike: their checkpoints resume as before. */
    @Test
    void theShippedBrownFilesReadAlike() throws IOException {
        for (String split : new String[] {"train", "dev", "heldout"}) {
            Path file = TestModels.root().resolve("test-data/brown/" + split + ".conllu.gz");
            assertNull(ReadingRules.changedSinceFirst(file, CorpusLayout.CONLLU), split);
        }
    }
}
