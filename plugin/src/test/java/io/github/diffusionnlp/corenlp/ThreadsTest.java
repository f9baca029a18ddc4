package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DiffusionLM;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pipeline with threads > 1: per-seed deterministic results; native memory flat over many documents. */
class ThreadsTest {
    static final List<String> DOCS = List.of(
            "The [MASK] of the committee said that the [MASK] was late.",
            "She bought a new car. It was [MASK] and fast.",
            "We walked to the old church on a cold morning.",
            "The [MASK] [MASK] quickly across the small field.",
            "Nobody knew why the big house was empty.",
            "They [MASK] the long letter twice and laughed.");

    static List<List<String>> run(StanfordCoreNLP pipeline, boolean parallel) throws InterruptedException {
        List<Annotation> docs = new ArrayList<>();
        for (String text : DOCS) {
            docs.add(new Annotation(text));
        }
        if (parallel) {
            CountDownLatch done = new CountDownLatch(docs.size());
            for (Annotation doc : docs) {
                pipeline.annotate(doc, d -> done.countDown()); // with threads > 1: one thread per document
            }
            assertTrue(done.await(5, TimeUnit.MINUTES));
        } else {
            docs.forEach(pipeline::annotate);
        }
        List<List<String>> out = new ArrayList<>();
        for (Annotation doc : docs) {
            assertNull(doc.get(CoreAnnotations.ExceptionAnnotation.class));
            out.add(words(doc));
        }
        return out;
    }

    @Test
    void threadedPipelineGivesTheSameWordsAsOneThreadForTheSameSeed() throws InterruptedException {
        // sampled (infill's default is greedy, which ignores the seed)
        String annotators = "tokenize,ssplit,pos,diffusion";
        List<List<String>> single = run(new StanfordCoreNLP(props(annotators, "diffusion.mask", "pos:ADJ",
                "diffusion.temperature", "1")), false);
        StanfordCoreNLP threaded = new StanfordCoreNLP(props(annotators, "diffusion.mask", "pos:ADJ",
                "diffusion.temperature", "1", "threads", "2"));
        assertEquals(single, run(threaded, true));
        assertEquals(single, run(threaded, true), "and again");
        List<List<String>> otherSeed = run(new StanfordCoreNLP(props(annotators, "diffusion.mask", "pos:ADJ",
                "diffusion.temperature", "1", "diffusion.seed", "12", "threads", "2")), true);
        assertNotEquals(single, otherSeed);
        for (List<String> doc : single) {
            assertTrue(!doc.contains(DiffusionLM.MASK), doc.toString());
        }
    }

    /**
     * 150 documents by default; {@code -Dplugin.memory.documents=4000} for the measurement in the
     * README (it prints resident memory after a warm-up and at the end).
     */
    @Test
    void nativeMemoryStaysFlatOverManyDocuments() throws Exception {
        int documents = Integer.getInteger("plugin.memory.documents", 150);
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1"));
        DiffusionLM lm = SharedModels.get(null, null);
        annotate(pipeline, "A [MASK] first.");
        int arrays = lm.liveArrays();
        StringBuilder rss = new StringBuilder();
        for (int i = 1; i <= documents; i++) {
            annotate(pipeline, "Document " + i + " has a [MASK] in it. And [MASK] more.");
            if (i == 100 || i % 1000 == 0) {
                System.gc();
                rss.append(String.format(" %d: %,d kB;", i, residentKb()));
            }
        }
        System.out.printf("%d documents, resident memory after%s live model arrays %d -> %d%n",
                documents, rss, arrays, lm.liveArrays());
        assertEquals(arrays, lm.liveArrays(), "the model holds no more native arrays after " + documents + " documents");
    }

    private static long residentKb() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
