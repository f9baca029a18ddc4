package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CoreNLP 4.5.10's own file loop logs {@code Processed N documents} each time the documents it has written reach a
 * multiple of 1,000, counting neither the files it skips ({@code -noClobber}, an output name equal to the input's)
 * nor the documents that failed ({@code -continueOnAnnotateError}); it prints no line at the end of a run (the
 * {@code Processed N documents} and {@code Skipped M documents, error annotating K documents} lines of CoreNLP 3.x
 * are commented out there). {@link CommandLinePipeline} writes the files itself, so CoreNLP's count never moved and
 * the jar's main printed no such line on any run. It now prints the same lines as CoreNLP's own main.
 */
class ProcessedCountTest {
    private static final Pattern PROCESSED = Pattern.compile("Processed \\d+ documents");

    /** The {@code Processed N documents} lines {@code main} prints on the files of {@code in}, in order. */
    private static List<String> processedLines(Class<?> main, Path in, Path out, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-annotators", "tokenize,ssplit", "-file", in.toString(),
                "-outputDirectory", out.toString(), "-outputFormat", "conllu"));
        all.addAll(List.of(args));
        ChildJvm.Run run = ChildJvm.run(ChildJvm.command(List.of(), main, all.toArray(String[]::new)), "",
                Duration.ofMinutes(5));
        assertEquals(0, run.code(), run.said());
        List<String> lines = new ArrayList<>();
        Matcher m = PROCESSED.matcher(run.said());
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    @Test
    void everyThousandDocumentsWrittenIsLoggedAsCoreNlpLogsThem(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 1_030; i++) {
            Files.writeString(in.resolve(String.format("d%04d.txt", i)), "Document " + i + " is short.");
        }
        List<String> theirs = processedLines(StanfordCoreNLP.class, in, tmp.resolve("corenlp"));
        assertEquals(List.of("Processed 1000 documents"), theirs, "CoreNLP's own loop, 1,030 files written");
        assertEquals(theirs, processedLines(DiffusionCoreNLP.class, in, tmp.resolve("ours"), "-threads", "2"));
        Path clobber = Files.createDirectories(tmp.resolve("noClobber"));
        for (int i = 0; i < 40; i++) { // their output is there already: -noClobber skips them, uncounted
            Files.writeString(clobber.resolve(String.format("d%04d.txt.conllu", i)), "");
        }
        assertEquals(List.of(), processedLines(DiffusionCoreNLP.class, in, clobber, "-noClobber", "true"),
                "990 files written, 40 skipped");
    }
}
