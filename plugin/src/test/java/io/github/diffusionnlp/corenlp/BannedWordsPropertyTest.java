package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.SettingsTest.assertMentions;
import static io.github.diffusionnlp.corenlp.SettingsTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DiffusionLM;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffusion.bannedWords = FILE}: the words the annotator's model never writes. */
class BannedWordsPropertyTest {
    @TempDir
    Path dir;

    private static List<String> generate(Path bannedWords) {
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("diffusion", "diffusion.task", "generate",
                "diffusion.replace", "false", "diffusion.count", "2", "diffusion.length", "8", "diffusion.steps", "8",
                "diffusion.seed", "0", "diffusion.bannedWords", bannedWords.toString()));
        return annotate(pipeline, "").get(DiffusionAnnotations.GeneratedSentences.class);
    }

    /**
     * The shipped model writes a slur of the default list in the first of two sentences at seed 0 (as core's
     * BannedWordsTest finds): an empty file lets it, a file of that word alone does not.
     */
    @Test
    void anEmptyFileBansNoneAndAFileOfOneWordBansIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("none.txt"), "# none\n");
        String first = generate(empty).get(0);
        String slur = Arrays.stream(first.split(" ")).filter(DiffusionLM.defaultBannedWords()::contains).findFirst()
                .orElseThrow(() -> new AssertionError("the case this guards: " + first));
        List<String> mine = generate(Files.writeString(dir.resolve("mine.txt"), slur + "\n"));
        assertFalse(mine.stream().flatMap(s -> Arrays.stream(s.split(" "))).anyMatch(slur::equals), mine.toString());
        DiffusionAnnotator annotator = new DiffusionAnnotator("diffusion", props("diffusion",
                "diffusion.bannedWords", empty.toString()));
        assertEquals(Set.of(), annotator.model().bannedWords());
    }

    @Test
    void aBadFileIsABadPropertyNamingFileAndLine() throws Exception {
        Path two = Files.writeString(dir.resolve("two.txt"), "one\ntwo words\n");
        assertMentions(failure("tokenize,ssplit,diffusion", "diffusion.bannedWords", two.toString()),
                "bad diffusion.bannedWords = '" + two + "'; allowed: a UTF-8 file of one word a line",
                two + ":2: 'two words' is more than one word");
        Path missing = dir.resolve("no.txt");
        assertMentions(failure("tokenize,ssplit,diffusion", "diffusion.bannedWords", missing.toString()),
                "bad diffusion.bannedWords = '" + missing + "'", "does not exist");
    }
}
