package io.github.diffusionnlp.train;

import io.github.diffusionnlp.checkpoint.CheckpointCommit;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks a training run makes on its {@code --out} before it reads the corpus or builds anything, so
 * that a directory it must not or cannot write fails at once, with nothing of it changed.
 */
public final class OutputDirectory {
    private static final String TRAIN_OUT = "train --out";
    /** The file a run holds a lock on while it trains into the directory. */
    static final String LOCK = "training.lock";
    /** Everything a training run writes into its directory (each also as a {@code .tmp} or staged sibling). */
    private static final Set<String> WRITTEN = Set.of(LOCK, ModelCheckpoint.CONFIG, ModelCheckpoint.VOCAB,
            ModelCheckpoint.PARAMS, ModelCheckpoint.WARP, ModelCheckpoint.OPTIMIZER, ModelCheckpoint.TAG_LEXICON,
            TrainingLog.CSV, TrainingLog.LOSS_PLOT, TrainingCharts.WARP_PLOT);

    private OutputDirectory() {}

    /**
     * The output directory, held for one run: whether the run resumes a checkpoint there, and the lock that
     * keeps a second run out of it until this one ends (the operating system drops it if the process dies).
     */
    record Claim(boolean resuming, FileChannel lock, Path out, Path created) implements Closeable {
        /**
         * Lets go of the lock; directories this claim created ({@code created}, the outermost, down to
         * {@code out}) that the run then wrote nothing into (it failed first, e.g. on an empty corpus) go
         * again, so that a failed run leaves nothing behind.
         */
        @Override
        public void close() throws IOException {
            lock.close();
            if (created == null) {
                return;
            }
            try (Stream<Path> entries = Files.list(out)) {
                if (!entries.allMatch(p -> p.getFileName().toString().equals(LOCK))) {
                    return;
                }
            }
            Files.deleteIfExists(out.resolve(LOCK));
            for (Path dir = out; dir != null && dir.startsWith(created); dir = dir.getParent()) {
                Files.delete(dir);
            }
        }
    }

    /**
     * Claims the output directory for a run. A directory that holds a model is never trained over from
     * scratch: that would replace the model and lose its log, so it takes {@code resume}. One that holds
     * files a run did not write is not trained into at all (its files could be overwritten or appended to).
     * One that another run is training into is refused: two runs would write each other's checkpoints. A
     * checkpoint that a stopped run was writing is finished or dropped ({@link CheckpointCommit}), under the
     * lock, so never one that a live run is writing. Nothing is changed before these checks pass.
     */
    static Claim claim(TrainOptions options, PrintStream log) throws IOException {
        Path out = options.output();
        refuseUnusable(out, options.resume(), options, TRAIN_OUT, "give --resume to go on training it, or another"
                + " output directory");
        Path created = null; // the outermost directory that the run makes
        for (Path dir = out.toAbsolutePath(); dir != null && !Files.exists(dir); dir = dir.getParent()) {
            created = dir;
        }
        requireWritable(out);
        FileChannel lock = lock(out);
        try {
            String recovered = CheckpointCommit.recover(out, ModelCheckpoint.CONFIG, ModelCheckpoint.SET);
            if (recovered != null) {
                log.println(out + ": " + recovered);
            }
            boolean hasModel = Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG));
            if (!hasModel && options.resume()) {
                log.println("note: " + out + " holds no checkpoint yet, so --resume starts a new model");
            }
            return new Claim(hasModel, lock, out.toAbsolutePath(), created);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Refuses, with nothing changed, a directory that a caller is about to write a new model into ({@code grow
     * --out}): one that holds a model, files a training run does not write, or a running training's lock.
     *
     * @param option how the caller's user names the directory, for the message ({@code "grow --out"})
     */
    public static void requireForNewModel(Path out, String option) throws IOException {
        refuseUnusable(out, false, null, option, "give " + option + " a new or empty directory");
        refuseLocked(out);
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
        TrainOptions inputs = Files.isRegularFile(options.output().resolve(LOCK)) ? options : null;
        refuseUnusable(options.output(), options.resume(), inputs, option, "give another output directory");
        refuseLocked(options.output());
    }

    /**
     * A directory training must not write into: a file, a model without {@code resume} ({@code onModel}
     * says what to do instead), or, when it holds no model, files no training run writes ({@code inputs}'
     * corpus and dev split excepted, when given).
     */
    private static void refuseUnusable(Path out, boolean resume, TrainOptions inputs, String option, String onModel)
            throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("the output " + out + " is a file; training writes a directory (" + option + ")");
        }
        boolean hasModel = Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG))
                || Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG + CheckpointCommit.STAGED));
        if (hasModel && !resume) {
            throw new IOException(out + " already holds a model; " + onModel + " (nothing was changed)");
        }
        if (!hasModel) {
            List<String> foreign = foreignFiles(out, inputs);
            if (!foreign.isEmpty()) {
                throw new IOException(out + " holds files that are not a model's (" + String.join(", ", foreign)
                        + (foreign.size() == 3 ? ", ..." : "") + "), which training could overwrite; give a new or"
                        + " empty output directory (" + option + "; nothing was changed)");
            }
        }
    }

    /** Fails when a run holds the lock of {@code out}; takes no lock and makes no lock file. */
    private static void refuseLocked(Path out) throws IOException {
        Path lock = out.resolve(LOCK);
        if (!Files.isRegularFile(lock) || !Files.isWritable(lock)) {
            return; // no run has trained here, or the run's own claim will say it cannot write here
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return;
            }
        } catch (OverlappingFileLockException e) {
            // held by a run in this process
        }
        throw lockedBy(out);
    }

    private static IOException lockedBy(Path out) {
        return new IOException("another training run is writing into " + out + " (it holds " + out.resolve(LOCK)
                + "); wait for it to end or stop it, or give another output directory (nothing was changed)");
    }

    /** Locks {@link #LOCK} in {@code out}, or fails saying that another run holds it. */
    private static FileChannel lock(Path out) throws IOException {
        FileChannel channel = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by another run in this process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        throw lockedBy(out);
    }

    /**
     * Up to three entries of {@code dir} that no training run writes, the run's own corpus and dev split
     * excepted (the OpenNLP trainer keeps its corpus beside the model) when {@code options} are given; none
     * when it does not exist.
     */
    private static List<String> foreignFiles(Path dir, TrainOptions options) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !isInput(p, options)).map(p -> p.getFileName().toString())
                    .filter(name -> !WRITTEN.contains(name.replaceFirst("(\\.tmp|" + CheckpointCommit.STAGED + ")+$", "")))
                    .sorted().limit(3).toList();
        }
    }

    private static boolean isInput(Path file, TrainOptions options) {
        if (options == null) {
            return false;
        }
        for (Path input : new Path[] {options.corpus(), options.dev()}) {
            try {
                if (input != null && Files.exists(input) && Files.isSameFile(file, input)) {
                    return true;
                }
            } catch (IOException e) {
                return false; // unreadable: not the corpus the run reads
            }
        }
        return false;
    }

    /** Hours of training must not end at the first checkpoint on a directory that cannot be written. */
    private static void requireWritable(Path out) throws IOException {
        try {
            Files.createDirectories(out);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the output directory " + out + ": permission denied on "
                    + e.getFile() + "; give --out a directory you can write", e);
        }
        if (!Files.isWritable(out)) {
            throw new IOException("cannot write into the output directory " + out + ": permission denied; give --out"
                    + " a directory you can write");
        }
    }
}
