package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.corpus.Visible;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Java's errors about files and paths in words, for the one-line failures of this project's tools (this CLI's
 * {@code Main.message}, the OpenNLP tools'): Java's own messages name the path but not what went wrong, or the
 * reason but not the way out.
 */
public final class FileErrors {
    /**
     * Java's temporary names: prefix, an unsigned random long (15 digits or more but for one in 180,000), suffix. Not
     * fewer: a directory the user named by the time ("run-20261206083000", 14 digits; epoch milliseconds, 13) is not
     * Java's, and a missing file in it was said to want -Djava.io.tmpdir.
     */
    private static final Pattern TEMPORARY_NAME = Pattern.compile("[^.].*[0-9]{15,}(\\.tmp)?");

    private FileErrors() {}

    /**
     * A path Java cannot take: "Malformed input or input contains unmappable characters: /m/corp?s.tsv" (a name the
     * locale's charset lacks, under {@code LANG=C}) or "Nul character not allowed: ...", said as the path, the reason
     * and, where the locale is the cause, how to run instead.
     */
    public static String describe(InvalidPathException e) {
        return "cannot use the path '" + Visible.of(e.getInput()) + "': " + e.getReason()
                + JavaLocale.pathHint(e.getInput());
    }

    /**
     * A file-system error as its path and what went wrong ("/data/out: permission denied": Java's message is the path
     * alone), and, for a directory of DJL's or a temporary one, which setting names another.
     */
    public static String describe(FileSystemException e) {
        return said(e) + where(e.getFile());
    }

    /**
     * The paths written visibly ({@link Visible#of}): Java's message holds them raw, and a line break or an ESC
     * sequence in a file name split the one-line failure or ran in the terminal.
     */
    static String said(FileSystemException e) {
        String what = e.getReason() != null ? e.getReason() : kind(e);
        if (e.getFile() == null && e.getOtherFile() == null) {
            return what; // as Java's message: the reason alone
        }
        return (e.getFile() == null ? "" : Visible.of(e.getFile()))
                + (e.getOtherFile() == null ? "" : " -> " + Visible.of(e.getOtherFile())) + ": " + what;
    }

    private static String kind(FileSystemException e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof FileAlreadyExistsException ? "already exists"
                : e instanceof NotDirectoryException ? "not a directory"
                : e instanceof DirectoryNotEmptyException ? "directory not empty"
                : e.getClass().getSimpleName();
    }

    /**
     * {@code message} (a library's own words over a file-system error: DJL's "Failed to extract PyTorch native
     * library" said neither where nor why) with the first {@link FileSystemException} among {@code e}'s causes
     * described; {@code message} alone when there is none.
     */
    public static String withCause(String message, Throwable e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof FileSystemException f) {
                String said = said(f);
                String where = where(f.getFile());
                String own = f.getMessage();
                if (message.contains(said)) { // our own words already say it
                    return message.contains(where) ? message : message + where;
                }
                // a message that ends with the cause's own (OpenNLP's "...: /tmp/x/.djl.ai") gets what it lacks
                return own != null && message.endsWith(own) && said.startsWith(own)
                        ? message + said.substring(own.length()) + where : message + ": " + said + where;
            }
        }
        return message;
    }

    /**
     * The first {@link FileSystemException} among {@code e} and its causes, said with the words of the exception that
     * wraps it ({@link #withCause}); null when there is none. For error paths that otherwise print a stack trace.
     */
    public static String fileSystemFailure(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                return describe(f);
            }
            if (t.getCause() instanceof FileSystemException && t.getMessage() != null) {
                return withCause(t.getMessage(), t);
            }
        }
        return null;
    }

    /**
     * Whether {@code path} is a file or directory Java's {@code Files.createTempFile} / {@code createTempDirectory}
     * made (or was making) in {@code tmp}, or lies inside one: its name below {@code tmp} is a prefix and a random
     * number of many digits ("diffusion-training1590372058164539291"), as this project's scratch and training
     * directories are. Only then is java.io.tmpdir the place to change: a path the user gave that merely lies under
     * /tmp ("--out /tmp/run/x") was said to be a temporary file, and a temporary sibling a write into /tmp itself
     * makes (".x.md.8216….tmp", {@code CheckpointFiles#createTemporarySibling}) begins with a dot.
     */
    static boolean madeAsTemporary(Path path, Path tmp) {
        if (!path.startsWith(tmp) || path.equals(tmp)) {
            return false;
        }
        return TEMPORARY_NAME.matcher(tmp.relativize(path).getName(0).toString()).matches();
    }

    /** Where a failed path is, when a setting names another place for it; "" otherwise. */
    private static String where(String file) {
        if (file == null) {
            return "";
        }
        try {
            Path path = Path.of(file).toAbsolutePath();
            if (path.startsWith(ai.djl.util.Utils.getEngineCacheDir())
                    || path.startsWith(ai.djl.util.Utils.getCacheDir())) {
                return "; DJL unpacks PyTorch's native library there (under its cache directory, the home directory's"
                        + " .djl.ai, or java.io.tmpdir's without a writable home): set DJL_CACHE_DIR to a writable"
                        + " directory";
            }
            if (madeAsTemporary(path, Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
                return "; a temporary file, under java.io.tmpdir: name a writable directory with -Djava.io.tmpdir=DIR";
            }
        } catch (InvalidPathException e) {
            return ""; // nothing to add about a path Java cannot take
        }
        return "";
    }
}
