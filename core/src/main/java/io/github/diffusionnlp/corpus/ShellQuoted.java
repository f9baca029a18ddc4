package io.github.diffusionnlp.corpus;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A word of a command line recorded for a person to paste into a shell (compare-ar's rerun command), quoted for a
 * POSIX shell where it needs it: a path holding a space, a quote, a {@code $} or a line break, written raw, ran
 * another command than the one recorded, or none. No dependency on the classpath quotes for a shell (Guava's
 * escapers are for HTML, XML and URLs). Unlike {@link Visible}, this keeps every character as it is, control
 * characters included: the shell is to read the word back as it was. A command inside an error message (the
 * tag-lexicon command a refusal ends with) quotes {@code Visible.of(path)}: its spaces and quotes are pasted as they
 * should be, and a control character is shown rather than run, at the cost of that one name being pasted wrong.
 */
public final class ShellQuoted {
    /**
     * What a POSIX shell reads as itself anywhere in a word: the ASCII that Python's {@code shlex.quote} leaves, and
     * a letter, digit or combining mark of any script (each byte of its UTF-8 is above ASCII, where sh has no special
     * character), so that {@code café/models} reads as it was given; a space of any kind, a control or format
     * character and every other symbol are quoted.
     */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{M}\\p{N}_@%+=:,./-]+");

    private ShellQuoted() {}

    /**
     * {@code word} as it is when the shell reads it so ({@code results/ar-comparison}), else in single quotes, with
     * each {@code '} in it written {@code '\''} ({@code 'my models/it'\''s'}); the empty word is {@code ''}.
     */
    public static String of(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The shell command that writes the file {@code named} (its path as a message shows it) through {@code filter}
     * into NEW, a {@code .gz} read through zcat as the corpus readers read it: {@code grep -v '^#' FILE > NEW}, {@code
     * zcat FILE.gz | grep -v '^#' > NEW}; for the remedy a message ends with.
     */
    public static String filteredIntoNew(String named, String filter) {
        String quoted = of(named);
        return (named.endsWith(".gz") ? "zcat " + quoted + " | " + filter : filter + " " + quoted) + " > NEW";
    }

    /** A path as {@link #of(String)} quotes its text. */
    public static String of(Path file) {
        return of(file.toString());
    }
}
