package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
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
 * vouch for would train on other sentences than the user meant, unasked. The dev split is not recorded; a run whose
 * checkpoint measured a dev loss says how to go on measuring it.
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
        if (options.corpus() != null) {
            return options;
        }
        requireCheckpoint(options); // checked when the directory was claimed; a checkpoint gone since, here
        String dir = Visible.of(options.output());
        if (!resuming || recorded == null || recorded.corpus() == null) {
            throw new IOException("the checkpoint in " + dir + " records no corpus (an older config); "
                    + giveAnother(options));
        }
        Path corpus = Path.of(recorded.corpus());
        String named = Visible.of(recorded.corpus());
        if (!corpus.isAbsolute()) {
            throw new IOException("the checkpoint in " + dir + " records its corpus as " + named + ", relative to a"
                    + " working directory it does not record (a checkpoint written before corpora were recorded"
                    + " absolute); " + giveAnother(options));
        }
        if (!Files.exists(corpus)) {
            throw new IOException(named + ", the corpus the checkpoint in " + dir + " records, is gone (no such file); "
                    + giveAnother(options));
        }
        if (!Files.isRegularFile(corpus)) {
            throw new IOException(named + ", the corpus the checkpoint in " + dir + " records, is no regular file"
                    + " now; " + giveAnother(options));
        }
        CorpusFingerprint then = CorpusFingerprint.recorded(recorded);
        String givenAsItIs = options.names().given(Setting.CORPUS, ShellQuoted.of(named));
        if (then == null) {
            throw new IOException("the checkpoint in " + dir + " records its corpus, " + named + ", but not its size"
                    + " and checksum (a checkpoint of before 2026-12-05, or a corpus that was no regular file), so this"
                    + " run cannot tell that the file is what it was trained on; give " + givenAsItIs + " to train on"
                    + " it as it is, or " + options.names().given(Setting.CORPUS, "FILE") + " for another");
        }
        CorpusFingerprint now = CorpusFingerprint.of(corpus);
        if (!then.equals(now)) {
            throw new IOException(named + ", the corpus the checkpoint in " + dir + " records, "
                    + now.changedSince(then) + "; give " + givenAsItIs + " to train on it as it is now ("
                    + TrainingNotes.VOCABULARY_STAYS + "), or " + options.names().given(Setting.CORPUS, "FILE")
                    + " for another");
        }
        log.println("corpus: " + named + " (as the checkpoint records; give " + options.names().name(Setting.CORPUS)
                + " to train on another)");
        if (options.dev() == null && Double.isFinite(recorded.devLoss())) {
            log.println("note: the checkpoint measured a dev loss on a dev split it does not record; give "
                    + options.names().given(Setting.DEV, "FILE") + " again to go on measuring it");
        }
        return options.onCorpus(corpus);
    }

    /**
     * Internal (grow's closing line; no compatibility promise). The corpus {@code recorded} names, when a run resumed
     * without one would train on it: named absolute, there, and with the size and checksum recorded; else null.
     */
    public static Path usable(TrainingInfo recorded) throws IOException {
        if (recorded == null || recorded.corpus() == null || CorpusFingerprint.recorded(recorded) == null) {
            return null;
        }
        Path corpus = Path.of(recorded.corpus());
        return corpus.isAbsolute() && Files.isRegularFile(corpus)
                && CorpusFingerprint.recorded(recorded).equals(CorpusFingerprint.of(corpus)) ? corpus : null;
    }

    /** "give --corpus FILE, the corpus to train it on", in the caller's names. */
    private static String giveAnother(TrainOptions options) {
        return "give " + options.names().given(Setting.CORPUS, "FILE") + ", the corpus to train it on";
    }
}
