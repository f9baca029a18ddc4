package io.github.diffusionnlp.cli;

/**
 * What Java takes from the locale at start-up and this project's tools cannot undo: the charset of the command
 * line's arguments, of file names and of the working directory ({@code sun.jnu.encoding}). Under {@code LANG=C} it
 * is ASCII, and every other character of an argument became U+FFFD before {@code main} ran ({@code -Dfile.encoding}
 * and {@code -Dsun.jnu.encoding} do not change it): "café" was then "not in the vocabulary", a directory "did not
 * exist". The tools stop and say so instead.
 */
public final class JavaLocale {
    private JavaLocale() {}

    private static final String HOW = "run under a UTF-8 locale, such as LC_ALL=C.UTF-8";

    /**
     * For a tool's {@code main}: prints the line of {@link #lostCharacters(String[])} as an error and exits with
     * {@code exitCode}, or returns when nothing was lost.
     */
    public static void exitIfLost(String[] args, int exitCode) {
        String lost = lostCharacters(args);
        if (lost != null) {
            System.err.println("error: " + lost);
            System.exit(exitCode);
        }
    }

    /**
     * One line saying that Java's decoding by the locale's charset lost characters of {@code args} or of the working
     * directory, and how to run instead; null when nothing was lost (a UTF-8 locale, or only characters it has).
     */
    public static String lostCharacters(String[] args) {
        return lostCharacters(args, System.getProperty("sun.jnu.encoding"), System.getProperty("user.dir"));
    }

    static String lostCharacters(String[] args, String encoding, String workingDirectory) {
        if (isUtf8(encoding)) {
            return null;
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') >= 0) {
                return "Java decoded the command line by the locale's charset (" + encoding + "), which lost the"
                        + " characters of argument " + (i + 1) + " ('" + args[i] + "') that it lacks; " + HOW;
            }
        }
        if (workingDirectory != null && workingDirectory.indexOf('\uFFFD') >= 0) {
            return "Java decoded file names by the locale's charset (" + encoding + "), which lost the characters of"
                    + " the working directory (" + workingDirectory + ") that it lacks, so relative paths cannot be"
                    + " found; " + HOW;
        }
        return null;
    }

    /**
     * What to add to the message of a path Java could not take ({@code InvalidPathException}): under a locale that
     * is not UTF-8, a path with characters outside ASCII may be one it cannot encode; otherwise nothing.
     */
    public static String pathHint(String path) {
        return pathHint(path, System.getProperty("sun.jnu.encoding"));
    }

    static String pathHint(String path, String encoding) {
        if (isUtf8(encoding) || path == null || path.chars().allMatch(c -> c < 128)) {
            return "";
        }
        return "; Java encodes file names by the locale's charset (" + encoding + "), which may lack its characters: "
                + HOW;
    }

    private static boolean isUtf8(String encoding) {
        return encoding == null || encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8");
    }
}
