package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.corpus.Upos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POSTaggerME's joined contraction tags ({@code AUX+PART}) on the command line: -posTemplate and Train's data. */
class ContractionTagToolTest {
    @TempDir
    Path tmp;

    @Test
    void posTemplateTakesAJoinedTag() {
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Generate", "-posTemplate", "PRON AUX+PART VERB PUNCT",
                "-count", "1", "-steps", "2");
        assertEquals(0, r.code(), r.stderr());
        String line = new String(r.stdout(), StandardCharsets.UTF_8).strip();
        assertEquals(4, line.split(" ").length, line);
    }

    /** can't_AUX+PART trained as X, with a note that the tag was neither UPOS nor Penn Treebank. */
    @Test
    void trainReadsAJoinedTagAsItsFirstPart() throws Exception {
        Path data = Files.writeString(tmp.resolve("pos.txt"), "We_PRON can't_AUX+PART stay_VERB ._PUNCT\n"
                + "It's_PRON+AUX late_ADJ ._PUNCT\n");
        Path run = tmp.resolve("run");
        Path params = Files.writeString(tmp.resolve("p.txt"), "Iterations=1\nSize=tiny\nBatchSize=2\nVocabSize=20\n"
                + "MaxLength=8\nCheckpointDir=" + run + "\n");
        DiffusionNlpToolTest.Run r = DiffusionNlpToolTest.run("", "Train", "-model", tmp.resolve("t.bin").toString(),
                "-data", data.toString(), "-params", params.toString());
        assertEquals(0, r.code(), r.stderr());
        assertFalse(r.stderr().contains("neither UD UPOS nor Penn Treebank"), r.stderr());
        List<TaggedSentence> trained = TaggedCorpus.read(run.resolve("training-samples.conllu.gz"));
        assertEquals(List.of(Upos.PRON, Upos.AUX, Upos.VERB, Upos.PUNCT), trained.get(0).tags());
        assertEquals(List.of(Upos.PRON, Upos.ADJ, Upos.PUNCT), trained.get(1).tags());
    }
}
