package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.StoppableReading;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trainer given its corpus already read ({@code DiffusionTrainer(options, corpusRead, log)}) counts the sentences'
 * memory with the rows it packs from them, whichever way they were read (audit h199): read by {@code
 * TaggedCorpus.readAs}, which counts the sentences alone, a corpus whose sentences fit the heap but not with the rows
 * went on to be packed, where the same corpus read by {@code StoppableReading.readAs} (or by the run) was refused.
 */
class AlreadyReadCorpusMemoryTest {
    @Test
    void aCorpusReadForItsSentencesAloneIsCountedWithItsPackedRows(@TempDir Path tmp) throws IOException {
        TrainOptions options = TestModels.tinyRun(tmp.resolve("model"), 1, false, null, 0);
        TaggedSentence sentence = new TaggedSentence(List.of("the", "cat", "sat", "."),
                Collections.nCopies(4, Upos.X));
        long most = Runtime.getRuntime().maxMemory();
        // held alone (130 bytes a sentence of 4 words) they fit; with their packed rows (160) they do not
        int count = (int) Math.min(Integer.MAX_VALUE, most / 145);
        List<TaggedSentence> sentences = Collections.nCopies(count, sentence);
        assertTrue(StoppableReading.heldBytes(sentences, false) <= most
                && StoppableReading.heldBytes(sentences, true) > most, "the heap sits between the two counts");
        TaggedCorpus.Read read = new TaggedCorpus.Read(sentences, options.corpusReading(null));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        IOException e = assertThrows(IOException.class, () -> TrainingData.read(options, null, read, quiet,
                new StartUp(() -> false)));
        assertTrue(e.getMessage().startsWith(options.corpus() + ": its " + String.format(java.util.Locale.ROOT,
                "%,d words in %,d sentences", 4L * count, (long) count) + ", read before the run, take about "),
                e.getMessage());
        assertTrue(e.getMessage().contains("with the rows a run packs from them (about 15 bytes a word and 100 a"
                + " sentence), more than the ") && e.getMessage().contains(" MB Java may use here; give Java -Xmx"),
                e.getMessage());

        // a corpus that fits with its rows is taken as read, as before
        TaggedCorpus.Read small = TaggedCorpus.readAs(options.corpus(), options.corpusReading(null), null,
                LayoutOption.COMMAND_LINE);
        assertEquals(small.sentences(), TrainingData.read(options, null, small, quiet, new StartUp(() -> false))
                .train());
    }
}
