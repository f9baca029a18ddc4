package io.github.diffusionnlp.checkpoint;

import io.github.diffusionnlp.corpus.Visible;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a model's directory holds beyond its checkpoint, and the checks that change nothing made before a
 * model is written into a directory: by training ({@code train.OutputDirectory}) and by {@link ModelGrowth},
 * which the library calls too, so they live here rather than beside the trainer.
 */
public final class ModelDirectory {
    /**
     * The file every command that writes into a model directory holds a lock on while it writes there
     * ({@link #lock}): training, growing into it, its tag lexicon, recorded metrics.
     */
    public static final String TRAINING_LOCK = "training.lock";
    public static final String TRAINING_LOG = "training-log.csv";
    public static final String LOSS_PLOT = "loss.png";
    public static final String WARP_PLOT = "warp.png";
    /** Everything a training run writes into its directory (each also as a {@code .tmp} or staged sibling). */
    private static final Set<String> WRITTEN = Set.of(TRAINING_LOCK, ModelCheckpoint.CONFIG, ModelCheckpoint.VOCAB,
            ModelCheckpoint.PARAMS, ModelCheckpoint.WARP, ModelCheckpoint.OPTIMIZER, ModelCheckpoint.TAG_LEXICON,
            TRAINING_LOG, LOSS_PLOT, WARP_PLOT);

    private ModelDirectory() {}

    /**
     * Refuses, with nothing changed, a directory that a caller is about to write a new model into: one that
     * holds a model, files a training run does not write, or a running training's lock.
     *
     * @param option how the caller's user names the directory, for the message ({@code "grow --out"})
     */
    public static void requireForNewModel(Path out, String option) throws IOException {
        refuseUnusable(out, false, List.of(), option, "give " + option + " a new or empty directory");
        refuseLocked(out);
    }

    /**
     * A directory training must not write into: a file, a model without {@code resume} ({@code onModel} says
     * what to do instead), or, when it holds no model, files no training run writes ({@code inputs}, the
     * run's own corpus and dev split that the OpenNLP trainer keeps beside the model, excepted).
     */
    public static void refuseUnusable(Path out, boolean resume, List<Path> inputs, String option, String onModel)
            throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("the output " + Visible.of(out) + " is a file; training writes a directory (" + option
                    + ")");
        }
        boolean hasModel = Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG))
                || Files.isRegularFile(out.resolve(ModelCheckpoint.CONFIG + CheckpointCommit.STAGED));
        if (hasModel && !resume) {
            throw new IOException(Visible.of(out) + " already holds a model; " + onModel + " (nothing was changed)");
        }
        if (!hasModel) {
            List<String> foreign = foreignFiles(out, inputs);
            if (!foreign.isEmpty()) {
                throw new IOException(Visible.of(out) + " holds files that are not a model's ("
                        + String.join(", ", foreign.stream().map(Visible::of).toList())
                        + (foreign.size() == 3 ? ", ..." : "") + "), which training could overwrite; give a new or"
                        + " empty output directory (" + option + "; nothing was changed)");
            }
        }
    }

    /** Fails when a run holds the lock of {@code out}; takes no lock and makes no lock file. */
    public static void refuseLocked(Path out) throws IOException {
        refuseLocked(out, "give another output directory");
    }

    /**
     * {@link #refuseLocked(Path)}, saying {@code otherwise} (what else the user can do than wait, or null) in
     * the message.
     */
    public static void refuseLocked(Path out, String otherwise) throws IOException {
        Path lock = out.resolve(TRAINING_LOCK);
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
        throw lockedBy(out, otherwise);
    }

    /**
     * What a caller is told when another command holds the lock of {@code out}: which command, when the
     * holder said so in the lock file ({@link #lock}; an empty one is a run of a build before holders
     * said, or one that has just taken it), and what to do.
     *
     * @param otherwise what else the caller's user can do than wait ({@code "give another output
     *     directory"}), or null
     */
    public static IOException lockedBy(Path out, String otherwise) {
        Path lock = out.resolve(TRAINING_LOCK);
        String holder = holder(lock);
        String who = holder == null
                ? "another training run is writing into " + Visible.of(out) + " (it holds " + Visible.of(lock) + ")"
                : "another command is writing into " + Visible.of(out) + " (" + Visible.of(holder) + ", holds "
                        + Visible.of(lock) + ")";
        return new IOException(who + "; wait for it to end or stop it" + (otherwise == null ? "" : ", or " + otherwise)
                + " (nothing was changed)");
    }

    /** The holder a lock file names, or null when it names none that can be read. */
    private static String holder(Path lock) {
        try {
            String text = Files.readString(lock, StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.length() > 200 || text.contains("\n") ? null : text;
        } catch (IOException e) {
            return null; // gone, unreadable, not UTF-8, or locked against reading (Windows): say no name
        }
    }

    /**
     * The lock of a model directory, held by one command while it writes there; {@link #close} lets go of
     * it (the operating system does when the process dies).
     */
    public static final class Lock implements Closeable {
        private final FileChannel channel;

        private Lock(FileChannel channel) {
            this.channel = channel;
        }

        /** Clears the holder's name (a lock held later without one must not be said to be this one's) and lets go. */
        @Override
        public void close() throws IOException {
            try (channel) {
                channel.truncate(0);
            }
        }
    }

    /**
     * Takes the lock of the existing directory {@code dir} for {@code holder}, or fails ({@link
     * #lockedBy(Path, String)}) when another command holds it, in this process or another. Every command that
     * writes files there that another writer writes or reads back (training's checkpoint, config and log,
     * growing, the tag lexicon, recorded metrics) takes it, so that none interleaves with a {@code train
     * --resume} or with each other.
     *
     * @param holder the command, as its user would name it ({@code "grow --out"}), written into the lock file
     *     with the process id for the message another command gets
     * @param otherwise what else a refused user can do than wait, or null
     */
    public static Lock lock(Path dir, String holder, String otherwise) throws IOException {
        FileChannel channel = openLockFile(dir.resolve(TRAINING_LOCK));
        try {
            if (channel.tryLock() != null) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((holder + ", process " + ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                return new Lock(channel);
            }
        } catch (OverlappingFileLockException e) {
            // held by another command in this process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        throw lockedBy(dir, otherwise);
    }

    /**
     * Opens (creating it) the lock file {@code file} for writing, refusing a symbolic link by name: opened through
     * one, the lock's holder line was written over the link's target (any file the user may write, emptied).
     */
    private static FileChannel openLockFile(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new IOException(Visible.of(file) + " is a symbolic link, not the lock file a command writes into"
                        + " a model directory (opened, the link's target would be written over): delete it, and look at"
                        + " who made it", e);
            }
            throw e;
        }
    }

    /**
     * Deletes the temporary files that writes into model directory {@code dir} cut short left
     * ({@link CheckpointFiles#temporarySiblings}: their names are random, so the next write does not replace them).
     * The caller holds the directory's {@link #lock}, so none is a live write's. Returns how many were deleted.
     */
    public static int deleteTemporaryFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> left;
        try (Stream<Path> entries = Files.list(dir)) { // one listing, not one per name a run writes
            left = entries.filter(p -> isTemporaryOfWritten(p.getFileName().toString())).toList();
        }
        int deleted = 0;
        for (Path tmp : left) {
            deleted += Files.deleteIfExists(tmp) ? 1 : 0;
        }
        return deleted;
    }

    /**
     * Whether {@code entry} is a temporary sibling ({@link CheckpointFiles#temporarySiblings}) of a file a run writes.
     */
    private static boolean isTemporaryOfWritten(String entry) {
        String base = CheckpointFiles.withoutTemporarySuffix(entry);
        if (base.equals(entry)) { // the NAME.tmp of builds before random names
            if (!entry.endsWith(".tmp")) {
                return false;
            }
            base = entry.substring(0, entry.length() - ".tmp".length());
        }
        String written = base.endsWith(CheckpointCommit.STAGED)
                ? base.substring(0, base.length() - CheckpointCommit.STAGED.length()) : base;
        return WRITTEN.contains(written);
    }

    /**
     * Up to three entries of {@code dir} that no training run writes, {@code inputs} excepted; none when it
     * does not exist.
     */
    private static List<String> foreignFiles(Path dir, List<Path> inputs) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !isOneOf(p, inputs)).map(p -> p.getFileName().toString())
                    .filter(name -> !isWrittenName(name)).sorted().limit(3).toList();
        }
    }

    /** Whether a file of this name in a model directory is one a training run writes, or a temporary one of it. */
    private static boolean isWrittenName(String name) {
        return WRITTEN.contains(CheckpointFiles.withoutTemporarySuffix(name)
                .replaceFirst("(\\.tmp|" + CheckpointCommit.STAGED + ")+$", ""));
    }

    /**
     * Whether {@code file} is one of the files a training run writes into {@code out} (its checkpoint, log, plots,
     * lock, or a temporary or staged sibling of one): a run that read it as its corpus or dev split would change
     * what it reads (a new run wrote a corpus named vocab.txt over; a resume appended to a dev split that was its
     * training-log.csv). A file of any other name in {@code out} is the user's, as {@link #refuseUnusable}'s
     * {@code inputs} are.
     */
    public static boolean isWrittenByTraining(Path out, Path file) throws IOException {
        Path parent = file.toAbsolutePath().normalize().getParent();
        Path dir = out.toAbsolutePath().normalize();
        boolean inOut = parent != null && (parent.equals(dir)
                || Files.isDirectory(parent) && Files.isDirectory(dir) && Files.isSameFile(parent, dir));
        return inOut && file.getFileName() != null && isWrittenName(file.getFileName().toString());
    }

    private static boolean isOneOf(Path file, List<Path> inputs) {
        for (Path input : inputs) {
            try {
                if (Files.exists(input) && Files.isSameFile(file, input)) {
                    return true;
                }
            } catch (IOException e) {
                return false; // unreadable: not the corpus the run reads
            }
        }
        return false;
    }
}
