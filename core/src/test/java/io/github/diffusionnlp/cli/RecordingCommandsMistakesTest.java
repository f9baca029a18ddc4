package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The commands that record in a model what its training corpus tells ({@code tag-lexicon}, {@code row-lengths}),
 * given a corpus or a model directory that is not one (audit h244). A {@code --corpus} with no sentence (empty, or
 * only comments) made {@code tag-lexicon} write an empty lexicon over the model's own, exit 0 (so that {@code
 * --lexical} templates then forbade nothing), and {@code row-lengths} refuse it in words of the config's field ("the
 * row lengths (rowLengths) count no rows at all") after a note asking whether it was the right corpus; {@code
 * tag-lexicon --model} of a directory without a model said "DIR/vocab.txt: no such file or directory", of the model's
 * config.json "config.json/vocab.txt: Not a directory", where {@code row-lengths} and {@code info} say what is wrong.
 */
@Isolated
class RecordingCommandsMistakesTest {
    @Test
    void aCorpusWithoutSentencesIsRefusedWithTheModelLeftAsItWas(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        byte[] config = Files.readAllBytes(model.resolve("config.json"));
        byte[] lexicon = Files.readAllBytes(model.resolve("tag-lexicon.tsv"));
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "# nothing yet\n\n");
        for (String command : List.of("tag-lexicon", "row-lengths")) {
            Run r = MainTest.run("", command, "--model", model.toString(), "--corpus", empty.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals("error: --corpus " + empty + " holds no sentences (it is empty, or every line is blank or a #"
                    + " comment); give the corpus the model was trained on (nothing was changed)\n", r.err(), command);
            assertEquals("", r.out(), command);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(config, Files.readAllBytes(model.resolve("config.json")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(lexicon,
                Files.readAllBytes(model.resolve("tag-lexicon.tsv")));
    }

    /**
     * A corpus of {@code #MeToo}-style lines alone, its layout guessed, reads as no sentences (taken for columns,
     * where every {@code #} line is a comment): the refusal now says, as train's does, that plain text reads
     * sentences in it and to give {@code --layout plain}.
     */
    @Test
    void aCorpusOfHashtagLinesIsRefusedSayingLayoutPlain(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path tweets = Files.writeString(tmp.resolve("tweets.txt"), "#MeToo is trending\n#1 hit song of the year\n");
        for (String command : List.of("tag-lexicon", "row-lengths")) {
            Run r = MainTest.run("", command, "--model", model.toString(), "--corpus", tweets.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals("error: --corpus " + tweets + " holds no sentences (every line is blank or a # comment), but"
                    + " read as plain text it holds 2 sentences, lines that start with # and go on, the first #MeToo is"
                    + " trending (in plain text a comment is # alone or followed by white space; in the layouts of"
                    + " columns every # line is one): give --layout plain to read it as plain text, one sentence a"
                    + " line\n", r.err(), command);
        }
    }

    /**
     * {@code tag-lexicon} given untagged text (plain text, one word a line: every word X) for a model trained on
     * tagged text wrote a lexicon of X alone, exit 0, and the model then refused every POS template ("trained on
     * untagged text"); it is refused now, the lexicon kept. A model trained on untagged text takes such a corpus.
     */
    @Test
    void untaggedTextIsRefusedForAModelTrainedOnTags(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp.resolve("tagged"));
        byte[] config = Files.readAllBytes(model.resolve("config.json"));
        byte[] lexicon = Files.readAllBytes(model.resolve("tag-lexicon.tsv"));
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "The cat sat on the mat .\nA dog ran home .\n");
        Run r = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", plain.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("error: --corpus " + plain + " carries no UPOS tag (every word X), and the model in " + model
                + " was trained on tagged text: a lexicon from it would make the model refuse POS templates (--pos);"
                + " give the corpus the model was trained on (CoNLL-U or word<TAB>UPOS lines; nothing was changed)\n",
                r.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(config, Files.readAllBytes(model.resolve("config.json")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(lexicon,
                Files.readAllBytes(model.resolve("tag-lexicon.tsv")));

        Path untagged = TestModels.copyOfModelWithout(TestModels.untaggedTinyModel(), tmp.resolve("untagged"),
                "no such file");
        Run taken = MainTest.run("", "tag-lexicon", "--model", untagged.toString(), "--corpus", plain.toString());
        assertEquals(0, taken.code(), taken.err());
    }

    /**
     * A model whose record does not say its corpus was tagged (no training record; or {@code tagged} and {@code
     * layout} both unrecorded, as the shipped models; or a layout of tags without {@code tagged}) is still refused
     * untagged text, but the refusal says what the model records, not that it "was trained on tagged text".
     */
    @Test
    void untaggedTextIsRefusedSayingWhatTheModelRecords(@TempDir Path tmp) throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "The cat sat on the mat .\nA dog ran home .\n");
        java.util.Map<String, String> records = new java.util.LinkedHashMap<>();
        records.put("training", "records no training, so not whether its corpus carried tags");
        records.put("tagged layout", "does not record whether its corpus carried tags (a model of before that was"
                + " recorded)");
        records.put("tagged", "records its corpus read as word<TAB>UPOS, though not whether it carried tags (a model of"
                + " before that was recorded)");
        for (var entry : records.entrySet()) {
            Path model = TestModels.copyOfTinyModel(tmp.resolve(entry.getKey().replace(' ', '-')));
            Path config = model.resolve("config.json");
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(config.toFile());
            if (entry.getKey().equals("training")) {
                tree.remove("training");
            } else {
                var training = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("training");
                assertEquals("columns", training.get("layout").asText());
                training.remove(List.of(entry.getKey().split(" ")));
            }
            json.writeValue(config.toFile(), tree);
            Run r = MainTest.run("", "tag-lexicon", "--model", model.toString(), "--corpus", plain.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals("error: --corpus " + plain + " carries no UPOS tag (every word X), and the model in " + model
                    + " " + entry.getValue() + ": a lexicon from it would make the model refuse POS templates"
                    + " (--pos); give the corpus the model was trained on (CoNLL-U or word<TAB>UPOS lines; nothing"
                    + " was changed)\n", r.err(), entry.getKey());
        }
    }

    @Test
    void aModelDirectoryThatIsNoneIsSaidSo(@TempDir Path tmp) throws Exception {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path other = Files.createDirectory(tmp.resolve("other"));
        String corpus = TestModels.devCorpus().toString();
        for (String command : List.of("tag-lexicon", "row-lengths")) {
            Run none = MainTest.run("", command, "--model", other.toString(), "--corpus", corpus);
            assertEquals(1, none.code(), none.err());
            assertEquals("error: " + other + " is not a model directory: it holds no config.json; give the directory"
                    + " a `train` run wrote (config.json, vocab.txt and the weights)\n", none.err(), command);
            Path file = model.resolve("config.json");
            Run config = MainTest.run("", command, "--model", file.toString(), "--corpus", corpus);
            assertEquals(1, config.code(), config.err());
            assertEquals("error: " + file + " is a file, not a model directory: give the directory that holds it ("
                    + model.toAbsolutePath() + ")\n", config.err(), command);
        }
    }
}
