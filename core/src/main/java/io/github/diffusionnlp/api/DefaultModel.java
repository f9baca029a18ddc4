package io.github.diffusionnlp.api;

import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Internal: public for the other modules of this project; no compatibility promise (the lookup itself is
 * documented: {@code DiffusionLM.builder()} without {@code optModel}). Finds the shipped default model,
 * {@code test-data/models/brown-cdcd} of this repository: named by the system property
 * {@code diffusionnlp.model} or the environment variable {@code DIFFUSION_NLP_MODEL}, else searched upwards
 * from this library's jar and from the working directory.
 */
public final class DefaultModel {
    public static final String RELATIVE_PATH = "test-data/models/brown-cdcd";
    public static final String AUTOREGRESSIVE_PATH = "test-data/models/brown-ar";
    public static final String PROPERTY = "diffusionnlp.model";
    public static final String ENVIRONMENT = "DIFFUSION_NLP_MODEL";

    private DefaultModel() {}

    public static Path locate() {
        String named = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return search(RELATIVE_PATH, "the command line's --model DIR, DiffusionLM.builder().optModel(dir),"
                + " OpenNLP's DiffusionModel.load(path), CoreNLP's diffusion.model), or set " + ENVIRONMENT + " or -D"
                + PROPERTY);
    }

    /**
     * What named the directory {@link #locate()} returns, for a message about it: {@code "the system property
     * diffusionnlp.model"} or {@code "the environment variable DIFFUSION_NLP_MODEL"}; null when neither did and it
     * was searched for. A caller who gave no model and is told of a path it never wrote learns where it came from.
     */
    public static String namedBy() {
        String named = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (named == null || named.isBlank()) {
            return null;
        }
        return System.getProperty(PROPERTY) != null ? "the system property " + PROPERTY
                : "the environment variable " + ENVIRONMENT;
    }

    /** The shipped autoregressive baseline, {@code test-data/models/brown-ar}, searched for the same way. */
    public static Path locateAutoregressive() {
        return search(AUTOREGRESSIVE_PATH, "the command line's --model DIR, AutoregressiveLM.load(dir, device))");
    }

    /**
     * {@code name} resolved against {@code start} and then each of its parents, the first that {@code accept}
     * takes: how the files that sit beside a model in its repository (the model itself, its training corpus,
     * the held-out split) are found from the model's directory or the jar's.
     */
    public static Optional<Path> findUpwards(Path start, Path name, Predicate<Path> accept) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(name);
            if (accept.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path search(String relativePath, String howToName) {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(DefaultModel.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): the working directory remains
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            Optional<Path> found = findUpwards(start, Path.of(relativePath),
                    candidate -> Files.isRegularFile(candidate.resolve(ModelCheckpoint.CONFIG)));
            if (found.isPresent()) {
                return found.get();
            }
        }
        // the shipped models live in this repository's test-data, not in the Maven artifacts
        throw new IllegalStateException("no model given and the default model (" + relativePath
                + ", in the diffusion-nlp repository, not in its jars) was not found above " + starts
                + "; give a model directory (" + howToName);
    }
}
