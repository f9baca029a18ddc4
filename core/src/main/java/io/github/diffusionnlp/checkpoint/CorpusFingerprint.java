package io.github.diffusionnlp.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training corpus file's size and checksum as a checkpoint records them ({@link TrainingInfo#corpusBytes},
 * {@link TrainingInfo#corpusChecksum}), and its dev split's ({@link TrainingInfo#devBytes}, {@link
 * TrainingInfo#devChecksum}), so that a run resumed on the same path can tell that the file's contents changed since:
 * the path alone cannot.
 *
 * @param bytes the file's size
 * @param checksum its crc32c, as a checkpoint's file checksums are written ({@link CheckpointCommit#fingerprintOf})
 */
public record CorpusFingerprint(long bytes, String checksum) {
    /** The fingerprint of {@code corpus}, or null when it is no regular file (a pipe could not be read again). */
    public static CorpusFingerprint of(Path corpus) throws IOException {
        if (!Files.isRegularFile(corpus)) {
            return null;
        }
        return new CorpusFingerprint(Files.size(corpus), CheckpointCommit.fingerprintOf(corpus));
    }

    /** What {@code training} recorded of its corpus, or null when it recorded nothing (a config of before). */
    public static CorpusFingerprint recorded(TrainingInfo training) {
        return training == null || training.corpusBytes() == null || training.corpusChecksum() == null ? null
                : new CorpusFingerprint(training.corpusBytes(), training.corpusChecksum());
    }

    /** What {@code training} recorded of its dev split, or null when it recorded none (or is a config of before). */
    public static CorpusFingerprint recordedDev(TrainingInfo training) {
        return training == null || training.devBytes() == null || training.devChecksum() == null ? null
                : new CorpusFingerprint(training.devBytes(), training.devChecksum());
    }

    /**
     * That a dev split whose fingerprint this is has changed since a checkpoint recorded {@code then}: "has changed
     * since the checkpoint measured its dev loss on it (1,234 bytes, crc32c:..., where the checkpoint recorded ...)".
     */
    public String changedSinceMeasured(CorpusFingerprint then) {
        return "has changed since the checkpoint measured its dev loss on it (" + describe()
                + ", where the checkpoint recorded " + then.describe() + ")";
    }

    /**
     * That a corpus whose fingerprint this is has changed since a checkpoint recorded {@code then}: "has changed
     * since the checkpoint was trained on it (1,234 bytes, crc32c:..., where the checkpoint recorded ...)", the one
     * wording of a resumed run's note and of its refusal to train on such a file unasked.
     */
    public String changedSince(CorpusFingerprint then) {
        return "has changed since the checkpoint was trained on it (" + describe() + ", where the checkpoint recorded "
                + then.describe() + ")";
    }

    /** "1,234 bytes, crc32c:0a1b2c3d" */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%,d bytes, %s", bytes, checksum);
    }
}
