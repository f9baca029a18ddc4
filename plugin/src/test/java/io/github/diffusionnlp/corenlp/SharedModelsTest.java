package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link SharedModels#closeAll}: the pipelines made before it. */
class SharedModelsTest {

    @Test
    void pipelinesMadeBeforeCloseAllLoadTheModelAgain() {
        Properties props = Pipelines.props("tokenize,ssplit,diffusion", "diffusion.steps", "1");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        List<String> before = words(annotate(pipeline, "The [MASK] was late."));
        SharedModels.closeAll();
        // the same pipeline, and a new one with the same properties (CoreNLP hands it the pooled annotator)
        assertEquals(before, words(annotate(pipeline, "The [MASK] was late.")));
        assertEquals(before, words(annotate(new StanfordCoreNLP(props), "The [MASK] was late.")));
        assertEquals(1, SharedModels.size(), "loaded again once");
    }
}
