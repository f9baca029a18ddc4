package io.github.diffusionnlp.checkpoint;

import static io.github.diffusionnlp.checkpoint.ModelCheckpoint.CONFIG;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a checkpoint's files as one set. Each file is first written whole under a staged name
 * ({@code model.params.next}); the staged config ({@code config.json}, in the diffusion and the autoregressive
 * format alike) is written last and is the commit point; then each staged
 * file is renamed over its live name, the config last. A run killed before the commit point leaves the
 * previous set whole (its staged files are thrown away by {@link #recover}); one killed after it leaves
 * every file of the new set in place or staged, and {@link #recover} finishes the renames.
 * <p>
 * Writing each file atomically is not enough: a run killed between two of them left step 20's weights
 * beside step 10's config, warping and optimizer moments, and {@code train --resume} went on from that
 * mixture without a word. The config also records a checksum of each file ({@link #fingerprints}), so
 * that a mixture made another way (an older build killed mid-checkpoint, a file copied in) is refused
 * by name rather than loaded ({@link #verify}).
 */
public final class CheckpointCommit {
    public static final String STAGED = ".next";
    /** {@link CheckpointNotSaved}'s previous step when the directory held no checkpoint. */
    static final int NO_CHECKPOINT = Integer.MIN_VALUE;

    private final Path dir;
    private final int step;
    private final Map<String, String> fingerprints = new LinkedHashMap<>();

    /** A set to write into {@code dir}, the checkpoint of {@code step} (which a failure names; -1 if none). */
    public CheckpointCommit(Path dir, int step) throws IOException {
        this.dir = dir;
        this.step = step;
        Files.createDirectories(dir);
    }

    /**
     * Writes one file of the set under its staged name. A failure (a full disk) deletes what this save has
     * written so far, which would otherwise fill the disk until the next resume, and is a {@link CheckpointNotSaved}.
     */
    public void write(String name, CheckpointFiles.Writer writer) throws IOException {
        Path staged = staged(dir, name);
        try {
            CheckpointFiles.writeAtomically(staged, writer);
            fingerprints.put(name, fingerprintOf(staged));
        } catch (IOException e) {
            throw abandon(staged, e);
        }
    }

    /** Each file written so far and its checksum, for the config to record. */
    public Map<String, String> fingerprints() {
        return Map.copyOf(fingerprints);
    }

    /** Writes the config (the commit point), then puts every file of the set in place, the config last. */
    public void commit(Object header) throws IOException {
        try {
            // the staged files' names on disk before the config that commits to them
            CheckpointFiles.syncDirectory(dir);
            CheckpointFiles.writeJson(staged(dir, CONFIG), header);
        } catch (IOException e) {
            throw abandon(staged(dir, CONFIG), e);
        }
        // past the commit point: a failure now leaves the set staged, and recover() finishes it
        putInPlace(dir, fingerprints.keySet());
    }

    /**
     * Deletes the staged and temporary files this save wrote before {@code failed} (the previous set stays whole
     * beside them) and returns the failure naming the file, this step and the step of the checkpoint before it.
     * A run stopped by an interrupt gets its own exception back, which the trainer reports as a stop.
     */
    private IOException abandon(Path failed, IOException e) {
        List<Path> written = new ArrayList<>();
        for (String name : fingerprints.keySet()) {
            written.add(staged(dir, name));
        }
        written.add(failed);
        try { // writeAtomically deletes its own temporary file on failure: this is for one it could not
            written.addAll(CheckpointFiles.temporarySiblings(failed));
        } catch (IOException | RuntimeException unlisted) {
            e.addSuppressed(unlisted); // recover() deletes it at the next resume
        }
        for (Path file : written) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException notDeleted) {
                e.addSuppressed(notDeleted); // recover() deletes it at the next resume
            }
        }
        fingerprints.clear();
        if (e instanceof java.io.InterruptedIOException || e instanceof java.nio.channels.ClosedByInterruptException) {
            return e;
        }
        return new CheckpointNotSaved(failed, step, previousStep(), e);
    }

    /** The step of the checkpoint in place, {@link #NO_CHECKPOINT}, or -1 when its config cannot be read. */
    private int previousStep() {
        Path config = dir.resolve(CONFIG);
        if (!Files.exists(config)) {
            return NO_CHECKPOINT;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode at = CheckpointFiles.readTree(config,
                    CheckpointFiles.readConfig(config)).path("training").path("step");
            return at.isInt() ? at.intValue() : -1;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /**
     * Finishes or undoes a checkpoint whose run stopped while writing it: with the staged config present
     * its files are put in place; without, the staged files are deleted (the previous set is whole).
     * {@code names} are the file names a checkpoint holds, the config among them; nothing else is touched
     * but the temporary files their staged forms were written through.
     * Returns what was done, or null when there was nothing to do.
     */
    public static String recover(Path dir, Collection<String> names) throws IOException {
        List<String> staged = new ArrayList<>();
        for (String name : names) {
            // a file the stop cut off while it was written: as large as the whole one (a full disk is one
            // way a save stops), and never read; its name is random (CheckpointFiles.createTemporarySibling)
            for (Path cutOff : CheckpointFiles.temporarySiblings(staged(dir, name))) {
                Files.deleteIfExists(cutOff);
            }
            if (Files.isRegularFile(staged(dir, name))) {
                staged.add(name);
            }
        }
        if (staged.isEmpty()) {
            return null;
        }
        if (staged.contains(CONFIG)) {
            putInPlace(dir, staged);
            return "finished the checkpoint its run was writing when it stopped (" + String.join(", ", staged) + ")";
        }
        for (String name : staged) {
            Files.delete(staged(dir, name));
        }
        // a first checkpoint cut short has no checkpoint before it: "the one before is whole" promised one
        return "dropped the part of a checkpoint its run had written when it stopped (" + String.join(", ", staged)
                + "); " + (Files.isRegularFile(dir.resolve(CONFIG)) ? "the checkpoint before it is whole"
                        : "there was no checkpoint before it");
    }

    /**
     * Fails when a checkpoint's commit was cut short: some of its files may be in place and others not yet,
     * so no reader may take the directory as it is ({@link #recover}, which resuming runs, finishes it).
     */
    public static void requireFinished(Path dir, String trainCommand) throws InvalidModelException {
        if (Files.isRegularFile(staged(dir, CONFIG))) {
            throw new InvalidModelException(dir, "holds a checkpoint that was being written when its run stopped ("
                    + CONFIG + STAGED + "): `" + trainCommand + " --resume --out " + ShellQuoted.of(Visible.of(dir))
                    + "` (with the run's other options) finishes it; if that run is still training, try again in a"
                    + " moment");
        }
    }

    /**
     * Fails naming {@code file} when it is not the file its config recorded ({@code fingerprints}, the config's
     * checksums; {@code training}, its record): a checkpoint that mixes two saves. {@code crc32c} is the
     * {@link #checksum} of the bytes the load read and decoded ({@link CheckpointReading}): a checksum of the file
     * opened again could be of another save's file, written meanwhile.
     */
    static void verifyModelFile(Path file, HashCode crc32c, Map<String, String> fingerprints, TrainingInfo training)
            throws InvalidModelException {
        verify(file, crc32c, fingerprints, training, "Restore the directory from a copy, or train again");
    }

    /**
     * As {@link #verifyModelFile} for a model's optional {@code tag-lexicon.tsv}: a config that records no checksum
     * for it (a model saved before they were recorded) passes.
     */
    static void verifyTagLexicon(Path file, HashCode crc32c, Map<String, String> fingerprints, TrainingInfo training)
            throws InvalidModelException {
        String expected = fingerprints == null ? null : fingerprints.get(file.getFileName().toString());
        requireWellFormed(file, expected, crc32c, "Write " + file.getFileName() + " again with the tag-lexicon command,"
                + " which records its checksum again");
        if (expected != null && !expected.equals(fingerprint(crc32c))) {
            throw new InvalidModelException(file, "is not the file its config.json recorded"
                    + atStep(training) + ": it was changed or damaged since it was written,"
                    + " or copied in from another model. Write it again with the tag-lexicon command, or restore it"
                    + " from a copy of the model");
        }
    }

    /** As {@link #verifyModelFile} for the optimizer state a resumed run would read. */
    static void verifyOptimizerState(Path file, HashCode crc32c, Map<String, String> fingerprints,
            TrainingInfo training) throws InvalidModelException {
        verify(file, crc32c, fingerprints, training, "Delete it to resume with fresh optimizer moments from the saved"
                + " weights");
    }

    /**
     * Fails naming {@code file} and {@code remedy} when the config recorded another checksum for it, or none
     * for a file that is there; configs written before checksums were recorded ({@code fingerprints} null)
     * pass.
     */
    private static void verify(Path file, HashCode crc32c, Map<String, String> fingerprints, TrainingInfo training,
            String remedy) throws InvalidModelException {
        if (fingerprints == null) {
            return;
        }
        String expected = fingerprints.get(file.getFileName().toString());
        requireWellFormed(file, expected, crc32c, remedy);
        if (expected == null) { // the config lost the entry (edited or damaged), or the file is not of this save
            throw new InvalidModelException(file.resolveSibling(CONFIG), "records no checksum for " + file.getFileName()
                    + atStep(training) + ", though it records the other files' checksums: the config was edited or"
                    + " damaged, or " + file.getFileName() + " was copied in from another model or save. " + remedy
                    + " (for " + file.getFileName() + ")");
        }
        if (!expected.equals(fingerprint(crc32c))) { // a single flipped byte is far likelier than two saves mixed
            throw new InvalidModelException(file, "is not the file its config.json was saved with"
                    + atStep(training) + ": it was changed or damaged since, or the checkpoint mixes files of two saves"
                    + " (a run stopped while writing one with a build before checkpoints were written as a set, or a"
                    + " file was copied in). " + remedy);
        }
    }

    /**
     * Fails naming config.json when the checksum it records for {@code file} is not one: edited, not a mix of two
     * saves.
     */
    private static void requireWellFormed(Path file, String expected, HashCode crc32c, String remedy)
            throws InvalidModelException {
        if (expected != null && !WELL_FORMED.matcher(expected).matches()) {
            throw new InvalidModelException(file.resolveSibling(CONFIG), "records the checksum of "
                    + file.getFileName() + " as '" + quoted(expected) + "', which is malformed: a checksum is crc32c:"
                    + " and 8 hexadecimal digits, as " + fingerprint(crc32c) + " (the config was edited or damaged). "
                    + remedy);
        }
    }

    /** The most characters of a malformed checksum a message quotes. */
    private static final int QUOTED_CHECKSUM = 40;

    /**
     * A malformed checksum as a message quotes it: visibly ({@link Visible}: an ESC sequence in it ran in the
     * terminal), and cut short when long (one of 100,000 characters was quoted whole).
     */
    private static String quoted(String checksum) {
        return checksum.length() <= QUOTED_CHECKSUM ? Visible.of(checksum)
                : Visible.of(checksum.substring(0, QUOTED_CHECKSUM)) + String.format(java.util.Locale.ROOT,
                        "... (%,d characters)", checksum.length());
    }

    private static void putInPlace(Path dir, Collection<String> names) throws IOException {
        for (String name : names) {
            if (!name.equals(CONFIG)) {
                moveIfStaged(dir, name);
            }
        }
        moveIfStaged(dir, CONFIG);
        CheckpointFiles.syncDirectory(dir); // the renames on disk: a power loss now leaves this set, not the last
    }

    /** A staged file already moved by an earlier, interrupted commit is in place: nothing to do. */
    private static void moveIfStaged(Path dir, String name) throws IOException {
        Path staged = staged(dir, name);
        if (Files.exists(staged)) {
            Files.move(staged, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Path staged(Path dir, String name) {
        return dir.resolve(name + STAGED);
    }

    /** The checksum of a file's {@code bytes} that a config records ({@link #fingerprints}). */
    static HashCode checksum(byte[] bytes) {
        return Hashing.crc32c().hashBytes(bytes);
    }

    /** The checksum of {@code file} as a config records it. */
    static String fingerprintOf(Path file) throws IOException {
        return fingerprint(MoreFiles.asByteSource(file).hash(Hashing.crc32c()));
    }

    /** " (step N)" of a config's training record; nothing for a config without one (not "step -1"). */
    private static String atStep(TrainingInfo training) {
        return training == null ? "" : " (step " + training.step() + ")";
    }

    /** What {@link #fingerprint} writes. */
    private static final java.util.regex.Pattern WELL_FORMED = java.util.regex.Pattern.compile("crc32c:[0-9a-f]{8}");

    private static String fingerprint(HashCode crc32c) {
        return "crc32c:" + crc32c;
    }
}
