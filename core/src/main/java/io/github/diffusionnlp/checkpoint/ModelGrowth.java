package io.github.diffusionnlp.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.DiffusionTransformer;
import io.github.diffusionnlp.model.ModelConfig;
import io.github.diffusionnlp.model.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grows a trained model into a larger network that starts out computing exactly what it did, so that
 * further training ({@code train --resume}) builds on what it has learnt instead of starting over.
 * Growths, alone or together: relative-position attention bias, added at zero; more transformer
 * blocks on top, each starting as the identity (its noise-level modulation, gates included, is zero,
 * so it adds nothing to the residual stream until training opens its gates); and a rescaled
 * word-embedding table, which the network reads L2-normalised, so only the speed at which training
 * turns its rows changes (see {@code DiffusionTransformer.EMBEDDING_INIT}).
 */
public final class ModelGrowth {
    private static final String TARGET = "ModelGrowth.grow's target";
    private static final String NEW_TARGET = "give " + TARGET + " a new or empty directory";
    /** How the lock of the target names this writer to a command it refuses. */
    private static final String HOLDER = "grow (ModelGrowth.grow)";

    private ModelGrowth() {}

    /** Adds relative-position attention bias only; see {@link #grow}. */
    public static long addRelativePositions(Path from, Path to) throws IOException {
        return grow(from, to, true, 0);
    }

    /**
     * Writes to {@code to} the checkpoint in {@code from} grown by relative-position bias (when
     * {@code relativePositions}) and to {@code layers} blocks (0: as many as it has): every old weight
     * copied by name, the new ones at their identity-preserving start, the optimizer moments kept (new
     * weights start with fresh ones), the training record and loss log carried over, the old metrics
     * dropped (they describe the old model; re-evaluate). Returns the number of parameters added.
     *
     * @throws IOException with nothing written when {@code to} is a file or holds a model, files a training
     *     run does not write, or a running training's lock ({@link ModelDirectory#requireForNewModel}), or when the
     *     model records as its corpus or dev split a file training writes into {@code to} ({@link
     *     #refuseRecordedFilesIn})
     */
    public static long grow(Path from, Path to, boolean relativePositions, int layers) throws IOException {
        return grow(from, to, relativePositions, layers, 1f);
    }

    /**
     * {@link #grow(Path, Path, boolean, int)}, and the raw word-embedding table multiplied by {@code
     * embeddingScale} (1: unchanged) with its optimizer moments rescaled to match (the gradient of a
     * table scaled by c is the old one divided by c), so that Adam's steps keep their size and turn the
     * rows 1/c times faster.
     */
    public static long grow(Path from, Path to, boolean relativePositions, int layers, float embeddingScale)
            throws IOException {
        if (!(embeddingScale > 0) || Float.isInfinite(embeddingScale)) {
            throw new IllegalArgumentException("the embedding scale must be a positive number,"
                    + " got " + Numbers.written(embeddingScale));
        }
        // as train --out: the user's own files there would be overwritten, a running training's model replaced
        ModelDirectory.requireForNewModel(to, TARGET);
        refuseRecordedFilesIn(from, to, TARGET);
        try (NDManager manager = NDManager.newBaseManager()) {
            return grow(from, to, relativePositions, layers, embeddingScale, manager);
        }
    }

    /**
     * Refuses, with nothing written, a growth of the model in {@code from} into {@code to} when its training record
     * names as its corpus or dev split one of the files training writes into {@code to}. A new or empty directory
     * may hold such names ({@link ModelDirectory#requireForNewModel} takes them for a killed run's), so a user's
     * corpus {@code to/vocab.txt}, which a model trained elsewhere records, was written over by the grown model's
     * vocabulary (a dev split {@code to/training-log.csv} by its log), and the grown model recorded, as its corpus, a
     * file of its own directory, which a resumed training refuses. A run given such a file is refused the same way
     * ({@code OutputDirectory}).
     *
     * @param option how the caller's user names {@code to} ({@code "grow --out"})
     */
    public static void refuseRecordedFilesIn(Path from, Path to, String option) throws IOException {
        TrainingInfo recorded = ModelCheckpoint.readModelHeader(from).training();
        if (recorded == null) {
            return;
        }
        refuseRecordedFile(recorded.corpus(), "corpus", from, to, option);
        refuseRecordedFile(recorded.dev(), "dev split", from, to, option);
    }

    private static void refuseRecordedFile(String recorded, String what, Path from, Path to, String option)
            throws IOException {
        if (recorded != null && ModelDirectory.isWrittenByTraining(to, Path.of(recorded))) {
            throw new IOException(Visible.of(recorded) + ", the " + what + " the model in " + Visible.of(from)
                    + " records, is one of the files training writes into " + Visible.of(to) + ": growing the model"
                    + " there would change it (and a training resumed there would refuse it); give " + option
                    + " another directory (nothing was changed)");
        }
    }

    /** The growth itself, its arrays on {@code manager} (which the caller closes; a test looks at what it holds). */
    static long grow(Path from, Path to, boolean relativePositions, int layers, float embeddingScale,
            NDManager manager) throws IOException {
        ModelCheckpoint.Loaded old = ModelCheckpoint.load(from, manager);
        ModelConfig was = old.network().config();
        if (relativePositions && was.relativePositions()) {
            throw new IllegalArgumentException(from + " already has relative-position attention bias");
        }
        if (layers != 0 && layers <= was.layers()) {
            throw new IllegalArgumentException(from + " already has " + was.layers() + " layers; growing needs more,"
                    + " got " + layers);
        }
        if (!relativePositions && layers == 0 && embeddingScale == 1f) {
            throw new IllegalArgumentException("nothing to grow: ask for relative positions, more layers or an"
                    + " embedding scale other than 1");
        }
        ModelConfig target = layers == 0 ? was : was.withLayers(layers);
        if (relativePositions) {
            target = target.withRelativePositions();
        }
        requireLoadable(target);
        Map<String, Parameter> oldByName = new HashMap<>();
        Map<String, String> oldPathOf = new HashMap<>();
        for (Pair<String, Parameter> p : old.network().getParameters()) {
            oldByName.put(withoutChildIndexes(p.getKey()), p.getValue());
            oldPathOf.put(withoutChildIndexes(p.getKey()), p.getKey());
        }
        DiffusionTransformer grown = new DiffusionTransformer(target);
        long added = 0;
        Map<String, String> grownPathOfOld = new HashMap<>();
        Map<Parameter, NDArray> kept = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : grown.getParameters()) {
            Parameter source = oldByName.remove(withoutChildIndexes(p.getKey()));
            if (source == null) {
                continue; // a new parameter: its initializer's identity-preserving start
            }
            grownPathOfOld.put(oldPathOf.get(withoutChildIndexes(p.getKey())), p.getKey());
            NDArray weights = source.getArray();
            kept.put(p.getValue(), isEmbeddingTable(p.getKey()) ? weights.muli(embeddingScale) : weights);
        }
        // the old weights become the grown network's own (the old network is not used again), and only the new
        // parameters get starting values: random ones for every weight, overwritten by the old, held the old
        // model and a whole grown copy at once
        UnfilledNetwork.initializeWith(grown, manager, grown::initialize, kept);
        for (Pair<String, Parameter> p : grown.getParameters()) {
            added += kept.containsKey(p.getValue()) ? 0 : p.getValue().getArray().size();
        }
        if (!oldByName.isEmpty()) {
            throw new IllegalStateException("the grown network lacks " + oldByName.keySet());
        }
        TrainingInfo t = old.header().training();
        TrainingInfo carried = t == null ? null : t.withMetrics(null);
        NDList moments = TrainingState.forParameterScaled(TrainingState.renamed(
                ModelCheckpoint.loadOptimizerState(old, manager), grownPathOfOld),
                ModelGrowth::isEmbeddingTable, embeddingScale);
        Files.createDirectories(to);
        // held while the model is written, as train holds it: a train --resume started there meanwhile
        // would otherwise write its checkpoint and log between and over the grown model's files
        try (ModelDirectory.Lock lock = ModelDirectory.lock(to, HOLDER, "give another output directory")) {
            // checked again under the lock: a run may have trained there since the first check
            ModelDirectory.refuseUnusable(to, false, List.of(), TARGET, NEW_TARGET);
            // carried before the save, whose config records the tag lexicon's checksum when it is there
            for (String carriedFile : new String[] {ModelDirectory.TRAINING_LOG, ModelCheckpoint.TAG_LEXICON}) {
                Path file = from.resolve(carriedFile);
                if (Files.isRegularFile(file)) {
                    CheckpointFiles.writeAtomically(to.resolve(carriedFile),
                            tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING));
                }
            }
            ModelCheckpoint.save(to, grown, old.vocabulary(), old.warp(), carried, moments);
        }
        return added;
    }

    /**
     * Refuses a grown network whose weights no model file that loads can hold (one read whole, as a Java array), before
     * any of it is built: {@code grow --layers 100000} built it in memory until the kernel killed the process.
     *
     * @throws IllegalArgumentException naming the least weight count, the limit and the most layers that fit
     */
    public static void requireLoadable(ModelConfig grown) {
        double bytes = grown.minimumWeights() * Float.BYTES;
        if (bytes <= WholeFile.LARGEST_ARRAY) {
            return;
        }
        int most = 0; // the most blocks of this shape a loadable file holds (0: not even one)
        while (most < grown.layers() && grown.withLayers(most + 1).minimumWeights() * Float.BYTES
                <= WholeFile.LARGEST_ARRAY) {
            most++;
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the grown network would hold at least"
                + " %,.0f weights (%,.1f GB), more than a model file that loads can hold (%,d bytes); give at most %,d"
                + " layers", grown.minimumWeights(), bytes / 1e9, WholeFile.LARGEST_ARRAY, most));
    }

    private static boolean isEmbeddingTable(String path) {
        return withoutChildIndexes(path).equals("tokenEmbedding");
    }

    /**
     * A parameter path without DJL's child-block numbers ({@code 07finalModulation_weight} ->
     * {@code finalModulation_weight}): blocks added in the middle renumber the ones after them.
     */
    static String withoutChildIndexes(String path) {
        return path.replaceAll("(^|_)\\d+(?=[A-Za-z])", "$1");
    }
}
