package io.github.diffusionnlp.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
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
    /** The file a training run holds a lock on while it trains into the directory. */
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
    public static void refuseLocked(Path out) throws IOException {
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
        throw lockedBy(out);
    }

    /** What a caller is told when a training run holds the lock of {@code out}. */
    public static IOException lockedBy(Path out) {
        return new IOException("another training run is writing into " + out + " (it holds "
                + out.resolve(TRAINING_LOCK) + "); wait for it to end or stop it, or give another output directory"
                + " (nothing was changed)");
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
                    .filter(name -> !WRITTEN.contains(name.replaceFirst("(\\.tmp|" + CheckpointCommit.STAGED + ")+$", "")))
                    .sorted().limit(3).toList();
        }
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
