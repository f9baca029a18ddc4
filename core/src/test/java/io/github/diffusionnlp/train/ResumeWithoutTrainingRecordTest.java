package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint whose config.json has no "training" record (written by hand, or by another tool) holds no step,
 * settings or corpus to go on from: a resumed run of either trainer refuses it, naming the file and what to do,
 * where it ended in a NullPointerException ("previous" is null) after reading the corpus.
 */
class ResumeWithoutTrainingRecordTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static void dropTrainingRecord(Path dir) throws IOException {
        Path config = dir.resolve(ArCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        tree.remove("training");
        Files.writeString(config, json.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    }

    private static String expected(Path dir, String out) {
        return dir.resolve(ArCheckpoint.CONFIG) + " has no \"training\" record (the step, settings and corpus a"
                + " resumed run goes on from), so no run can resume from it; give " + out
                + " another directory to train a new model";
    }

    @Test
    void trainArRefusesIt(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ar"));
        Path shipped = TestModels.root().resolve("test-data/models/brown-ar");
        for (String f : new String[] {ArCheckpoint.CONFIG, ArCheckpoint.VOCAB, ArCheckpoint.PARAMS}) {
            Files.copy(shipped.resolve(f), dir.resolve(f));
        }
        dropTrainingRecord(dir);
        TrainOptions options = TrainOptions.builder(TestModels.devCorpus(), dir).batchSize(8).steps(2).resume(true)
                .settingNames(SettingNames.COMMAND_LINE).build();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new ArTrainer(options, null, QUIET).run());
        assertEquals(expected(dir, "--out"), e.getMessage());
        assertEquals(dir.resolve(ArCheckpoint.CONFIG), e.file());
    }

    @Test
    void trainRefusesIt(@TempDir Path tmp) throws IOException {
        Path dir = TestModels.copyOfTinyModel(tmp);
        dropTrainingRecord(dir);
        TrainOptions options = TestModels.tinyRun(dir, 30, true, null, 0);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new DiffusionTrainer(options, QUIET).run());
        assertEquals(expected(dir, SettingNames.BUILDER.name(TrainOptions.Setting.OUTPUT)), e.getMessage());
    }
}
