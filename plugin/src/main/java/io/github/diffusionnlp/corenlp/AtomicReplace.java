package io.github.diffusionnlp.corenlp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole or not at all: into a temporary file beside it, then moved over it in one step. A write that
 * fails part-way (a full disk) leaves no half-written file and the earlier one as it was, where writing the file in
 * place had already emptied it.
 */
final class AtomicReplace {
    /** What goes into the file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicReplace() {}

    /**
     * Writes {@code content} to {@code target}, replacing what is there once it is all written. The temporary file
     * is made in {@code target}'s directory, so that the move is a rename on the same file system (atomic where the
     * file system allows it, else a plain replacing move), with the permissions a new file gets there (not
     * {@code Files.createTempFile}'s owner-only ones, which the output would keep).
     *
     * @throws IOException from the write or the move, the temporary file removed
     */
    static void write(Path target, Content content) throws IOException {
        Opened temp = openBeside(target);
        try {
            try (OutputStream out = temp.out()) {
                content.writeTo(out);
            }
            try {
                Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp.path(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp.path());
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private record Opened(Path path, OutputStream out) {}

    /** A new file in {@code target}'s directory, named after it and hidden, opened for writing. */
    private static Opened openBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        while (true) {
            Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return new Opened(temp, Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                // another writer's name: draw again
            }
        }
    }
}
