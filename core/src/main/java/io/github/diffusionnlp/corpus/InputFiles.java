package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The checks a text file a caller names gets before it is read: a corpus, a banned-words list. A FIFO blocked its
 * reader for ever and {@code /dev/zero} read until memory ran out (in the CoreNLP server, while it held the lock every
 * request's pipeline is built under), so only a regular file is read, and one larger than its reader can use is
 * refused by its size, unread.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * Fails unless {@code file} is a regular file (a symbolic link to one is): a directory or a special file (a FIFO,
     * a device, a socket) is refused naming what it is, and a missing file as not found.
     *
     * @param what the kind of file the caller wants, for the message ("corpus file")
     */
    public static void requireRegularFile(Path file, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(Visible.of(file) + " is a directory; give a " + what);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(Visible.of(file) + " is not a regular file (a FIFO, a device or a socket, which could"
                    + " block the read or never end); give a " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw new NotFound(file.toString(), what + " not found");
        }
    }

    /**
     * A missing file: {@link #getFile()} the path as it is, for callers that read it (to name it in their own words,
     * or to tell where it is), and a message that writes it as {@link Visible#of} does. Java's message is the path as
     * it is, so a caller that logged it, or appended it to its own words, wrote a line break in the name as a line of
     * its own and ran an ESC sequence in the terminal.
     */
    private static final class NotFound extends NoSuchFileException {
        private static final long serialVersionUID = 1L;

        NotFound(String file, String reason) {
            super(file, null, reason);
        }

        @Override
        public String getMessage() {
            return Visible.of(getFile()) + ": " + getReason();
        }

        /** As Java's own says it (UncheckedIOException's message is its cause's): its class is a detail. */
        @Override
        public String toString() {
            return NoSuchFileException.class.getName() + ": " + getMessage();
        }
    }

    /**
     * Fails when {@code bytes}, what {@code file} holds, exceed {@code most}: its message names the file, both sizes
     * and {@code remedy}. A reader that stops at {@code most + 1} bytes (a file that grew, or a gzip file's text)
     * passes what it read, said as "more than {@code most}".
     *
     * @param what what the file is, for the message ("corpus")
     */
    public static void requireAtMost(Path file, long bytes, long most, String what, String remedy)
            throws IOException {
        if (bytes > most) {
            String size = bytes == most + 1 ? String.format(Locale.ROOT, "more than %,d", most)
                    : String.format(Locale.ROOT, "%,d", bytes);
            throw new IOException(String.format(Locale.ROOT, "%s holds %s bytes, more than the %,d bytes a %s may"
                    + " hold here; %s", Visible.of(file), size, most, what, remedy));
        }
    }
}
