package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Internal (the trainers'; no compatibility promise). {@link TaggedCorpus#readAs(Path, TaggedCorpus.Reading,
 * PrintStream, LayoutOption)} that a training run's Ctrl-C can stop part way: 8 copies of Brown's training split
 * (78 MB) take some 20 s to read, and the run used to look at its stop only after its start-up and a step.
 */
public final class StoppableReading {
    private StoppableReading() {}

    /**
     * The sentences of {@code file}, read as {@code readAs} reads them, {@code check} run every few thousand lines
     * of each pass over them ({@link CheckedList}); it may throw (unchecked) to stop the reading.
     */
    public static TaggedCorpus.Read readAs(Path file, TaggedCorpus.Reading reading, PrintStream notes,
            LayoutOption option, Runnable check) throws IOException {
        return TaggedCorpus.readAs(file, reading, notes, option, check);
    }
}
