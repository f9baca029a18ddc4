package io.github.diffusionnlp.evaluation;

import io.github.diffusionnlp.corpus.Upos;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;

/**
 * The POS judge: OpenNLP's {@code POSTaggerME} with the English UD-EWT model of Maven Central
 * ({@code org.apache.opennlp:opennlp-models-pos-en:1.3.0}, read from the classpath), which emits UD
 * UPOS tags. It was trained on the English Web Treebank, never on Brown or on our model's data.
 * Not thread-safe (POSTaggerME keeps state); use one per thread.
 */
public final class PosJudge {
    public static final String MODEL_RESOURCE = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private final POSTaggerME tagger;

    public PosJudge() throws IOException {
        // through the class loader: the model is a file at the root of OpenNLP's model jar, and
        // PosJudge.class.getResourceAsStream looks in this jar alone once it is a named module (on a module path)
        try (InputStream raw = PosJudge.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE.substring(1))) {
            if (raw == null) {
                throw new IOException(MODEL_RESOURCE + " is on neither the class path nor the module path"
                        + " (opennlp-models-pos-en is missing)");
            }
            tagger = new POSTaggerME(new POSModel(new BufferedInputStream(raw)), POSTagFormat.UD);
        }
    }

    /** One UPOS tag per token; a tag outside the 17 (none is expected) becomes X. */
    public List<Upos> tag(List<String> tokens) {
        List<Upos> out = new ArrayList<>(tokens.size());
        if (tokens.isEmpty()) {
            return out;
        }
        for (String t : tagger.tag(tokens.toArray(String[]::new))) {
            Upos u;
            try {
                u = Upos.parse(t);
            } catch (IllegalArgumentException e) {
                u = Upos.X;
            }
            out.add(u);
        }
        return out;
    }

    public String describe() {
        return "OpenNLP " + opennlp.tools.util.Version.currentVersion() + " POSTaggerME, "
                + MODEL_RESOURCE.substring(1) + " (UD English-EWT, UPOS)";
    }
}
