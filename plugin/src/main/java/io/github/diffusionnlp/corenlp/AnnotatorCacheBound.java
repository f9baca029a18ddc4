package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.Lazy;
import edu.stanford.nlp.util.PropertiesUtils;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps at most {@link #CAP} of this plugin's annotators in CoreNLP's {@link StanfordCoreNLP#GLOBAL_ANNOTATOR_CACHE}.
 *
 * <p>CoreNLP (4.5.10) keeps there, for the JVM's life, one entry per annotator name and signature of its
 * {@code NAME.*} properties ({@link PropertiesUtils#getSignature}, computed from the properties before the
 * annotator is made, so an annotator cannot leave a property out of it): the key, and a supplier holding the
 * pipeline's {@code Properties} strongly (the annotator itself only softly). A server whose clients send a
 * {@code diffusion.seed}, {@code keep}, {@code syntax} or {@code mask} of their own with each request therefore
 * grew by an entry, an annotator and its settings per request (about 2.4 kB each, measured over 1,500 requests).
 *
 * <p>So each {@link DiffusionAnnotator} made records its entry here, and the oldest recorded entries beyond the
 * cap are removed from CoreNLP's cache. Only entries this plugin made are touched, each removed only if it
 * still holds the very supplier recorded ({@code ConcurrentHashMap.remove(key, value)}, atomic). A pipeline
 * that already holds an evicted annotator keeps using it; the next pipeline with those properties makes a new
 * one (its properties read and checked again, its model still the shared one: {@link SharedModels}).
 */
final class AnnotatorCacheBound {
    /** How many of this plugin's annotators CoreNLP's cache keeps: distinct {@code NAME.*} property sets. */
    static final int CAP = 256;

    // oldest first; guarded by itself. Holds at most CAP + 1 keys and suppliers, all in CoreNLP's cache anyway.
    private static final Map<StanfordCoreNLP.AnnotatorSignature, Lazy<Annotator>> MADE = new LinkedHashMap<>();

    private AnnotatorCacheBound() {}

    /**
     * Records that a diffusion annotator is being made for {@code name} and {@code props}, and evicts the oldest
     * recorded entries beyond the cap. Called from the annotator's constructor, which CoreNLP runs inside the
     * cache entry's {@link Lazy#get()}, never inside the map's own computation, so removing from the map is safe.
     * An annotator made directly ({@code new DiffusionAnnotator(…)}, no cache entry) records nothing.
     */
    static void made(String name, Properties props) {
        StanfordCoreNLP.AnnotatorSignature key = new StanfordCoreNLP.AnnotatorSignature(name,
                PropertiesUtils.getSignature(name, props));
        Lazy<Annotator> entry = StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.get(key);
        synchronized (MADE) {
            MADE.remove(key); // made again (CoreNLP's soft reference was cleared): now the newest
            if (entry != null && ours(entry)) {
                MADE.put(key, entry);
            }
            Iterator<Map.Entry<StanfordCoreNLP.AnnotatorSignature, Lazy<Annotator>>> oldest = MADE.entrySet().iterator();
            while (MADE.size() > CAP) {
                Map.Entry<StanfordCoreNLP.AnnotatorSignature, Lazy<Annotator>> e = oldest.next();
                StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.remove(e.getKey(), e.getValue());
                oldest.remove();
            }
        }
    }

    /**
     * Whether a cache entry under our name and signature is ours: being made now (not yet defined) or made
     * before as a diffusion annotator. Another class registered under the same name and {@code NAME.*}
     * properties (a {@code customAnnotatorClass} changed in the same JVM) is left alone.
     */
    private static boolean ours(Lazy<Annotator> entry) {
        Annotator made = entry.getIfDefined();
        return made == null || made instanceof DiffusionAnnotator;
    }
}
