package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Internal (the trainers'; no compatibility promise). {@link TaggedCorpus#readAs(Path, TaggedCorpus.Reading,
 * PrintStream, LayoutOption)} that a training run's Ctrl-C can stop part way: 8 copies of Brown's training split
 * (78 MB) take some 20 s to read, and the run used to look at its stop only after its start-up and a step.
 */
public final class StoppableReading {
    private StoppableReading() {}

    /**
     * The sentences of a training run's corpus {@code file}, read as {@code readAs} reads them, {@code check} run every
     * few thousand lines of each pass over them ({@link CheckedList}); it may throw (unchecked) to stop the reading.
     * Their memory is counted with the rows the run packs from them ({@link CorpusMemory}).
     */
    public static TaggedCorpus.Read readAs(Path file, TaggedCorpus.Reading reading, PrintStream notes,
            LayoutOption option, Runnable check) throws IOException {
        return TaggedCorpus.readAs(file, reading, notes, option, check, CorpusMemory.Held.TRAINED);
    }

    /**
     * As {@link #readAs}, for a file read beside the training corpus {@code corpus} of {@code training}'s sentences
     * (its dev split, whose rows the run does not pack but for its first few): their memory counted on top of the
     * corpus's, so that two files that each fit but not together are refused.
     */
    public static TaggedCorpus.Read readBeside(Path file, TaggedCorpus.Reading reading, PrintStream notes,
            LayoutOption option, Runnable check, Path corpus, List<TaggedSentence> training) throws IOException {
        return TaggedCorpus.readAs(file, reading, notes, option, check,
                new CorpusMemory.Held(heldBytes(training, true), "the training corpus " + Visible.of(corpus), false));
    }

    /**
     * Refuses a training run's {@code corpus} whose {@code sentences} were read before the run, as the run reading the
     * file would have refused it: when they and the rows the run packs from them take more than the memory Java may
     * use. Read by {@link TaggedCorpus#readAs(Path, TaggedCorpus.Reading, PrintStream, LayoutOption)}, which counts the
     * sentences alone, a corpus that fits without its rows and not with them was packed (and Java ran out of memory);
     * read by {@link #readAs}, it was refused part way through the reading, and passes here.
     */
    public static void requireRoomToTrain(Path corpus, List<TaggedSentence> sentences) throws IOException {
        CorpusMemory.requireRoomToTrain(corpus, words(sentences), sentences.size(), CorpusMemory.available());
    }

    /**
     * About what {@code sentences} take of the heap as a corpus read holds them, and, when {@code packed}, with the
     * rows a run packs from them ({@link CorpusMemory}).
     */
    public static long heldBytes(List<TaggedSentence> sentences, boolean packed) {
        return CorpusMemory.bytes(words(sentences), sentences.size(), packed ? CorpusMemory.Held.TRAINED
                : CorpusMemory.Held.READ);
    }

    private static long words(List<TaggedSentence> sentences) {
        return sentences.stream().mapToLong(s -> s.words().size()).sum();
    }

    /**
     * The {@code -Xmx}, in MB, that a corpus's refusal names for {@code bytes} held: a tenth more, and what Java and
     * the model take beside them, rounded up to 64 MB.
     */
    public static long xmxFor(long bytes) {
        return CorpusMemory.xmx(bytes);
    }
}
