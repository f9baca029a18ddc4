package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.model.DiffusionTransformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Grows a trained model into a larger network that starts out computing exactly what it did, so that
 * further training ({@code train --resume}) builds on what it has learnt instead of starting over.
 * The one growth there is: relative-position attention bias, added at zero.
 */
public final class ModelGrowth {
    private ModelGrowth() {}

    /**
     * Writes to {@code to} the checkpoint in {@code from} with relative-position attention bias added:
     * every old weight copied by name, the new tables zero, the optimizer moments kept (the new tables
     * start with fresh ones), the training record and loss log carried over, the old metrics dropped
     * (they describe the old model; re-evaluate). Returns the number of parameters added.
     */
    public static long addRelativePositions(Path from, Path to) throws IOException {
        if (Files.exists(to.resolve(ModelCheckpoint.CONFIG))) {
            throw new IOException(to + " already holds a model; choose an empty directory");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded old = ModelCheckpoint.load(from, manager);
            if (old.network().config().relativePositions()) {
                throw new IllegalArgumentException(from + " already has relative-position attention bias");
            }
            Map<String, Parameter> oldByName = new HashMap<>();
            for (Pair<String, Parameter> p : old.network().getParameters()) {
                oldByName.put(p.getKey(), p.getValue());
            }
            DiffusionTransformer grown = new DiffusionTransformer(old.network().config().withRelativePositions());
            grown.initialize(manager);
            long added = 0;
            for (Pair<String, Parameter> p : grown.getParameters()) {
                Parameter source = oldByName.remove(p.getKey());
                if (source == null) {
                    added += p.getValue().getArray().size();
                } else {
                    source.getArray().copyTo(p.getValue().getArray());
                }
            }
            if (!oldByName.isEmpty()) {
                throw new IllegalStateException("the grown network lacks " + oldByName.keySet());
            }
            TrainingInfo t = old.header().training();
            TrainingInfo carried = t == null ? null : t.withMetrics(null);
            ModelCheckpoint.save(to, grown, old.vocabulary(), old.warp(), carried,
                    ModelCheckpoint.loadOptimizerState(from, manager));
            Path log = from.resolve("training-log.csv");
            if (Files.isRegularFile(log)) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return added;
        }
    }
}
