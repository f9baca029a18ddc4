package io.github.diffusionnlp.checkpoint;

import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.ReadingRules;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Internal (the readers of a model's corpus as the data it was trained on; no compatibility promise), though public
 * for them. Whether a model's corpus, unchanged, reads as other sentences now than it did for the run that trained
 * the model ({@link ReadingRules}; a record of before 2026-12-07 records none): its size and checksum cannot tell.
 * One predicate ({@link #changed}) for {@code train --resume} ({@code RecordedCorpus.requireSameReading}), {@code
 * tag-lexicon}, {@code row-lengths}, {@code evaluate}'s default trigram baseline and n-gram fusion's default corpus;
 * one refusal ({@link #require}) for all but the resume, whose remedies are its own.
 */
public final class ReadAsTrained {
    private ReadAsTrained() {}

    /**
     * What in {@code file}, read as {@code read} (the layout the reading took), its fingerprint {@code now}, reads
     * otherwise now than by the rules {@code recorded}'s run read its corpus by, when {@code file} is that corpus
     * unchanged (its size and checksum as recorded, or none recorded) and that run read by older rules than these;
     * else null. Whether {@code file} is the model's corpus at all is the caller's to know.
     */
    public static ReadingRules.Changed changed(TrainingInfo recorded, Path file, CorpusLayout read,
            CorpusFingerprint now) throws IOException {
        return changed(recorded, CorpusFingerprint.recorded(recorded), file, read, now);
    }

    /**
     * What in {@code file} reads otherwise now ({@link #changed(TrainingInfo, Path, CorpusLayout,
     * CorpusFingerprint)}), when it is the file {@code recorded}'s run read, unchanged: its fingerprint {@code now}
     * as {@code then}, what the record holds of that file (its corpus's, or its dev split's), or {@code then} null
     * (none recorded); else null.
     */
    public static ReadingRules.Changed changed(TrainingInfo recorded, CorpusFingerprint then, Path file,
            CorpusLayout read, CorpusFingerprint now) throws IOException {
        if (readByCurrentRules(recorded)) {
            return null;
        }
        if (then != null && !then.equals(now)) {
            return null; // changed: what it held when trained on is not there to read
        }
        return ReadingRules.changedSinceFirst(file, read);
    }

    /** Whether {@code recorded}'s run read its corpus by the rules this build reads by: nothing reads otherwise. */
    private static boolean readByCurrentRules(TrainingInfo recorded) {
        return recorded.readingRules() != null && recorded.readingRules() >= ReadingRules.CURRENT;
    }

    /**
     * The shell command that writes {@code file} ({@code named}: its visible absolute path) through {@code filter}
     * into NEW, a {@code .gz} read through zcat: {@code grep -v '^#' 'FILE' > NEW}, for a refusal's remedy.
     */
    public static String filtered(String named, String filter) {
        return ShellQuoted.filteredIntoNew(named, filter);
    }

    /** What reads otherwise ({@code changed}), for a refusal; {@code by}: what that build wrote (the checkpoint). */
    public static String why(ReadingRules.Changed changed, String by) {
        if (changed.kind() == ReadingRules.Kind.BARE_CR) {
            return String.format(Locale.ROOT, "it holds a bare CR (an old Mac line end) on its line %,d, which ends a"
                    + " line since 2026-12-07 but ended none for the build that wrote " + by + ": that run read the"
                    + " lines around it as one", changed.line());
        }
        return String.format(Locale.ROOT, "its line %,d, %s, starts with # and is a sentence of plain text since"
                + " 2026-12-07, but the build that wrote " + by + " skipped every line starting with # as a comment",
                changed.line(), Visible.of(shown(changed.text())));
    }

    /**
     * Refuses {@code file}, read as {@code read} (the layout the reading took) as the training corpus of the model
     * {@code recorded} is the record of (null: none, not checked), when it is that file unchanged and reads as other
     * sentences now ({@link #changed}): what the caller would count of it would be of other sentences than the model
     * was trained on. {@code counts}: what the caller would count ("the tag lexicon would count the tags of");
     * {@code giveOld}: how to give the caller a file in its place ("--corpus NEW"); {@code orElse}: the caller's
     * other way, the only one for a bare CR, as no file reads by these rules as that build read it. A file that is no
     * regular file cannot be read again to tell, and is not. A record without the corpus's size and checksum cannot
     * tell whether {@code file} is the corpus (or, at the recorded path, still the same file): any file is checked,
     * and the refusal says it may not be.
     *
     * @throws IOException the refusal, or when the file cannot be read
     */
    public static void require(TrainingInfo recorded, Path file, CorpusLayout read, String counts, String giveOld,
            String orElse) throws IOException {
        if (recorded == null || readByCurrentRules(recorded) || !Files.isRegularFile(file)) {
            return;
        }
        CorpusFingerprint then = CorpusFingerprint.recorded(recorded);
        // the file's checksum only when there is a recorded one to compare it with: it reads the whole file
        ReadingRules.Changed changed = changed(recorded, then, file, read, then == null ? null
                : CorpusFingerprint.of(file));
        if (changed == null) {
            return;
        }
        String named = Visible.of(file.toAbsolutePath().normalize().toString());
        String remedy;
        if (changed.kind() == ReadingRules.Kind.BARE_CR) {
            remedy = "No file reads by these rules as that build read it: " + orElse;
        } else {
            remedy = "Drop the lines starting with # as that build did (" + filtered(named, "grep -v '^#'")
                    + ") and give " + giveOld + ", or " + orElse;
        }
        if (then != null) { // and the file's are they: the corpus, wherever it is
            throw new IOException(named + ", the corpus the model was trained on, reads as other sentences now than"
                    + " it did for the run that trained it: " + why(changed, "the model") + "; " + counts + " other"
                    + " sentences than the model was trained on. " + remedy);
        }
        // a record without the corpus's size and checksum cannot tell whether this file is (still) the corpus
        boolean recordedPath = recorded.isTrainedOn(file);
        throw new IOException(named + (recordedPath ? ", the corpus the model records," : ", given as the corpus the"
                + " model was trained on,") + " reads as other sentences now than by the rules of the build that"
                + " trained the model (before 2026-12-07): " + why(changed, "the model") + "; "
                + (recordedPath ? "if it is still the file the model was trained on, " : "if the model was trained on"
                + " it, ") + counts + " other sentences than the model was trained on (the model records no size and"
                + " checksum of its corpus to tell). " + remedy);
    }

    /** The most of a line a refusal shows, in characters. */
    private static final int SHOWN = 60;

    /** {@code line}, cut after {@value #SHOWN} characters (not inside a pair of surrogates). */
    private static String shown(String line) {
        if (line.length() <= SHOWN) {
            return line;
        }
        return line.substring(0, Character.isHighSurrogate(line.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN) + "...";
    }
}
