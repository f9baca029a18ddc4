package io.github.diffusionnlp.ar;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.diffusionnlp.checkpoint.CheckpointCommit;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.checkpoint.CheckpointReading;
import io.github.diffusionnlp.checkpoint.InvalidModelException;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.checkpoint.UnfilledNetwork;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An autoregressive model on disk: {@code config.json} (format, version, {@link ArConfig},
 * {@link TrainingInfo}), {@code vocab.txt}, {@code model.params} (DJL) and, for resuming,
 * {@code optimizer.ndlist}. Plain data only, checked like the diffusion checkpoint.
 */
public final class ArCheckpoint {
    public static final String FORMAT = "diffusion-nlp-ar";
    public static final int FORMAT_VERSION = 1;
    // a diffusion model's file names: a save a stopped train-ar run left staged is finished or dropped by those
    // names (OutputDirectory.claim recovers ModelCheckpoint.SET for both training commands)
    public static final String CONFIG = ModelCheckpoint.CONFIG;
    public static final String VOCAB = ModelCheckpoint.VOCAB;
    public static final String PARAMS = ModelCheckpoint.PARAMS;
    public static final String OPTIMIZER = ModelCheckpoint.OPTIMIZER;

    private static final List<String> SHAPE_FIELDS = List.of("vocabSize", "dim", "layers", "heads", "ffnMultiplier",
            "maxLength");

    /** The JSON document of {@code config.json}. */
    public record Header(String format, int formatVersion, ArConfig model, TrainingInfo training,
            Map<String, String> files) {}

    /**
     * A loaded model, from {@code directory}; its arrays belong to the manager passed to {@link #load}. Its
     * {@code header} is the config.json its weights were checked against, which {@link #loadOptimizerState} checks
     * their moments against too.
     */
    public record Loaded(Header header, CausalTransformer network, Vocabulary vocabulary, Path directory) {}

    private ArCheckpoint() {}

    public static void save(Path dir, CausalTransformer network, Vocabulary vocabulary, TrainingInfo info,
            NDList optimizerState) throws IOException {
        // the files as one set, as the diffusion model's
        CheckpointCommit commit = new CheckpointCommit(dir, info == null ? -1 : info.step());
        commit.write(VOCAB, vocabulary::save);
        commit.write(PARAMS, tmp -> CheckpointFiles.writeParameters(tmp, network));
        if (optimizerState != null) {
            commit.write(OPTIMIZER, tmp -> CheckpointFiles.writeOptimizerState(tmp, optimizerState));
        }
        commit.commit(new Header(FORMAT, FORMAT_VERSION, network.config(), info, commit.fingerprints()));
    }

    public static Header readHeader(Path dir) throws IOException {
        CheckpointCommit.requireFinished(dir, "train-ar");
        Path file = CheckpointFiles.config(dir, "train-ar");
        byte[] config = CheckpointFiles.readConfig(file);
        if (FORMAT.equals(CheckpointFiles.readFormat(file, config))) { // another format is named as such below
            com.fasterxml.jackson.databind.JsonNode tree = CheckpointFiles.readTree(file, config);
            CheckpointFiles.requireFormatVersion(file, tree);
            CheckpointFiles.requireModelFields(file, tree, SHAPE_FIELDS, "every autoregressive model's config");
        }
        Header header = CheckpointFiles.readJson(file, config, Header.class);
        if (header == null || !FORMAT.equals(header.format())) {
            throw new InvalidModelException(file, "format is '"
                    + (header == null ? null : Visible.of(String.valueOf(header.format())))
                    + "', expected '" + FORMAT + "' (an autoregressive model made by `train-ar`)");
        }
        if (header.formatVersion() != FORMAT_VERSION) {
            throw new InvalidModelException(file, "format version " + header.formatVersion()
                    + " is not supported (this library reads version " + FORMAT_VERSION + ")");
        }
        if (header.model() == null) {
            throw new InvalidModelException(file, "has no \"model\" section");
        }
        // as the diffusion model's (ModelCheckpoint.readHeader): 2^31 - 1 overflowed its maxLength + 1 positions
        if (header.model().maxLength() > ModelConfig.MAX_LENGTH) {
            throw new InvalidModelException(file, "says maxLength = " + header.model().maxLength() + ", more than the "
                    + ModelConfig.MAX_LENGTH + " positions a model can be trained with: the file is damaged");
        }
        CheckpointFiles.requireTrainingRecord(file, header.training());
        return header;
    }

    public static Loaded load(Path dir, NDManager manager) throws IOException {
        if (!Files.isDirectory(dir)) { // missing, or a file of the model given for it: named so, as ModelCheckpoint's
            throw InvalidModelException.notADirectory(dir);
        }
        Header header = readHeader(dir);
        CheckpointReading files = new CheckpointReading(dir);
        Vocabulary vocabulary = files.readVocabulary(VOCAB, header.model().vocabSize());
        CheckpointFiles.requireRoomForWeights(dir.resolve(PARAMS), header.model().minimumWeights());
        CausalTransformer network = new CausalTransformer(header.model());
        UnfilledNetwork.shape(network, manager, network::initialize); // no random weights for the file's to replace
        try {
            files.loadParameters(PARAMS, network, manager);
            // after the checks above, which say more about a damaged file; these catch whole files of another save
            files.verifyModelFiles(header.files(), header.training());
        } catch (IOException | RuntimeException e) {
            // the caller's manager may outlive a failed load: the network's arrays go now, not with it
            network.getParameters().values().forEach(Parameter::close);
            throw e;
        }
        return new Loaded(header, network, vocabulary, dir);
    }

    /**
     * The optimizer moments saved with {@code checkpoint}, or null when it has none, checked against the config.json
     * its weights were loaded with, as the diffusion model's are ({@code ModelCheckpoint.loadOptimizerState(Loaded,
     * NDManager)}): moments a later save wrote (a run resumed meanwhile) are refused as a file of another save, where
     * reading config.json again would have passed them.
     */
    public static NDList loadOptimizerState(Loaded checkpoint, NDManager manager) throws IOException {
        Header header = checkpoint.header();
        return new CheckpointReading(checkpoint.directory()).loadOptimizerState(OPTIMIZER, checkpoint.network(),
                header.files(), header.training(), manager);
    }
}
