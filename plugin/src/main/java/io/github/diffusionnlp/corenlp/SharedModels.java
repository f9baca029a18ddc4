package io.github.diffusionnlp.corenlp;

import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.Devices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded {@link DiffusionLM} per (model directory, device) for the whole JVM. CoreNLP makes an
 * annotator per distinct property set (the server one per request signature, and it may drop and remake
 * them), so the annotators share models here instead of each loading its own. A model stays loaded until
 * the JVM exits or {@link #closeAll()} is called; {@link DiffusionLM} is thread-safe.
 */
public final class SharedModels {
    private static final Map<String, DiffusionLM> MODELS = new ConcurrentHashMap<>();

    private SharedModels() {}

    /** The shared model for this directory (null: the shipped default model) and device (null: default). */
    public static DiffusionLM get(Path model, String device) {
        Path dir = (model != null ? model : DefaultModel.locate()).toAbsolutePath().normalize();
        String key = dir + "|" + (device == null ? "default" : device);
        return MODELS.computeIfAbsent(key, k -> load(dir, device));
    }

    /** How many models are loaded (one per distinct directory and device). */
    public static int size() {
        return MODELS.size();
    }

    /** Closes every shared model; annotators made before this must not be used afterwards. */
    public static synchronized void closeAll() {
        MODELS.values().forEach(DiffusionLM::close);
        MODELS.clear();
    }

    private static DiffusionLM load(Path dir, String device) {
        DiffusionLM.Builder b = DiffusionLM.builder().optModel(dir).optDevice(Devices.parse(device));
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the diffusion model " + dir + ": " + e.getMessage(), e);
        }
    }
}
