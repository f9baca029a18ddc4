package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CheckpointCommit;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.ModelDirectory;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.train.TrainOptions.Setting;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The checks a training run makes on its {@code --out} before it reads the corpus or builds anything, so
 * that a directory it must not or cannot write fails at once, with nothing of it changed.
 */
public final class OutputDirectory {
    /** The file a run holds a lock on while it trains into the directory. */
    static final String LOCK = ModelDirectory.TRAINING_LOCK;

    private OutputDirectory() {}

    /**
     * The output directory, held for one run: whether the run resumes a checkpoint there, and the lock that
     * keeps a second run out of it until this one ends (the operating system drops it if the process dies).
     */
    record Claim(boolean resuming, ModelDirectory.Lock lock, Path out, Path created, boolean lockMade)
            implements Closeable {
        /**
         * Lets go of the lock; when the run then wrote nothing (it failed first, e.g. on an empty corpus, or was
         * stopped during its start-up), the lock file this claim made ({@code lockMade}) and the directories it
         * created ({@code created}, the outermost, down to {@code out}) go again, so that such a run leaves the
         * directory as it was.
         */
        @Override
        public void close() throws IOException {
            lock.close();
            if (created == null && !lockMade) {
                return;
            }
            try (Stream<Path> entries = Files.list(out)) {
                if (!entries.allMatch(p -> p.getFileName().toString().equals(LOCK))) {
                    return;
                }
            }
            Files.deleteIfExists(out.resolve(LOCK));
            if (created == null) {
                return;
            }
            for (Path dir = out; dir != null && dir.startsWith(created); dir = dir.getParent()) {
                Files.delete(dir);
            }
        }
    }

    /**
     * The training record of the checkpoint in {@code options}' output that a run resumes, {@code recorded} (read from
     * its config.json, of either format): refused, naming that file and what to do, when there is none (a config
     * written by hand or by another tool), as there is then no step, settings or corpus to go on from; both trainers
     * ended in a NullPointerException after reading the corpus.
     */
    static TrainingInfo resumedRecord(TrainingInfo recorded, TrainOptions options) throws InvalidModelException {
        if (recorded == null) {
            throw new InvalidModelException(options.output().resolve(ModelCheckpoint.CONFIG), "has no \"training\""
                    + " record (the step, settings and corpus a resumed run goes on from), so no run can resume from"
                    + " it; give " + options.names().name(Setting.OUTPUT) + " another directory to train a new model");
        }
        return recorded;
    }

    /**
     * Whether a resumed run has nothing to do, its checkpoint ({@code recorded}: its record) having trained all of
     * {@code options}' steps already; said as the end of a run says it. Decided from the record alone, before the
     * corpus and dev split are read: that took minutes on a large corpus, and a finished model whose recorded corpus
     * had moved away since was refused for it.
     */
    static boolean nothingToDo(TrainOptions options, TrainingInfo recorded, PrintStream log) throws IOException {
        TrainOptions resumed = options.resumedFrom(recorded);
        if (recorded.step() < resumed.steps()) {
            return false;
        }
        TrainingLog.continuing(resumed, log, recorded).sayNothingToDo(recorded.step());
        return true;
    }

    /**
     * Claims the output directory for a run. A directory that holds a model is never trained over from
     * scratch: that would replace the model and lose its log, so it takes {@code resume}. One that holds
     * files a run did not write is not trained into at all (its files could be overwritten or appended to).
     * One that another run is training into is refused: two runs would write each other's checkpoints. A
     * checkpoint that a stopped run was writing is finished or dropped ({@link CheckpointCommit}), under the
     * lock, so never one that a live run is writing. Nothing is changed before these checks pass.
     *
     * @param command the training command ({@code "train"}), named in the lock for a refused command's message
     */
    static Claim claim(TrainOptions options, PrintStream log, String command) throws IOException {
        Path out = options.output();
        SettingNames names = options.names();
        // a directory another run is writing into is refused as such first: telling its user to resume it, and then
        // that it is busy, sent them round twice
        ModelDirectory.refuseLocked(out, "give another output directory");
        ModelDirectory.refuseUnusable(out, options.resume(), inputs(options), names.refused(Setting.OUTPUT),
                "give " + names.name(Setting.RESUME) + " to go on training it, or another output directory");
        refuseOwnFile(options, options.corpus(), Setting.CORPUS);
        refuseOwnFile(options, options.dev(), Setting.DEV);
        RecordedCorpus.requireCheckpoint(options); // a resume without a corpus needs one there
        Path created = null; // the outermost directory that the run makes
        for (Path dir = out.toAbsolutePath(); dir != null && !Files.exists(dir); dir = dir.getParent()) {
            created = dir;
        }
        requireWritable(out, names.name(Setting.OUTPUT));
        boolean lockMade = !Files.exists(out.resolve(LOCK), LinkOption.NOFOLLOW_LINKS);
        ModelDirectory.Lock lock = ModelDirectory.lock(out, command + " --out", "give another output directory");
        try {
            String recovered = CheckpointCommit.recover(out, ModelCheckpoint.SET);
            if (recovered != null) {
                log.println(Visible.of(out) + ": " + recovered);
            }
            ModelDirectory.deleteTemporaryFiles(out); // a log or lexicon write a stop cut short
            boolean hasModel = Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG));
            if (!hasModel && options.resume()) {
                // not "--resume": the OpenNLP adapter resumes a CheckpointDir unasked, and has no such option
                log.println("note: " + Visible.of(out)
                        + " holds no checkpoint to resume from yet, so a new model starts there");
            }
            return new Claim(hasModel, lock, out.toAbsolutePath(), created, lockMade);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The checks of a run's {@code claim} that change nothing, for a caller that writes into the output
     * directory before the run starts (the OpenNLP adapter writes the run's corpus there): a file there of
     * the name the caller writes counts as the user's unless the directory holds a model, for it would be
     * overwritten, unless a run has trained there ({@link #LOCK} is there): then it is that run's, one killed
     * before its first checkpoint, and the next run goes on. The run's own claim checks again.
     *
     * @param option how the caller's user names the directory, for the message ({@code "CheckpointDir"})
     */
    public static void requireTrainable(TrainOptions options, String option) throws IOException {
        ModelDirectory.refuseLocked(options.output(), "give another " + option); // busy first, as claim says it
        List<Path> inputs = Files.isRegularFile(options.output().resolve(LOCK)) ? inputs(options) : List.of();
        ModelDirectory.refuseUnusable(options.output(), options.resume(), inputs, option,
                "give another output directory");
    }

    /**
     * Refuses a corpus or dev split ({@code setting}) given as one of the files the run writes into its output
     * directory ({@link ModelDirectory#isWrittenByTraining}): it would change it (a corpus named vocab.txt written
     * over, a dev split that was its training-log.csv appended to, and every plain resume after refused as changed).
     * A recorded one is no such file: the run that recorded it was refused so, and one a run of before this check
     * recorded is refused by name on resuming ({@link RecordedCorpus}).
     */
    private static void refuseOwnFile(TrainOptions options, Path file, Setting setting) throws IOException {
        if (file != null && ModelDirectory.isWrittenByTraining(options.output(), file)) {
            SettingNames names = options.names();
            throw new IOException(Visible.of(file) + " (" + names.name(setting) + ") is one of the files training"
                    + " writes into " + Visible.of(options.output()) + ", which the run would change; give "
                    + names.name(setting) + " " + RecordedCorpus.NOT_OWN_OUTPUT);
        }
    }

    /** The run's own corpus and dev split, which the OpenNLP trainer keeps in its output directory. */
    private static List<Path> inputs(TrainOptions options) {
        return Stream.of(options.corpus(), options.dev()).filter(Objects::nonNull).toList();
    }

    /** Hours of training must not end at the first checkpoint on a directory that cannot be written. */
    private static void requireWritable(Path out, String outName) throws IOException {
        try {
            Files.createDirectories(out);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the output directory " + Visible.of(out) + ": permission denied on "
                    + Visible.of(String.valueOf(e.getFile())) + "; give " + outName + " a directory you can write",
                    e);
        }
        if (!Files.isWritable(out)) {
            throw new IOException("cannot write into the output directory " + Visible.of(out)
                    + ": permission denied; give " + outName + " a directory you can write");
        }
    }
}
