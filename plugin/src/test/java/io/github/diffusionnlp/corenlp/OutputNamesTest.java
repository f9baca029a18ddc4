package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CommandLinePipeline} writes each file itself ({@link AtomicReplace}) where CoreNLP's own loop would have:
 * the same names as CoreNLP's pipeline gives them, under its output settings.
 */
class OutputNamesTest {
    @TempDir
    Path tmp;

    private static List<String> written(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private List<String> run(StanfordCoreNLP pipeline, List<File> files) throws IOException {
        pipeline.processFiles(null, files, 1, false, Optional.empty());
        return written(Path.of(pipeline.getProperties().getProperty("outputDirectory")));
    }

    @Test
    void filesAreNamedAsCoreNlpNamesThem() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in").resolve("sub"));
        List<File> files = List.of(Files.writeString(in.resolve("d1.txt"), "One sentence here.").toFile(),
                Files.writeString(in.resolve("d2"), "Another one.").toFile());
        String[][] settings = {{}, {"outputFormat", "json", "replaceExtension", "true"}, {"outputExtension", ".res",
            "inputDirectory", tmp.resolve("in").toString()}, {"outputFormat", "conllu", "inputDirectory",
            tmp.toString(), "replaceExtension", "true"}};
        for (int i = 0; i < settings.length; i++) {
            Properties props = new Properties();
            props.setProperty("annotators", "tokenize,ssplit");
            for (int j = 0; j < settings[i].length; j += 2) {
                props.setProperty(settings[i][j], settings[i][j + 1]);
            }
            Properties theirs = (Properties) props.clone();
            theirs.setProperty("outputDirectory", tmp.resolve("corenlp" + i).toString());
            props.setProperty("outputDirectory", tmp.resolve("ours" + i).toString());
            List<String> expected = run(new StanfordCoreNLP(theirs), files);
            assertEquals(2, expected.size(), expected.toString());
            CommandLinePipeline ours = new CommandLinePipeline(props);
            assertEquals(expected, run(ours, files), String.join(" ", settings[i]));
            // a second run replaces them, leaving nothing else beside them
            assertEquals(expected, run(ours, files), String.join(" ", settings[i]));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, ours.report(new PrintStream(err, true)), err.toString());
        }
        assertEquals(List.of("d1.json", "d2.json"), written(tmp.resolve("ours1")));
        assertEquals(List.of("sub" + File.separator + "d1.txt.res", "sub" + File.separator + "d2.res"),
                written(tmp.resolve("ours2")), "the directories under inputDirectory");
    }
}
