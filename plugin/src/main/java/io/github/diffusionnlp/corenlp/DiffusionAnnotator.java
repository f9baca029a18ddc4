package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.Lazy;
import edu.stanford.nlp.util.PropertiesUtils;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.corpus.Visible;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Properties;
import java.util.Set;

/**
 * The diffusion language model as a CoreNLP annotator: infill, rewrite or generate.
 *
 * <pre>
 * annotators = tokenize,ssplit,pos,diffusion
 * customAnnotatorClass.diffusion = io.github.diffusionnlp.corenlp.DiffusionAnnotator
 * diffusion.task = infill
 * </pre>
 *
 * <p>Every {@code NAME.*} property is read and checked at construction, and the model is loaded then too
 * (plugin/README.md lists the properties; the work itself is package-private). A bad property or a model that
 * cannot be loaded throws {@link IllegalArgumentException} or {@link UncheckedIOException} (or what the engine
 * throws, such as DJL's {@code EngineException}) from the constructor, so a pipeline fails as it is built — with one
 * exception. CoreNLP's server builds a request's
 * pipeline inside its request handler and answers a constructor's failure with CoreNLP's own wrapper
 * ("MetaClass couldn't create …"), never its cause, so the client would not learn what was wrong. When made
 * on a server's request thread, this annotator therefore keeps the failure and throws it from {@link #annotate}
 * instead, where the server does pass the message on (HTTP 500, "…ExecutionException:
 * java.lang.IllegalArgumentException: annotator "diffusion": bad diffusion.steps = …"). A later request makes its own
 * annotator, or (CoreNLP's server reuses its last pipeline for a request with exactly the same properties) this
 * one tries the properties again on its next document: either way a model put in place since is found.
 *
 * <p>One instance per pipeline: besides its {@code NAME.*} properties, an instance fixes what the rest of its
 * pipeline's properties say (the tokenizer that reads the words it writes, the {@code pos} that tags them, whether
 * {@code pos} runs before it). CoreNLP keeps the annotators it makes in
 * {@link StanfordCoreNLP#GLOBAL_ANNOTATOR_CACHE}, keyed by name and {@code NAME.*} properties alone, and hands the
 * kept instance to every later pipeline with the same {@code NAME.*}: so the constructor takes this instance's
 * entry out of that cache (plugin/README.md, <i>Threads, the server, memory</i>). The model is shared all the same
 * ({@link SharedModels}).
 */
public class DiffusionAnnotator implements Annotator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiffusionAnnotator.class);

    private final String name;
    private final Properties props;
    private final boolean forRequest; // made for a server request: its properties are the client's
    private volatile ConfiguredAnnotator configured; // null only while made on a server thread with bad properties

    public DiffusionAnnotator(String name, Properties props) {
        this.name = name;
        this.props = props;
        this.forRequest = ServerRequests.isHandlerThread();
        leaveCoreNLPsCache(name, props); // refused or not: the next pipeline makes its own
        try {
            this.configured = new ConfiguredAnnotator(name, props, limits());
        } catch (RuntimeException e) {
            // not only ours: DJL's EngineException on a load, say, reads no better as MetaClass's
            if (!forRequest) {
                throw e;
            }
            LOG.warn("annotator \"{}\" refuses the server requests made with these properties: {}", Visible.of(name),
                    e.getMessage());
        }
    }

    /**
     * Takes the entry CoreNLP made for this instance out of its annotator cache, so that the next pipeline with
     * these {@code NAME.*} properties makes its own annotator from its own properties, and the cache does not keep
     * one entry, holding a pipeline's {@code Properties}, per property set for the JVM's life. CoreNLP (4.5.10)
     * makes a custom annotator inside the entry's {@link Lazy#get()}, not inside the map's {@code computeIfAbsent},
     * so the map may be changed here; the pipeline being built has already registered the entry in its own
     * {@code AnnotatorPool}, whose {@code get} returns this instance and which the pipeline holds strongly.
     *
     * <p>Only an entry that is being made now (not yet defined, or collected) or holds one of ours is removed,
     * atomically and only if it is still the one read: another class registered under the same name and
     * signature is left alone. An annotator made directly ({@code new DiffusionAnnotator(…)}) has no entry.
     * CoreNLP hands out the entry itself, not a copy: a pipeline that another thread starts building with the same
     * {@code NAME.*} in the moment between this pipeline's start and this constructor (while it gets its
     * {@code tokenize}, {@code ssplit}, {@code pos}) still shares this instance (plugin/README.md,
     * <i>Known limits</i>).
     */
    private static void leaveCoreNLPsCache(String name, Properties props) {
        StanfordCoreNLP.AnnotatorSignature key = new StanfordCoreNLP.AnnotatorSignature(name,
                PropertiesUtils.getSignature(name, props));
        Lazy<Annotator> entry = StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.get(key);
        if (entry != null && (entry.getIfDefined() == null || entry.getIfDefined() instanceof DiffusionAnnotator)) {
            StanfordCoreNLP.GLOBAL_ANNOTATOR_CACHE.remove(key, entry);
        }
    }

    /**
     * The operator's limits on what a server request may ask ({@link ServerLimits}), or null for an annotator
     * made off the server, whose properties are its user's own. Read when made: a bad system property is the
     * request's error, and the operator's to fix.
     */
    private ServerLimits limits() {
        return forRequest ? ServerLimits.fromSystemProperties() : null;
    }

    /** The working annotator: made at construction, or tried again now if that failed on a server thread. */
    private ConfiguredAnnotator configured() {
        ConfiguredAnnotator c = configured;
        if (c == null) {
            c = new ConfiguredAnnotator(name, props, limits()); // throws what the constructor kept, or works now
            configured = c;
        }
        return c;
    }

    /** The checked {@code NAME.*} properties. */
    public DiffusionSettings settings() {
        return configured().settings();
    }

    /**
     * The shared model this annotator samples from, looked up on every call (a document after
     * {@link SharedModels#closeAll()} loads it again).
     */
    public DiffusionLM model() {
        return configured().model();
    }

    @Override
    public void annotate(Annotation doc) {
        try {
            configured().annotate(doc);
        } catch (RuntimeException e) {
            throw ServerRequests.isHandlerThread() ? inAscii(e) : e;
        }
    }

    /**
     * {@code e} with its message in ASCII, every other character written {@code <U+XXXX>}. CoreNLP's server (4.5.10)
     * answers a failed request with the message, declaring its length in chars and writing it in bytes, so a message
     * holding one character outside ASCII (the client's own value, such as a sentiment spelled {@code positivé}, or
     * a dash) reached the client as an empty body its HTTP client refused ("fixed content-length: 298, bytes
     * received: 0"). The type stays for our own refusals; another becomes an {@link IllegalStateException} that
     * names it. The original is the cause, for the server's log.
     */
    static RuntimeException inAscii(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.equals(Visible.inAscii(message))) {
            return e;
        }
        if (e instanceof IllegalArgumentException) {
            return new IllegalArgumentException(Visible.inAscii(message), e);
        }
        return new IllegalStateException(Visible.inAscii(e instanceof IllegalStateException ? message : e.toString()),
                e);
    }

    // Refused on a server thread: nothing is required or satisfied, so that the pipeline is built and the
    // request reaches annotate, which answers it with the message.

    @Override
    public Set<Class<? extends CoreAnnotation>> requirementsSatisfied() {
        ConfiguredAnnotator c = configured;
        return c == null ? Set.of() : c.requirementsSatisfied();
    }

    @Override
    public Set<Class<? extends CoreAnnotation>> requires() {
        ConfiguredAnnotator c = configured;
        return c == null ? Set.of() : c.requires();
    }

    @Override
    public Collection<String> exactRequirements() {
        ConfiguredAnnotator c = configured;
        return c == null ? Set.of() : c.exactRequirements();
    }
}
