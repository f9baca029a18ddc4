package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import io.github.diffusionnlp.api.DiffusionLM;
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
 * java.lang.IllegalArgumentException: annotator "diffusion": bad diffusion.steps = …"). CoreNLP reuses the
 * instance for later requests with the same {@code NAME.*} properties; each of them tries the properties again,
 * so a model put in place since is found.
 *
 * <p>CoreNLP's annotator cache keeps one instance per distinct {@code NAME.*} property set; of this class's, only
 * the 256 made last (plugin/README.md, <i>Threads, the server, memory</i>), so per-request values (a seed, a
 * template) do not grow a server's heap without end.
 */
public class DiffusionAnnotator implements Annotator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiffusionAnnotator.class);

    private final String name;
    private final Properties props;
    private volatile ConfiguredAnnotator configured; // null only while made on a server thread with bad properties

    public DiffusionAnnotator(String name, Properties props) {
        this.name = name;
        this.props = props;
        AnnotatorCacheBound.made(name, props); // refused or not, CoreNLP caches this instance: bound how many
        try {
            this.configured = new ConfiguredAnnotator(name, props);
        } catch (RuntimeException e) { // not only ours: DJL's EngineException on a load, say, reads no better as MetaClass's
            if (!ServerRequests.isHandlerThread()) {
                throw e;
            }
            LOG.warn("annotator \"{}\" refuses the server requests made with these properties: {}", name,
                    e.getMessage());
        }
    }

    /** The working annotator: made at construction, or tried again now if that failed on a server thread. */
    private ConfiguredAnnotator configured() {
        ConfiguredAnnotator c = configured;
        if (c == null) {
            c = new ConfiguredAnnotator(name, props); // throws what the constructor kept, or works now
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
        configured().annotate(doc);
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
