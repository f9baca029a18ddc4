package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tools' UTF-8 stdout and stderr ({@link Stdout#useUtf8()}) were unbuffered: every {@code print} was its own
 * write to the file descriptor (a line of tokens printed word by word, a system call a word). They now write a line
 * at a time, flushed at each line end as before, and whatever is left at exit.
 */
class StdoutBufferingTest {
    /** The writes that reach the descriptor, each as its text. */
    private static final class Writes extends OutputStream {
        final List<String> seen = new ArrayList<>();

        @Override
        public void write(int b) {
            seen.add(new String(new byte[] {(byte) b}, StandardCharsets.UTF_8));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            seen.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLineIsOneWriteAndIsWrittenAtItsEnd() {
        Writes writes = new Writes();
        PrintStream out = Stdout.utf8(writes);
        out.print("He");
        out.print(' ');
        out.print("went");
        assertEquals(List.of(), writes.seen, "nothing before the line ends");
        out.println(" to the café .");
        assertEquals(List.of("He went to the café ." + System.lineSeparator()), writes.seen);
        out.printf("%d lines%n", 2);
        out.print("no end");
        assertEquals(List.of("He went to the café ." + System.lineSeparator(), "2 lines" + System.lineSeparator()),
                writes.seen);
        out.flush();
        assertEquals("no end", writes.seen.get(2));
    }

    /** What is printed without a line end before {@code System.exit} still reaches the reader. */
    @Test
    void whatIsLeftIsWrittenAtExit() throws Exception {
        Process child = ChildJvm.command(List.of(), PrintsAndExits.class).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] out;
        try {
            child.getErrorStream().transferTo(err);
            out = child.getInputStream().readAllBytes();
            assertEquals(true, child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(3, child.exitValue(), err.toString(StandardCharsets.UTF_8));
        assertEquals("line\nno line end: café", new String(out, StandardCharsets.UTF_8));
        assertEquals("an error without its end", err.toString(StandardCharsets.UTF_8));
    }

    /** A tool's main in miniature: UTF-8 streams, output without a final line end, then System.exit. */
    static final class PrintsAndExits {
        public static void main(String[] args) {
            Stdout.useUtf8();
            System.out.print("line\n");
            System.out.print("no line end: café");
            System.err.print("an error without its end");
            System.exit(3);
        }
    }
}
