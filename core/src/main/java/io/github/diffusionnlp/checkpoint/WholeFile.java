package io.github.diffusionnlp.checkpoint;

import com.google.common.io.ByteSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A model file read whole, in one opening, so that the bytes {@link DjlArrayFileCheck} walks are the bytes DJL
 * then decodes: walking the file and decoding it through two openings let a file replaced between them (a
 * training run finishing a checkpoint, a copy in progress) be decoded unwalked, and DJL allocates what a file
 * declares before it can fail.
 *
 * <p>A file larger than {@link Limit} is refused before it is read, so that a stray 2 GB file is not read into
 * memory; while it is read, at most one byte more than the limit is, in case it grew since its size was taken.
 * What a load holds at its peak is the file's bytes and the arrays DJL decodes from them.
 */
public final class WholeFile {
    /** The largest Java array: no file larger can be read whole (so no larger model loads: {@code ModelGrowth}). */
    static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * The most a file may hold, what fits in that many bytes ("the weights config.json describes") and what to
     * do about a larger one, for the error.
     */
    public record Limit(long bytes, String holding, String remedy) {}

    private WholeFile() {}

    /** The bytes of {@code source}, read once, which {@code file} names in errors; refused when over {@code limit}. */
    static byte[] read(Path file, ByteSource source, Limit limit) throws InvalidModelException {
        long most = Math.min(limit.bytes(), LARGEST_ARRAY);
        try {
            Optional<Long> size = source.sizeIfKnown().toJavaUtil();
            if (size.isPresent() && size.get() > most) {
                throw tooLarge(file, String.format(Locale.ROOT, "%,d", size.get()), limit);
            }
            byte[] bytes = source.slice(0, most + 1).read();
            if (bytes.length > most) { // it grew after its size was taken
                throw tooLarge(file, String.format(Locale.ROOT, "more than %,d", most), limit);
            }
            return bytes;
        } catch (InvalidModelException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidModelException(file, "cannot be read (" + CheckpointFiles.firstLine(e) + ")", e);
        }
    }

    /** {@code size}: how many bytes the file holds ("12,345" or, when it grew while read, "more than 12,344"). */
    private static InvalidModelException tooLarge(Path file, String size, Limit limit) {
        if (limit.bytes() > LARGEST_ARRAY) { // a network this large: its files are not read whole
            return new InvalidModelException(file, String.format(Locale.ROOT, "holds %s bytes, more than the %,d bytes"
                    + " a model file read whole can hold: models this large cannot be loaded", size, LARGEST_ARRAY));
        }
        return new InvalidModelException(file, String.format(Locale.ROOT, "holds %s bytes, more than the %,d bytes %s"
                + " takes with its headers: it is damaged or another model's file (%s)", size, limit.bytes(),
                limit.holding(), limit.remedy()));
    }
}
