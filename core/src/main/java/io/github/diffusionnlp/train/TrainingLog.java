package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import com.google.common.base.Ticker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a training run shows a person: a progress line every {@link #EVERY} steps (loss, and the rate,
 * throughput and ETA of the last few lines: {@link RecentRate}), the same figures appended to
 * {@code training-log.csv}, and the loss curve drawn from that file as {@code loss.png}.
 */
final class TrainingLog {
    static final int EVERY = 10;
    /**
     * Both trainers measure the dev loss every so many steps and at a run's last step, on the dev split's first
     * {@link #DEV_ROWS} rows, so that the two models' curves are read alike.
     */
    static final int DEV_EVERY = 250;
    static final int DEV_ROWS = 256;
    static final String CSV = ModelDirectory.TRAINING_LOG;
    static final String LOSS_PLOT = ModelDirectory.LOSS_PLOT;
    private static final String HEADER = "step,lr,train_loss,dev_loss,seconds";

    private final Path dir;
    private final PrintStream out;
    private final TrainOptions options;
    private final double priorSeconds;
    private final Ticker clock;
    private final long start;
    private final long deadline;
    private final RecentRate recent;
    /** The step {@link #isLast} last answered for, and its answer: asked again for that step, it answers alike. */
    private int lastAsked = -1;
    private boolean lastAnswer;

    /**
     * The log of a run into {@code options.output()} that starts where {@code previous} (the checkpoint it
     * resumes; null for a new model) ended: its step and its wall seconds so far.
     */
    static TrainingLog continuing(TrainOptions options, PrintStream out, TrainingInfo previous) throws IOException {
        return previous == null ? new TrainingLog(options.output(), out, options, 0, 0)
                : new TrainingLog(options.output(), out, options, previous.step(), previous.wallSeconds());
    }

    TrainingLog(Path dir, PrintStream out, TrainOptions options, int startStep, double priorSeconds)
            throws IOException {
        this(dir, out, options, startStep, priorSeconds, Ticker.systemTicker());
    }

    /** {@code clock}: the time the rate, ETA and budget are read from (a fake one in tests). */
    TrainingLog(Path dir, PrintStream out, TrainOptions options, int startStep, double priorSeconds, Ticker clock)
            throws IOException {
        this.clock = clock;
        this.start = clock.read();
        this.dir = dir;
        this.out = out;
        this.options = options;
        this.priorSeconds = priorSeconds;
        this.recent = new RecentRate(startStep, start);
        this.deadline = options.timeBudget() == null ? Long.MAX_VALUE : start + options.timeBudget().toNanos();
        Path csv = dir.resolve(CSV);
        if (Files.isSymbolicLink(csv)) {
            // appended to for the whole run: through a link planted at its name, every row would go to its target
            throw new IOException(Visible.of(csv) + " is a symbolic link; training writes its log only into a file of"
                    + " its own: remove the link (or give another --out)");
        }
        if (!Files.exists(csv, LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(csv, HEADER + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } else {
            dropRowsAfter(dir.resolve(CSV), startStep);
        }
    }

    /**
     * A run stopped without warning has logged steps past its last checkpoint; the resumed run logs them
     * again, so the old rows go, or the file and the curve would hold two histories of those steps. So
     * does a last line the stop cut short.
     */
    static void dropRowsAfter(Path csv, int step) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        // a line cut short by the kill (no line end): the next row would be appended onto it and lost
        boolean torn = !text.isEmpty() && !text.endsWith("\n");
        if (torn) {
            lines.remove(lines.size() - 1);
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] row = dataRow(csv, i, lines.get(i));
            if (row == null || stepOf(csv, i, row) <= step) {
                kept.add(lines.get(i));
            }
        }
        if (torn || kept.size() < lines.size()) {
            // through a temporary file of a random name: one of a fixed name could be a planted symbolic link
            CheckpointFiles.writeAtomically(csv, tmp -> Files.write(tmp, kept, StandardCharsets.UTF_8));
        }
    }

    /**
     * The step of a row of the CSV, on its 0-based line {@code index}: digits as the run writes them, no '+', and no
     * '-' (a negative step, which a run never writes, would be kept on resuming and drawn in the loss curve).
     */
    private static int stepOf(Path csv, int index, String[] row) throws IOException {
        int step;
        try {
            step = Numbers.parseIntAsWritten(row[0]);
        } catch (NumberFormatException e) { // more digits than an int holds: a row edited by hand
            throw malformed(csv, index, e);
        }
        if (step < 0) {
            throw malformed(csv, index, "its step " + step + " is negative: a step is 0 or more", null);
        }
        return step;
    }

    /**
     * A row of the CSV that is no step's numbers (edited by hand: the run writes each as {@link #HEADER} says), named
     * by the file and line, where Java's parse error named neither.
     */
    private static IOException malformed(Path csv, int index, NumberFormatException e) {
        return malformed(csv, index, e.getMessage(), e);
    }

    private static IOException malformed(Path csv, int index, String why, Exception cause) {
        return new IOException(Visible.of(csv) + ":" + (index + 1) + ": not a row of numbers " + HEADER + " ("
                + why + "); the run writes them: delete the line, or the file to start a new log", cause);
    }

    /**
     * The columns of a step's row of the CSV, on its 0-based line {@code index}; null for the header (its first
     * column {@code step}) and a blank line. Any other line is a row, refused unless it has the header's columns (a
     * step written "+20" was once taken for no row, and kept or left out in silence); their numbers are read after.
     */
    private static String[] dataRow(Path csv, int index, String line) throws IOException {
        if (line.isBlank()) {
            return null;
        }
        String[] c = line.split(",", -1);
        if (c[0].strip().replace("\uFEFF", "").equals("step")) {
            return null;
        }
        int columns = HEADER.split(",").length;
        if (c.length != columns) {
            throw malformed(csv, index, Counted.of(c.length, "column", "columns") + ", not " + columns, null);
        }
        for (int k = 0; k < columns; k++) {
            if (c[k].isBlank()) {
                throw malformed(csv, index, "its " + HEADER.split(",")[k] + " column is empty", null);
            }
        }
        return c;
    }

    /** True while the time budget lasts. */
    boolean inBudget() {
        return clock.read() < deadline;
    }

    /**
     * Whether {@code step} ends the run: its planned steps are done, or its time budget is spent. Read once a step:
     * the trainer asks before it measures the dev loss, at the checkpoint and at the top of its loop, and a budget
     * running out between the questions would have the step measured, checkpointed and ended on different answers.
     */
    boolean isLast(int step) {
        if (step != lastAsked) {
            lastAsked = step;
            lastAnswer = step >= options.steps() || !inBudget();
        }
        return lastAnswer;
    }

    /**
     * Whether the dev loss is measured at {@code step}: every {@link #DEV_EVERY} steps and at the run's last, before
     * the step's row is logged, so that the last row holds the dev loss the checkpoint records.
     */
    boolean devLossDue(int step) {
        return step % DEV_EVERY == 0 || isLast(step);
    }

    /**
     * The training loss the log shows after a step's {@code loss}: an exponential moving average of the
     * finite losses from the first ({@code before} NaN), a skipped step's (not finite) left out.
     */
    static double smoothed(double before, double loss) {
        if (!Double.isFinite(loss)) {
            return before;
        }
        return Double.isNaN(before) ? loss : 0.98 * before + 0.02 * loss;
    }

    /**
     * What a run that trained says when it ends at {@code step}, before its planned steps, as only the time budget
     * ends one (a stop or an interrupt throws {@link TrainingStopped}): without it, a library caller's log would
     * not say that the record it gets back is unfinished.
     */
    void sayIfStoppedByTheBudget(int step) {
        if (step < options.steps()) {
            // the caller's name for resuming: --resume on the command line, resume(true) to the library's builder
            out.printf(Locale.ROOT, "stopped by the time budget at step %d of %d; run again with %s to continue%n",
                    step, options.steps(), options.names().name(TrainOptions.Setting.RESUME));
        }
    }

    /** What a run says that found its output trained to {@code step} of its steps already. */
    void sayNothingToDo(int step) {
        out.printf(Locale.ROOT, "nothing to do: %s has already trained %d of %d steps%n", Visible.of(dir), step,
                options.steps());
    }

    /** Wall seconds of the whole run, earlier sessions of a resumed run included. */
    double wallSeconds() {
        return priorSeconds + (clock.read() - start) / 1e9;
    }

    /**
     * Logs a step (every {@link #EVERY}th and the last): a line with {@code devLoss}, the latest measured, and a
     * row of the CSV whose dev_loss is NaN unless the step measured it ({@code measured}: {@link #devLossDue} and a
     * dev split to measure on), so that the curve joins the measurements instead of drawing the last one on as flat
     * steps. A run without a dev split measures none, and a resumed one carries its checkpoint's last dev loss,
     * which its CSV wrote again at every step due one as if measured then.
     */
    void step(int step, float lr, double trainLoss, double devLoss, boolean measured, Throughput throughput)
            throws IOException {
        if (step % EVERY != 0 && !isLast(step)) {
            return;
        }
        long now = clock.read();
        double elapsed = (now - start) / 1e9;
        // rates of the last few lines, not of the whole run: on a machine whose load changes, the ETA follows
        recent.add(step, now, throughput);
        Throughput lately = recent.throughput();
        out.printf(Locale.ROOT,
                "step %d/%d  loss %.4f  dev %s  lr %.2e  %.2f steps/s  %s tokens/s  %s GFLOP/s  ETA %s%n",
                step, options.steps(), trainLoss, orDash("%.4f", devLoss), lr, recent.stepsPerSecond(),
                orDash("%.0f", lately.tokensPerSecond()), orDash("%.1f", lately.gflopsPerSecond()), eta(now));
        Files.writeString(dir.resolve(CSV), String.format(Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.1f%n", step, lr, trainLoss,
                measured ? devLoss : Double.NaN, priorSeconds + elapsed), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The time left: until the planned steps are done or, when the time budget ends the run first, until the
     * budget is spent, said so beside what the planned steps would take (a run that stops at its budget has
     * not finished, and the person reading the line should not think it will).
     */
    private String eta(long now) {
        double planned = recent.secondsUntil(options.steps());
        double budgetLeft = (deadline - now) / 1e9;
        if (options.timeBudget() == null || !(budgetLeft < planned)) {
            return duration(planned);
        }
        return duration(budgetLeft) + " (time budget; " + options.steps() + " steps would take " + duration(planned)
                + ")";
    }

    /** No dev split, or too few steps timed yet: a dash, not "NaN". */
    private static String orDash(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    void writeLossCurve() throws IOException {
        List<TrainingCharts.LossPoint> points = new ArrayList<>();
        Path csv = dir.resolve(CSV);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String[] c = dataRow(csv, i, lines.get(i));
            if (c != null) {
                try {
                    points.add(new TrainingCharts.LossPoint(stepOf(csv, i, c), Numbers.parseDouble(c[2]),
                            Numbers.parseDouble(c[3])));
                } catch (NumberFormatException e) {
                    throw malformed(csv, i, e);
                }
            }
        }
        TrainingCharts.writeLossCurve(dir.resolve(LOSS_PLOT), points);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
