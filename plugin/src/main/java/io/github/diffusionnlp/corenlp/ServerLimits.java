package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request to CoreNLP's server may ask of the annotator. CoreNLP copies every request property over the
 * server's own, so a remote client sets any {@code diffusion.*}: without these limits it could make the server read
 * any file (a banned-words file's error quoted its lines), load a model per distinct setting until memory ran out,
 * and ask for hours of sampling that went on after it left. The operator sets them as JVM system properties, named
 * like core's {@code -Ddiffusionnlp.model} (a {@code diffusion.*} name would read as an annotator property, and a
 * request cannot set a system property): {@value #PATHS}, {@value #MAX_MODELS}, {@value #MAX_WORK},
 * {@value #DEADLINE}. Only server requests are held to them ({@link ServerRequests}); a user's own pipeline is not.
 */
final class ServerLimits {
    static final String PATHS = "diffusionnlp.server.paths";
    static final String MAX_MODELS = "diffusionnlp.server.maxModels";
    static final String MAX_WORK = "diffusionnlp.server.maxWork";
    static final String DEADLINE = "diffusionnlp.server.deadline";

    /** The default model and three more (another model directory, corpus, banned-words list, precision…). */
    static final int DEFAULT_MAX_MODELS = 4;
    /**
     * Sampled rows times steps (times candidates, twice with guidance): 20,000 admits a 600-sentence document at
     * the default 32 steps (125 sentences that hold an entity an {@code ner:} mask names: {@link #requireWork}),
     * or generate's 3 sentences at 16 steps with 8 candidates and guidance 26 times over (the audit's request
     * asked for 12.8 billion). It refuses up front what could not finish; the deadline bounds the
     * rest (8,000 row-steps took over 3 minutes on this project's busy 2-core machine, at nice 19).
     */
    static final long DEFAULT_MAX_WORK = 20_000;
    /** Milliseconds; CoreNLP's own request timeout (15 s by default) still stops a request before, not after. */
    static final long DEFAULT_DEADLINE_MILLIS = 120_000;

    private final List<Path> allowed; // absolute and normalized, as the operator wrote them
    final int maxModels;
    final long maxWork;
    final long deadlineMillis;

    private ServerLimits(List<Path> allowed, int maxModels, long maxWork, long deadlineMillis) {
        this.allowed = allowed;
        this.maxModels = maxModels;
        this.maxWork = maxWork;
        this.deadlineMillis = deadlineMillis;
    }

    /**
     * The limits the JVM's system properties set, read anew each time (an annotator is made per request; a test
     * may change them).
     *
     * @throws IllegalArgumentException naming the system property whose value is bad
     */
    static ServerLimits fromSystemProperties() {
        List<Path> dirs = new ArrayList<>();
        String paths = System.getProperty(PATHS, "");
        for (String dir : paths.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                try {
                    dirs.add(Path.of(dir.trim()).toAbsolutePath().normalize());
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("bad -D" + PATHS + "=" + Visible.of(paths) + ": '"
                            + Visible.of(dir) + "' is not a path (" + Visible.of(e.getMessage())
                            + "); give directories separated by '" + File.pathSeparator + "'");
                }
            }
        }
        return new ServerLimits(List.copyOf(dirs),
                (int) positive(MAX_MODELS, DEFAULT_MAX_MODELS, Integer.MAX_VALUE, "models loaded for requests"),
                positive(MAX_WORK, DEFAULT_MAX_WORK, Long.MAX_VALUE, "sampled rows times steps a request may ask"),
                positive(DEADLINE, DEFAULT_DEADLINE_MILLIS, Long.MAX_VALUE, "milliseconds a request may sample"));
    }

    private static long positive(String property, long def, long max, String what) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            long n = Numbers.parseLong(v.trim()); // not Java's Long.parseLong, which reads '٣' as 3
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        String digits = Numbers.hasOtherDigits(v) ? " " + Numbers.IN_ASCII_DIGITS : "";
        throw new IllegalArgumentException("bad -D" + property + "=" + Visible.of(v) + ": give a whole number from 1"
                + " to " + max + digits + " (the most " + what + "; " + def + " when not set)");
    }

    /**
     * {@code path}, the value of the request's {@code annotator.key}, when the operator allows requests to read it:
     * it lies under a directory of {@value #PATHS}, both as written ({@code toAbsolutePath().normalize()}) and
     * where it really is ({@code toRealPath()}: a symbolic link cannot lead out), or it is the default model
     * ({@code isModel}). Refused otherwise, in words that are the same whether the path exists or not (a client
     * cannot probe the server's file system) and that quote nothing but the client's own value.
     */
    void requireAllowed(String annotator, String key, String value, Path path, boolean isModel) {
        if (isModel && sameFile(path, DefaultModel.locate())) {
            return;
        }
        Path written = path.toAbsolutePath().normalize();
        if (allowed.stream().anyMatch(written::startsWith) && realPathAllowed(written)) {
            return;
        }
        String shown = Visible.of(annotator);
        throw new IllegalArgumentException("annotator \"" + shown + "\": bad " + shown + "." + key + " = '"
                + Visible.of(value) + "'; allowed in a server request: a"
                + " path under the directories the server's operator lets requests read ("
                // which directories is not said either: the server's layout is the operator's to tell
                + (allowed.isEmpty() ? "none: start the server's JVM with -D" + PATHS + "=DIR" + File.pathSeparator
                        + "DIR to allow some" : "-D" + PATHS + "; ask its operator which") + ")"
                + (isModel ? ", or no value for the server's default model" : "")
                + "; whether this one exists is not said");
    }

    /**
     * Whether where {@code written} really leads lies under an allowed directory's real path. A path that is
     * not there is judged by its nearest existing ancestor (a linked directory may lead out); a link that leads
     * nowhere is refused, as where it would lead cannot be judged.
     */
    private boolean realPathAllowed(Path written) {
        Path existing = written;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException | SecurityException e) {
            return false;
        }
        for (Path dir : allowed) {
            try {
                if (real.startsWith(dir.toRealPath())) {
                    return true;
                }
            } catch (IOException | SecurityException e) {
                // a directory the operator named that is not there allows nothing
            }
        }
        return false;
    }

    private static String rowCount(long rows) {
        return rows + (rows == 1 ? " row" : " rows");
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Refuses a request whose sampling could exceed {@link #maxWork}: {@code rows} sampled rows (sentences and
     * their windows or infill's stretches, or generated sentences), and {@code resampledRows} of them sampled again
     * up to {@code resamplings} times each (the sentences holding a name the mask's {@code masked} rule names,
     * "ner:PERSON", while a name comes back), times {@code steps} times {@code candidates}, twice with guidance (two
     * network passes a step), plus {@code fillRows} times {@code steps}: the infill rows that fill a rewrite's
     * {@code [MASK]}s before it rewrites, which core samples once each and unguided whatever the candidates and
     * guidance (its {@code fillMasks} runs them under no constraints), plus {@code suggestionRows} read in one step
     * each ({@code NAME.suggestions}: a pass of the network over each infill row's window, two with guidance). The
     * re-samplings count at their most: whether a name comes back is known only after sampling, and the limit
     * refuses before any.
     */
    void requireWork(String name, long rows, long fillRows, long resampledRows, String masked, int resamplings,
            int steps, int candidates, boolean guided, long suggestionRows) {
        long allRows = rows + resampledRows * resamplings;
        // rows bounded by the text: no overflow
        long work = allRows * steps * candidates * (guided ? 2 : 1) + fillRows * steps
                + suggestionRows * (guided ? 2 : 1);
        if (work > maxWork) {
            String shown = Visible.of(name); // the operator's customAnnotatorClass.NAME
            // which rows count again and why, with the mask's classes as the request gave them
            String which = resampledRows == 1 ? " row, the one holding" : " rows, those holding";
            String counted = resampledRows == 0 ? rowCount(rows) : "(" + rowCount(rows) + " + " + resamplings + " x "
                    + resampledRows + which + " a name that " + shown + ".mask's " + Visible.of(masked) + " masks,"
                    + " sampled again up to " + resamplings + " times while the name comes back)";
            // fewer candidates help only where there are more than one, and only on the rows sampled under them
            String fewer = candidates > 1 && allRows > 0 ? "sentences, steps or candidates" : "sentences or steps";
            // what else the request set that the work counts: each a way under the limit the client may choose
            String or = (guided ? ", or leave " + shown + ".guidance at 1 (one pass a step instead of two)" : "")
                    + (suggestionRows > 0 ? ", or leave " + shown + ".suggestions out" : "");
            throw new IllegalArgumentException("annotator \"" + shown + "\": this request asks for " + work
                    + " row-steps (" + counted + " x " + shown + ".steps " + steps + " x " + shown + ".candidates "
                    + candidates + (guided ? " x 2 for guidance" : "") + (fillRows == 0 ? "" : " + "
                    + rowCount(fillRows) + " filling the text's [MASK]s before the rewrite x " + shown + ".steps "
                    + steps + ", one candidate, unguided") + (suggestionRows == 0 ? "" : " + "
                    + rowCount(suggestionRows) + " x 1 step" + (guided ? " x 2 for guidance" : "") + " for " + shown
                    + ".suggestions")
                    + "), above the server's limit of " + maxWork + " (-D" + MAX_WORK + "): send fewer " + fewer
                    + or);
        }
    }
}
