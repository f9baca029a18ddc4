package io.github.diffusionnlp.corenlp;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.NgramCorpusParameters;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * One loaded {@link DiffusionLM} per (model directory's real path, device, precision, n-gram corpus, banned words) for
 * the whole JVM; the device is the one a model runs on ({@code auto} on a machine without a GPU is {@code cpu}).
 * CoreNLP makes an annotator per distinct property set (the server one per request signature, and it may drop and
 * remake them), so the annotators share models here instead of each loading its own. A model stays loaded until
 * the JVM exits or {@link #closeAll()} is called; an annotator looks its model up here for every document, so
 * after closeAll it loads the model again. {@link DiffusionLM} is thread-safe.
 */
public final class SharedModels {
    /** Each model's load, done or under way: its waiters wait on the future, not on a lock. */
    private static final Map<String, CompletableFuture<DiffusionLM>> MODELS = new ConcurrentHashMap<>();
    /**
     * The keys of the models a server request loaded or is loading (ServerLimits.maxModels counts them); the lock for
     * counting and claiming one, held for no load.
     */
    private static final Set<String> FOR_REQUESTS = ConcurrentHashMap.newKeySet();

    private SharedModels() {}

    /**
     * The shared fp32 model for this directory (null: the shipped default model) and device ({@code auto},
     * {@code cpu}, {@code gpu}, {@code gpu:N}; null: auto, the engine's default).
     */
    public static DiffusionLM get(Path model, String device) {
        return get(model, device, Precision.FP32);
    }

    /**
     * The shared model for this directory (null: the shipped default model), device (null: default) and
     * precision (null: fp32). An fp16 model runs on its own cast weights, so it cannot stand in for the
     * fp32 one nor the other way round.
     */
    public static DiffusionLM get(Path model, String device, Precision precision) {
        return get(model, device, precision, null);
    }

    /**
     * As above, with the corpus its n-gram fusion counts from (null: the model's training corpus); a model
     * holds one such count, so another corpus is another model.
     */
    public static DiffusionLM get(Path model, String device, Precision precision, Path ngramCorpus) {
        return get(model, device, precision, ngramCorpus, null, null);
    }

    /**
     * As above, the n-gram corpus read in {@code ngramLayout} with {@code ngramMultiword} (null: as
     * {@link DiffusionLM.Builder#optNgramCorpusReading} reads it by default); another reading is another model.
     * Only for a corpus named: the model's own is always read as its config.json records it was, as the annotator
     * refuses {@code NAME.ngramLayout} without {@code NAME.ngramCorpus}.
     *
     * @throws IllegalArgumentException when {@code ngramLayout} or {@code ngramMultiword} is given without
     *     {@code ngramCorpus}
     */
    public static DiffusionLM get(Path model, String device, Precision precision, Path ngramCorpus,
            CorpusLayout ngramLayout, MultiwordTokens ngramMultiword) {
        return get(model, device, precision, ngramCorpus, ngramLayout, ngramMultiword, LayoutOption.LIBRARY);
    }

    /**
     * As above (the same refusal of a reading without a corpus), a line of the n-gram corpus that does not fit its
     * layout named with {@code layoutOption} (an annotator's {@code NAME.ngramLayout} property). The name is not part
     * of what is shared: annotators of other names on the same model, corpus and reading share one model (loading it
     * twice for an error message's sake would double its native memory), and the counts' error, if any, names the first
     * one's.
     */
    public static DiffusionLM get(Path model, String device, Precision precision, Path ngramCorpus,
            CorpusLayout ngramLayout, MultiwordTokens ngramMultiword, LayoutOption layoutOption) {
        return get(model, device, precision, ngramCorpus, ngramLayout, ngramMultiword, layoutOption, null);
    }

    /**
     * As above, the model never writing {@code bannedWords} (null: {@link DiffusionLM#defaultBannedWords()};
     * {@link DiffusionLM.Builder#optBannedWords(java.util.Collection)}); other words are another model, as the
     * ban is set on its network.
     */
    public static DiffusionLM get(Path model, String device, Precision precision, Path ngramCorpus,
            CorpusLayout ngramLayout, MultiwordTokens ngramMultiword, LayoutOption layoutOption,
            Set<String> bannedWords) {
        return get(model, device, precision, ngramCorpus, ngramLayout, ngramMultiword, layoutOption, bannedWords, null,
                null);
    }

    /**
     * As above, for a server request when {@code limits} is not null: a model not loaded yet is loaded only while
     * fewer than {@link ServerLimits#maxModels} models loaded for requests are (those loaded off the server, the
     * operator's own, do not count); beyond, refused (an {@link IllegalArgumentException}; {@code annotator} names
     * it). Refused rather than making room by closing the least used: a model has no count of the documents
     * sampling from it at that moment, and closing it under them makes them sample again from the start on a model
     * loaded anew (a second close fails them: {@code ModelClosedException}).
     */
    static DiffusionLM get(Path model, String device, Precision precision, Path ngramCorpus,
            CorpusLayout ngramLayout, MultiwordTokens ngramMultiword, LayoutOption layoutOption,
            Set<String> bannedWords, String annotator, ServerLimits limits) {
        NgramCorpusParameters.requireCorpusForReading(ngramCorpus, ngramLayout, ngramMultiword);
        Path dir = (model != null ? model : DefaultModel.locate()).toAbsolutePath().normalize();
        Precision p = precision == null ? Precision.FP32 : precision;
        Path corpus = ngramCorpus == null ? null : ngramCorpus.toAbsolutePath().normalize();
        Set<String> banned = new TreeSet<>(bannedWords == null ? DiffusionLM.defaultBannedWords() : bannedWords);
        Device resolved = resolve(device);
        // keyed by where the files really are: two spellings of one directory (a link, /proc/self/root/...) are one
        // model, not two loads of it
        String key = real(dir) + "|" + Devices.name(resolved) + "|" + p + "|" + (corpus == null ? null : real(corpus))
                + "|" + ngramLayout + "|" + ngramMultiword + "|" + banned;
        Supplier<DiffusionLM> load = () -> load(dir, resolved, p, corpus, ngramLayout, ngramMultiword, layoutOption,
                banned);
        return limits == null ? shared(key, load) : sharedForRequests(key, load, annotator, limits);
    }

    /**
     * {@link #shared}, for a server request: a model not loaded nor loading yet is refused beyond
     * {@code limits.maxModels} (package-private for tests).
     */
    static DiffusionLM sharedForRequests(String key, Supplier<DiffusionLM> load, String annotator,
            ServerLimits limits) {
        while (true) {
            CompletableFuture<DiffusionLM> theirs = MODELS.get(key);
            if (theirs == null) {
                CompletableFuture<DiffusionLM> mine = new CompletableFuture<>();
                // FOR_REQUESTS's lock counts and claims, never loads: a request for a loaded model, or for another
                // new one, does not wait for this load, which takes seconds
                synchronized (FOR_REQUESTS) {
                    theirs = MODELS.get(key);
                    if (theirs == null) {
                        FOR_REQUESTS.removeIf(k -> !MODELS.containsKey(k)); // closed by closeAll, or failed to load
                        if (FOR_REQUESTS.size() >= limits.maxModels) {
                            throw tooMany(annotator, limits);
                        }
                        // counted while it loads: two new models at once cannot pass the limit
                        theirs = MODELS.putIfAbsent(key, mine); // another caller's, off the server, meanwhile
                        if (theirs == null) {
                            FOR_REQUESTS.add(key);
                        }
                    }
                }
                if (theirs == null) {
                    return loadInto(key, mine, load);
                }
            }
            DiffusionLM loaded = awaitLoad(theirs);
            if (loaded != null) {
                return loaded;
            }
        }
    }

    private static IllegalArgumentException tooMany(String annotator, ServerLimits limits) {
        String shown = Visible.of(annotator);
        return new IllegalArgumentException("annotator \"" + shown + "\": this request's model settings ("
                + shown + ".model, .device, .precision, .ngramCorpus and its reading, .bannedWords) need a model of"
                + " their own, and the server already holds " + FOR_REQUESTS.size() + " loaded for requests, its limit"
                + " (-D" + ServerLimits.MAX_MODELS + "=" + limits.maxModels + "): use the settings of earlier requests"
                + " (unset, the default model), or ask the operator to raise it");
    }

    /** {@code path}'s real path (links resolved), or itself where it is not there (its load then fails). */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path;
        }
    }

    /**
     * The device a name stands for, {@code auto} (or null) resolved to the engine's default, which is where
     * {@link DiffusionLM.Builder#optDevice} puts a model given none. The models are keyed by it: keyed by the name
     * as given, {@code auto} and {@code cpu} on a CPU machine were two keys and loaded the same model twice.
     *
     * @throws IllegalArgumentException for an unknown name, or a GPU this machine does not have
     */
    private static Device resolve(String device) {
        Device named = Devices.parse(device);
        return named != null ? named : Engine.getInstance().defaultDevice();
    }

    /**
     * The model under {@code key}, loaded by {@code load} if there is none yet (package-private for tests). No lock is
     * held while it loads: the map holds the load's future, so other keys are looked up and loaded meanwhile, and a
     * caller for the same key waits for that one load. ({@code ConcurrentHashMap.computeIfAbsent} loading in its
     * function held a lock of the map's for the seconds of the load, which every key of the same bin, and
     * {@link #closeAll()}, waited for.) A load that fails leaves nothing behind: its waiters try it again themselves,
     * each failing with its own error, as each caller of a failing load always did.
     */
    static DiffusionLM shared(String key, Supplier<DiffusionLM> load) {
        while (true) {
            CompletableFuture<DiffusionLM> mine = new CompletableFuture<>();
            CompletableFuture<DiffusionLM> theirs = MODELS.putIfAbsent(key, mine);
            if (theirs == null) {
                return loadInto(key, mine, load);
            }
            DiffusionLM loaded = awaitLoad(theirs);
            if (loaded != null) {
                return loaded;
            }
        }
    }

    /** Runs {@code load} for {@code key}, whose entry is {@code future}: completes it, or takes it out and rethrows. */
    private static DiffusionLM loadInto(String key, CompletableFuture<DiffusionLM> future, Supplier<DiffusionLM> load) {
        DiffusionLM lm;
        try {
            lm = load.get();
        } catch (RuntimeException | Error e) {
            MODELS.remove(key, future); // before its waiters wake: they must find no entry, and load it themselves
            future.completeExceptionally(e);
            throw e;
        }
        future.complete(lm);
        return lm;
    }

    /**
     * The model another caller's load gives, or null when that load failed (the caller then tries again). Waiting
     * answers an interrupt as sampling does (core's {@code Interruption}): a request the server timed out stops
     * waiting.
     */
    private static DiffusionLM awaitLoad(CompletableFuture<DiffusionLM> load) {
        try {
            return load.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // kept, as Interruption keeps it, for the caller's own handling
            throw new IllegalStateException("interrupted while waiting for another caller's load of the same model",
                    e);
        }
    }

    /** The model {@code load} gave, or null while it loads or where it failed. */
    private static DiffusionLM loaded(CompletableFuture<DiffusionLM> load) {
        return load.isDone() && !load.isCompletedExceptionally() ? load.join() : null;
    }

    /** How many models are loaded (one per distinct directory, device, precision and n-gram corpus). */
    public static int size() {
        return (int) MODELS.values().stream().filter(f -> loaded(f) != null).count();
    }

    /**
     * Closes every shared model, freeing its native memory. Annotators made before keep working and load
     * their model again on their next document. Each model's close waits for its calls in flight; a document whose
     * sampling calls the model again after it (its next infill round, say) meets a {@code ModelClosedException}, and
     * its annotator annotates it again, once, on the model loaded anew (a second close then fails it). Each model is
     * removed from the map and then closed, one by one, so exactly the removed models are closed: a model
     * that another thread is loading meanwhile is not loaded yet, so left in the map, and is the next {@link #get}'s
     * when its load ends (closing the values and then clearing the map dropped such a model unclosed, leaking its
     * native memory, while its caller kept using it). It waits for no load.
     */
    public static synchronized void closeAll() {
        for (Map.Entry<String, CompletableFuture<DiffusionLM>> e : MODELS.entrySet()) {
            DiffusionLM lm = loaded(e.getValue());
            if (lm != null && MODELS.remove(e.getKey(), e.getValue())) {
                lm.close();
            }
        }
    }

    private static DiffusionLM load(Path dir, Device device, Precision precision, Path ngramCorpus,
            CorpusLayout ngramLayout, MultiwordTokens ngramMultiword, LayoutOption layoutOption,
            Set<String> bannedWords) {
        DiffusionLM.Builder b = DiffusionLM.builder().optModel(dir).optDevice(device)
                .optPrecision(precision).optNgramCorpus(ngramCorpus).optNgramCorpusReading(ngramLayout, ngramMultiword)
                .optNgramLayoutOption(layoutOption).optBannedWords(bannedWords);
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the diffusion model " + Visible.of(String.valueOf(dir)) + ": "
                    + e.getMessage(), e);
        }
    }
}
