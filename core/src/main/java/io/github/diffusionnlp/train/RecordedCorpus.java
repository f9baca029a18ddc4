package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.checkpoint.ReadAsTrained;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.ReadingRules;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.train.TrainOptions.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The corpus of a resumed run not given one ({@code train --resume --out DIR}): the one its checkpoint records,
 * absolute, when that file is still there and is what the checkpoint read (its recorded size and crc32c, {@link
 * CorpusFingerprint}). A checkpoint that records none (an older config), records it relative (written before corpora
 * were recorded absolute: relative to a working directory it does not record), records no fingerprint of it (before
 * 2026-12-05), or whose file is gone or has changed, is refused, naming what to give: a run on a file it cannot
 * vouch for would train on other sentences than the user meant, unasked. One that is a file the run writes into its
 * output directory (its vocab.txt, say: recorded by a run of before such a corpus was refused, {@link
 * OutputDirectory}) is refused by name, as a run given it is, not as changed with the remedy of giving that file.
 *
 * <p>The dev split of a resumed run not given one, whether or not it was given its corpus, is the one its checkpoint
 * records, said on the run's first lines, by the same rule where it can be: one that has changed is refused, naming
 * what to give, as its dev loss would be of other sentences than the checkpoint's, in the same column of the log,
 * unasked, and so is one that is a file the run writes (its training-log.csv, which it appends to). One that is
 * gone, no regular file now, or recorded without its size and checksum (or relative, by hand) is said in a note, and
 * the run goes on measuring no dev loss: the dev split changes nothing the run trains, a refusal would have no remedy
 * but another file or none ({@code --no-dev}, which takes no dev split at all), and a checkpoint of before dev splits
 * were recorded (2026-12-07) resumes so too, saying how to go on measuring one.
 */
public final class RecordedCorpus {
    private RecordedCorpus() {}

    /**
     * Refuses, before the output directory is made or locked, a run without a corpus on a directory that holds no
     * checkpoint: it would start a new model, which needs one.
     */
    static void requireCheckpoint(TrainOptions options) throws IOException {
        if (options.corpus() == null && !Files.isRegularFile(options.output().resolve(ModelCheckpoint.CONFIG))) {
            throw new IOException(Visible.of(options.output()) + " holds no checkpoint whose corpus "
                    + options.names().name(Setting.RESUME) + " could train on, and a new model needs one; "
                    + giveAnother(options));
        }
    }

    /**
     * {@code options} on the corpus {@code recorded} names when they give none (said on the run's first line), else
     * as they are; {@code resuming}: whether the output directory holds the checkpoint {@code recorded} is the record
     * of (null when its config records no training).
     */
    static TrainOptions resolve(TrainOptions options, boolean resuming, TrainingInfo recorded, PrintStream log)
            throws IOException {
        TrainOptions onCorpus = options.corpus() != null ? options : onRecordedCorpus(options, resuming, recorded, log);
        return resuming && recorded != null ? onRecordedDev(onCorpus, recorded, log) : onCorpus;
    }

    /** {@code options} on the corpus {@code recorded} names, said on the run's first line, or refused naming why. */
    private static TrainOptions onRecordedCorpus(TrainOptions options, boolean resuming, TrainingInfo recorded,
            PrintStream log) throws IOException {
        requireCheckpoint(options); // checked when the directory was claimed; a checkpoint gone since, here
        String dir = Visible.of(options.output());
        if (!resuming || recorded == null || recorded.corpus() == null) {
            throw new IOException("the checkpoint in " + dir + " records no corpus (an older config); "
                    + giveAnother(options));
        }
        String named = Visible.of(recorded.corpus());
        String givenAsItIs = options.names().given(Setting.CORPUS, ShellQuoted.of(named));
        Found found = Found.of(recorded.corpus(), CorpusFingerprint.recorded(recorded), options.output());
        String why = switch (found.state()) {
            case RELATIVE -> "the checkpoint in " + dir + " records its corpus as " + named + ", relative to a"
                    + " working directory it does not record (a checkpoint written before corpora were recorded"
                    + " absolute); " + giveAnother(options);
            case GONE -> named + ", the corpus the checkpoint in " + dir + " records, is gone (no such file); "
                    + giveAnother(options);
            case OWN_OUTPUT -> named + ", the corpus the checkpoint in " + dir + " records, " + IS_OWN_OUTPUT
                    + "; give " + options.names().given(Setting.CORPUS, "FILE") + ", the corpus to train it on: "
                    + NOT_OWN_OUTPUT;
            case NOT_REGULAR -> named + ", the corpus the checkpoint in " + dir + " records, is no regular file"
                    + " now; " + giveAnother(options);
            case NO_FINGERPRINT -> "the checkpoint in " + dir + " records its corpus, " + named + ", but not its size"
                    + " and checksum (a checkpoint of before 2026-12-05, or a corpus that was no regular file), so this"
                    + " run cannot tell that the file is what it was trained on; give " + givenAsItIs + " to train on"
                    + " it as it is, or " + options.names().given(Setting.CORPUS, "FILE") + " for another";
            case CHANGED -> named + ", the corpus the checkpoint in " + dir + " records, "
                    + found.now().changedSince(found.then()) + "; give " + givenAsItIs + " to train on it as it is"
                    + " now (" + TrainingNotes.VOCABULARY_STAYS + "), or "
                    + options.names().given(Setting.CORPUS, "FILE") + " for another";
            case AS_RECORDED -> null;
        };
        if (why != null) {
            throw new IOException(why);
        }
        log.println("corpus: " + named + " (as the checkpoint records; give " + options.names().name(Setting.CORPUS)
                + " to train on another)");
        return options.onCorpus(found.file());
    }

    /**
     * {@code options} measuring on the dev split {@code recorded} names when they give none (said on the run's first
     * lines), else as they are; one that has changed is refused, one it cannot measure on is said (see above).
     */
    private static TrainOptions onRecordedDev(TrainOptions options, TrainingInfo recorded, PrintStream log)
            throws IOException {
        if (options.dev() != null || options.said(Setting.DEV)) { // one given, or none (--no-dev)
            return options;
        }
        String giveOne = options.names().given(Setting.DEV, "FILE");
        if (recorded.dev() == null) {
            if (Double.isFinite(recorded.devLoss())) {
                // a config of before dev splits were recorded (a run of this build without one records no dev loss)
                log.println("note: the checkpoint measured a dev loss on a dev split it does not record (an older"
                        + " config); give " + giveOne + " again to go on measuring it");
            }
            return options;
        }
        String named = Visible.of(recorded.dev());
        String noDevLoss = ": this run measures no dev loss; give " + giveOne + " to measure one";
        String givenAsItIs = options.names().given(Setting.DEV, ShellQuoted.of(named));
        Found found = Found.of(recorded.dev(), CorpusFingerprint.recordedDev(recorded), options.output());
        String note = switch (found.state()) {
            case RELATIVE -> "the checkpoint records its dev split as " + named + ", relative to a working directory"
                    + " it does not record" + noDevLoss;
            case GONE -> named + ", the dev split the checkpoint records, is gone (no such file)" + noDevLoss;
            case OWN_OUTPUT -> throw new IOException(named + ", the dev split the checkpoint in "
                    + Visible.of(options.output()) + " records, " + IS_OWN_OUTPUT + "; give " + giveOne + ", "
                    + NOT_OWN_OUTPUT + ", or " + options.names().given(Setting.DEV, false) + " for none");
            case NOT_REGULAR -> named + ", the dev split the checkpoint records, is no regular file now" + noDevLoss;
            case NO_FINGERPRINT -> "the checkpoint records its dev split, " + named + ", but not its size and checksum"
                    + " (a dev split that was no regular file), so this run cannot tell that the file is what it"
                    + " measured on, and measures no dev loss; give " + givenAsItIs + " to measure on it as it is, or "
                    + giveOne + " for another";
            case CHANGED -> throw new IOException(named + ", the dev split the checkpoint in "
                    + Visible.of(options.output()) + " records, " + found.now().changedSinceMeasured(found.then())
                    + "; give " + givenAsItIs + " to measure on it as it is now, " + giveOne + " for another, or "
                    + options.names().given(Setting.DEV, false) + " for none");
            case AS_RECORDED -> null;
        };
        if (note != null) {
            log.println("note: " + note);
            return options;
        }
        log.println("dev: " + named + " (as the checkpoint records; give " + options.names().name(Setting.DEV)
                + " to measure on another)");
        return options.onDev(found.file());
    }

    /**
     * The dev loss a run resuming {@code previous} (null: a new model) starts from, which its checkpoints record until
     * it measures one: the checkpoint's when this run measures on the dev split that loss was measured on (the path
     * {@code previous} records, the file still of the size and checksum it records: {@code dev}, this run's, null for
     * none or no regular file), else NaN. A record's dev loss is so always of the dev split it names: one of another
     * dev split, or of one no longer measured on, was recorded as this model's and shown by {@code info} as current.
     * On the same dev split the last measurement stands until the next, as it does between two within a run. It is
     * the trained weights' (what the loop measures, and a run without {@code --average} records), so an averaged
     * checkpoint's, which is its average's, is not carried: a run resumed from it without the average recorded it
     * as the dev loss of the trained weights it saves (with the average, each checkpoint measures the average's).
     * Nor is the loss of a dev split that reads as other sentences now ({@code devReadsOtherwise}, {@link
     * #readsOtherwise}).
     */
    static double devLossCarried(TrainingInfo previous, TrainOptions options, CorpusFingerprint dev,
            boolean devReadsOtherwise) {
        if (previous == null || previous.dev() == null || options.dev() == null || dev == null
                || previous.averageDecay() > 0 || devReadsOtherwise) {
            return Double.NaN;
        }
        boolean same = previous.dev().equals(options.dev().toAbsolutePath().normalize().toString())
                && dev.equals(CorpusFingerprint.recordedDev(previous));
        return same ? previous.devLoss() : Double.NaN;
    }

    /**
     * Refuses a run resuming {@code recorded} on the corpus it was trained on, unchanged (its size and checksum, {@code
     * now}, as recorded, or none recorded), when that file reads as other sentences now, read as {@code read} says,
     * than by the rules the checkpoint's run read it by ({@link ReadingRules}; a record without them, of before
     * 2026-12-07, read by the first): a bare CR, which ends a line now and ended none, or, in plain text, a line such
     * as {@code #MeToo is trending}, a sentence now and a comment then. The size and checksum cannot tell: the run
     * would train on other sentences than the checkpoint was trained on, unsaid. The corpus is the recorded path, or
     * a file elsewhere of the size and checksum recorded (a copy: the same bytes, whatever its name). A file that has
     * changed is said or refused as such ({@link #resolve}, {@link TrainingNotes}); one that is no regular file
     * ({@code now} null) cannot be read again to tell, and is not.
     */
    static void requireSameReading(TrainOptions options, TrainingInfo recorded, CorpusLayout read,
            CorpusFingerprint now) throws IOException {
        if (recorded == null || now == null) {
            return;
        }
        boolean atRecordedPath = recorded.isTrainedOn(options.corpus());
        if (!atRecordedPath && !now.equals(CorpusFingerprint.recorded(recorded))) {
            return; // another file, or one the record cannot tell from it: read as it reads now
        }
        ReadingRules.Changed changed = ReadAsTrained.changed(recorded, options.corpus(), read, now);
        if (changed == null) {
            return;
        }
        String file = Visible.of(options.corpus().toAbsolutePath().normalize().toString());
        String newFile = options.names().given(Setting.CORPUS, "NEW");
        String remedy;
        String why = ReadAsTrained.why(changed, "the checkpoint");
        if (changed.kind() == ReadingRules.Kind.BARE_CR) {
            remedy = "to go on training this one on its lines as they read now, convert its line ends to \\n ("
                    + ReadAsTrained.filtered(file, "perl -pe 's/\\r\\n?/\\n/g'") + ") and give " + newFile;
        } else {
            remedy = "to go on training this one on the sentences it was trained on, drop the lines starting with #"
                    + " as that build did (" + ReadAsTrained.filtered(file, "grep -v '^#'") + ") and give " + newFile;
        }
        String dir = Visible.of(options.output());
        String which = atRecordedPath ? ", the corpus the checkpoint in " + dir + " was trained on,"
                : ", a copy of the corpus the checkpoint in " + dir + " was trained on ("
                + Visible.of(recorded.corpus()) + ": the size and checksum the checkpoint records),";
        throw new IOException(file + which + " reads as other sentences now than it did for the run that wrote the"
                + " checkpoint: " + why
                + "; resuming would train the model on other sentences than it was trained on. Start a new model on"
                + " it (another " + options.names().name(Setting.OUTPUT) + ", without "
                + options.names().name(Setting.RESUME) + "), or, " + remedy);
    }

    /**
     * Whether {@code file}, read as {@code layout}, its fingerprint {@code now} (null: no regular file), is the file
     * {@code recorded} (null: a new model) measured its dev loss on, unchanged, and reads as other sentences now than
     * by the rules that checkpoint's run read by ({@link ReadingRules}): the predicate of {@link ReadAsTrained}, on
     * the dev split's recorded size and checksum (a dev split recorded without them carries no dev loss anyway).
     */
    static boolean readsOtherwise(TrainingInfo recorded, Path file, CorpusLayout layout, CorpusFingerprint now)
            throws IOException {
        if (recorded == null || now == null || recorded.dev() == null
                || !recorded.dev().equals(file.toAbsolutePath().normalize().toString())) {
            return false;
        }
        CorpusFingerprint then = CorpusFingerprint.recordedDev(recorded);
        return then != null && ReadAsTrained.changed(recorded, then, file, layout, now) != null;
    }

    /**
     * Internal (grow's closing line; no compatibility promise). The corpus {@code recorded} names, when a run resumed
     * without one would train on it: named absolute, there, and with the size and checksum recorded; else null.
     */
    public static Path usable(TrainingInfo recorded) throws IOException {
        if (recorded == null || recorded.corpus() == null) {
            return null;
        }
        Found found = Found.of(recorded.corpus(), CorpusFingerprint.recorded(recorded), null);
        return found.state() == State.AS_RECORDED ? found.file() : null;
    }

    /**
     * What a recorded file that is one of the files training writes into the output directory is (a checkpoint of
     * before new runs refused such a corpus or dev split, {@link OutputDirectory}, recorded it).
     */
    private static final String IS_OWN_OUTPUT = "is one of the files training writes into that directory (recorded"
            + " by a run of before 2026-12-07, which did not refuse it), which the run would change";
    /** What to give in its place (a new run given such a file says it too, {@link OutputDirectory}). */
    static final String NOT_OWN_OUTPUT = "a file of your own, not one that training writes";

    /**
     * What a recorded corpus or dev split is now, in the order a resume asks it: {@code OWN_OUTPUT}, one of the files
     * the run writes into its output directory, is refused by name, not as changed (the run changed it) with the
     * remedy of giving that file, which a run given it refuses.
     */
    private enum State { RELATIVE, GONE, OWN_OUTPUT, NOT_REGULAR, NO_FINGERPRINT, CHANGED, AS_RECORDED }

    /**
     * A recorded file ({@code file}) as a resume finds it: its {@link State}, the fingerprint recorded of it ({@code
     * then}, null when none was) and, once it is a regular file whose fingerprint was recorded, its own now. {@code
     * out}: the output directory of the run that would read it, or null when none would.
     */
    private record Found(Path file, State state, CorpusFingerprint then, CorpusFingerprint now) {
        static Found of(String recorded, CorpusFingerprint then, Path out) throws IOException {
            Path file = Path.of(recorded);
            State state = !file.isAbsolute() ? State.RELATIVE : !Files.exists(file) ? State.GONE
                    : out != null && ModelDirectory.isWrittenByTraining(out, file) ? State.OWN_OUTPUT
                    : !Files.isRegularFile(file) ? State.NOT_REGULAR : then == null ? State.NO_FINGERPRINT : null;
            if (state != null) {
                return new Found(file, state, then, null);
            }
            CorpusFingerprint now = CorpusFingerprint.of(file);
            return new Found(file, then.equals(now) ? State.AS_RECORDED : State.CHANGED, then, now);
        }
    }

    /** "give --corpus FILE, the corpus to train it on", in the caller's names. */
    private static String giveAnother(TrainOptions options) {
        return "give " + options.names().given(Setting.CORPUS, "FILE") + ", the corpus to train it on";
    }
}
