package io.github.diffusionnlp.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A temporary directory that is gone when the work in it ends, however it ends. A finally block is not
 * enough: on Ctrl-C or SIGTERM the JVM runs its shutdown hooks and halts, and the thread in the try block
 * never reaches its finally; a stopped benchmark left a {@code benchmark-train*} model in the temp
 * directory each time. So the directory is also deleted by a shutdown hook, removed again on close. Public for the
 * OpenNLP adapter, which unpacks a model package into one while it loads (a SIGTERM then left 29 MB behind).
 */
public final class ScratchDirectory implements AutoCloseable {
    private final Path dir;
    private final Thread onExit;

    /** A new directory in {@code java.io.tmpdir} whose name starts with {@code prefix}, readable by its owner only. */
    public ScratchDirectory(String prefix) throws IOException {
        dir = Files.createTempDirectory(prefix);
        onExit = new Thread(this::deleteOnExit, "delete " + dir);
        try {
            Runtime.getRuntime().addShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) { // too late for a hook: nothing would delete it
            delete();
            throw shuttingDown;
        }
    }

    public Path path() {
        return dir;
    }

    /** Hook registered and directory deleted: what a shutdown would run (for tests). */
    Thread shutdownHook() {
        return onExit;
    }

    /** Deletes the directory and what it holds, and its hook. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: it deletes the directory
        }
        delete();
    }

    /**
     * The work may still be writing into the directory while the hook runs (the JVM does not stop other
     * threads first), so a file created between the listing and the deletion is given a second try.
     */
    private void deleteOnExit() {
        for (int attempt = 1; ; attempt++) {
            try {
                delete();
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    System.err.println("could not delete " + Visible.of(dir) + " ("
                            + Visible.of(String.valueOf(e.getMessage())) + "): delete it by hand");
                    return;
                }
            }
        }
    }

    private void delete() throws IOException {
        try {
            MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
        } catch (NoSuchFileException gone) {
            // deleted already (by the hook, or by close before it)
        }
    }
}
