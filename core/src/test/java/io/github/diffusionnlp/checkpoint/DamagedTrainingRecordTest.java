package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.ar.ArCheckpoint;
import io.github.diffusionnlp.train.DiffusionTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training record no run writes (audit h245, after h243's {@link HostileModelFilesTest}): each loaded without a
 * word, and {@code info} showed it. A resumed run from a step of -5 ended in an IndexOutOfBoundsException (and would
 * have stepped at negative learning rates, the warm-up's line through 0); a learning rate of NaN or -Infinity
 * resumed at the default rate and one of Infinity was refused as an {@code --lr} the user never gave
 * (TrainOptions.resumedFrom takes a recorded rate only when it is above 0); a batch size of -1 resumed at the default
 * batch. Each is refused now, naming config.json, the field, its value and what is allowed; the shipped models'
 * records still load ({@code ModelCheckpointTest}, {@code ArCheckpointTest}).
 */
class DamagedTrainingRecordTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"step\" : 35000,|\"step\" : -5,|step = -5",
        "\"step\" : 35000,|\"step\" : 35001,|step = 35001",
        "\"totalSteps\" : 35000,|\"totalSteps\" : -1,|totalSteps = -1",
        "\"batchSize\" : 64,|\"batchSize\" : -1,|batchSize = -1",
        "\"trainSentences\" : 48174,|\"trainSentences\" : -3,|trainSentences = -3",
        "\"learningRate\" : 7.0E-4,|\"learningRate\" : \"-Infinity\",|learningRate = -Infinity",
        "\"learningRate\" : 7.0E-4,|\"learningRate\" : \"NaN\",|learningRate = NaN",
        "\"learningRate\" : 7.0E-4,|\"learningRate\" : \"Infinity\",|learningRate = Infinity",
        "\"wallSeconds\" : 17072.884092506,|\"wallSeconds\" : \"NaN\",|wallSeconds = NaN",
        "\"wallSeconds\" : 17072.884092506,|\"wallSeconds\" : -1.5,|wallSeconds = -1.5",
        "\"averageDecay\" : 0.999,|\"averageDecay\" : \"NaN\",|averageDecay = NaN",
        "\"averageDecay\" : 0.999,|\"averageDecay\" : 1.5,|averageDecay = 1.5",
        "\"warmupSteps\" : null,|\"warmupSteps\" : -2,|warmupSteps = -2",
        "\"sentimentLexiconShare\" : null,|\"sentimentLexiconShare\" : \"NaN\",|sentimentLexiconShare = NaN",
        "\"corpusBytes\" : null,|\"corpusBytes\" : -4,|corpusBytes = -4",
        "\"corpusBytes\" : null,|\"corpusBytes\" : null, \"devBytes\" : -1,|devBytes = -1",
        "\"corpusBytes\" : null,|\"corpusBytes\" : null, \"readingRules\" : 0,|readingRules = 0",
    })
    void aTrainingRecordNoRunWritesIsRefusedNamingTheField(String from, String to, String said, @TempDir Path dir)
            throws IOException {
        Path model = HostileModelFilesTest.copyOf("brown-cdcd", dir);
        HostileModelFilesTest.editConfig(model, from, to);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelCheckpoint.readHeader(model));
        assertEquals(model.resolve(ModelCheckpoint.CONFIG), e.file());
        assertTrue(e.getMessage().startsWith(model.resolve(ModelCheckpoint.CONFIG) + " says its training record's "
                + said + ";"), e.getMessage());
        assertTrue(e.getMessage().contains("the file was edited or damaged"), e.getMessage());
    }

    @Test
    void theAutoregressiveModelsRecordIsCheckedAlike(@TempDir Path dir) throws IOException {
        Path model = HostileModelFilesTest.copyOf("brown-ar", dir);
        HostileModelFilesTest.editConfig(model, "\"batchSize\" : 64,", "\"batchSize\" : -1,");
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ArCheckpoint.readHeader(model));
        assertEquals(model.resolve(ArCheckpoint.CONFIG), e.file());
        assertTrue(e.getMessage().contains("says its training record's batchSize = -1; it must be at least 0"),
                e.getMessage());
    }

    /** A record of before the plan was recorded (totalSteps 0) is finished at any step: it still loads. */
    @Test
    void aRecordWithoutItsPlanStillLoads(@TempDir Path dir) throws IOException {
        Path model = HostileModelFilesTest.copyOf("brown-cdcd", dir);
        HostileModelFilesTest.editConfig(model, "\"totalSteps\" : 35000,", "\"totalSteps\" : 0,");
        HostileModelFilesTest.editConfig(model, "\"learningRate\" : 7.0E-4,", "\"learningRate\" : 0.0,");
        HostileModelFilesTest.editConfig(model, "\"batchSize\" : 64,", "\"batchSize\" : 0,");
        assertEquals(35000, ModelCheckpoint.readHeader(model).training().step());
    }

    /** A resumed run starts from the record: a step of -5 ended it in an IndexOutOfBoundsException. */
    @Test
    void aResumeFromANegativeStepIsRefused(@TempDir Path dir) throws IOException {
        Path model = TestModels.copyOfTinyModel(dir);
        String json = Files.readString(model.resolve(ModelCheckpoint.CONFIG));
        Files.writeString(model.resolve(ModelCheckpoint.CONFIG), json.replaceFirst("\"step\" : \\d+,",
                "\"step\" : -5,"));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> new DiffusionTrainer(TestModels.tinyRun(model, 30, true, null, 0), QUIET).run());
        assertEquals(model.resolve(ModelCheckpoint.CONFIG), e.file());
        assertTrue(e.getMessage().contains("says its training record's step = -5; it must be"), e.getMessage());
    }
}
