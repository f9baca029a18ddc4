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
import java.util.function.IntFunction;
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

    /**
     * For {@code syntax=keep}: sentences holding masks (core fills them, the pipeline's {@code pos} tags the filled
     * words, the rewrite follows those tags), sentences of fewer tokens than {@code keep = 1,10} names, left as they
     * are (given to core empty, their masks kept), documents holding both, and a sentence longer than the model
     * (rewritten window by window, under the tags of its filled words).
     */
    static final List<String> KEEP_DOCS = List.of(
            "The [MASK] of the committee said that the [MASK] was late.",
            "She bought a new car. It was [MASK] and fast.",
            "We walked to the old church on a [MASK] morning with the children.",
            "The [MASK] [MASK] quickly across the small field near the old mill.",
            "Nobody knew why the big house on the hill was empty all [MASK].",
            "They [MASK] the letter. Then they [MASK] the whole long story again and laughed at the end.",
            "the dog saw a cat , ".repeat(14) + "and it [MASK] ."); // 88 tokens: core's windows, its whole tags

    static List<List<String>> run(StanfordCoreNLP pipeline, boolean parallel) throws InterruptedException {
        return run(pipeline, DOCS, parallel);
    }

    static List<List<String>> run(StanfordCoreNLP pipeline, List<String> texts, boolean parallel)
            throws InterruptedException {
        List<Annotation> docs = new ArrayList<>();
        for (String text : texts) {
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
     * The CoreNLP server calls one pipeline's {@code annotate} from a thread per request: rewrites under {@code
     * syntax=keep} of documents holding masks (each tagged twice by the pipeline's shared {@code pos}: the document,
     * then a sentence's filled words inside core's call, its template and kept nouns read off them) give on every
     * thread what one thread gives, through {@code threads} and through one pipeline called from a pool at once, and
     * again.
     */
    @Test
    void keptSyntaxRewritesOfMaskedDocumentsOnManyThreadsGiveWhatOneThreadGives() throws Exception {
        // NOUN: a masked sentence's kept classes are read off its filled words' tags, inside core's call, and
        // written into that document's keep masks by a callback of the thread annotating it (audit h215)
        String[] settings = {"diffusion.task", "rewrite", "diffusion.syntax", "keep", "diffusion.keep", "1,10,NOUN"};
        String annotators = "tokenize,ssplit,pos,diffusion";
        List<List<String>> single = run(new StanfordCoreNLP(props(annotators, settings)), KEEP_DOCS, false);
        List<List<String>> read = new ArrayList<>(); // the words as read, a mask one token as the annotator makes it
        for (List<String> doc : run(new StanfordCoreNLP(props("tokenize,ssplit")), KEEP_DOCS, false)) {
            read.add(List.of(String.join(" ", doc).replace("[ MASK ]", DiffusionLM.MASK).split(" ")));
        }
        for (int d = 0; d < KEEP_DOCS.size(); d++) {
            if (d == 1) { // both its sentences left as they are, their masks masks
                assertEquals(read.get(d), single.get(d));
                continue;
            }
            assertNotEquals(read.get(d), single.get(d), "rewritten");
            assertTrue(!single.get(d).contains("MASK") && !single.get(d).contains(DiffusionLM.MASK)
                    || d == 5, "filled: " + single.get(d)); // 5 holds a sentence left as it is
        }
        List<String> otherSeed = new ArrayList<>(List.of(settings));
        otherSeed.addAll(List.of("diffusion.seed", "12"));
        assertNotEquals(single, run(new StanfordCoreNLP(props(annotators, otherSeed.toArray(String[]::new))),
                KEEP_DOCS, false), "the words are the seed's: equal runs are no accident");
        List<String> both = new ArrayList<>(List.of(settings));
        both.addAll(List.of("threads", "2"));
        StanfordCoreNLP threaded = new StanfordCoreNLP(props(annotators, both.toArray(String[]::new)));
        assertEquals(single, run(threaded, KEEP_DOCS, true), "threads = 2");
        StanfordCoreNLP shared = new StanfordCoreNLP(props(annotators, settings));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<String> doubled = new ArrayList<>(KEEP_DOCS);
        doubled.addAll(KEEP_DOCS);
        try {
            for (int round = 0; round < 2; round++) {
                List<java.util.concurrent.Future<List<String>>> futures = new ArrayList<>();
                for (String text : doubled) { // each document twice: the same text on two threads at once too
                    futures.add(pool.submit(() -> {
                        Annotation doc = new Annotation(text);
                        shared.annotate(doc);
                        assertNull(doc.get(CoreAnnotations.ExceptionAnnotation.class));
                        return words(doc);
                    }));
                }
                List<List<String>> out = new ArrayList<>();
                for (java.util.concurrent.Future<List<String>> f : futures) {
                    out.add(f.get(5, TimeUnit.MINUTES));
                }
                assertEquals(single, out.subList(0, KEEP_DOCS.size()), "one pipeline from 4 threads, round " + round);
                assertEquals(single, out.subList(KEEP_DOCS.size(), out.size()), "and the second copies");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 150 documents by default; {@code -Dplugin.memory.documents=4000} for the measurement in the
     * README (it prints resident memory after a warm-up and at the end).
     */
    @Test
    void nativeMemoryStaysFlatOverManyDocuments() throws Exception {
        memoryStaysFlat(new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.steps", "1")),
                "A [MASK] first.", i -> "Document " + i + " has a [MASK] in it. And [MASK] more.");
    }

    /**
     * The day's new paths as {@link #nativeMemoryStaysFlatOverManyDocuments}: a rewrite under {@code syntax=keep}
     * of masked sentences (filled, tagged by the pipeline's {@code pos}, rewritten) and of a sentence left as it is
     * ({@code keep = 1,9} past its end: given to core empty, its mask kept); same property, same measurement.
     */
    @Test
    void keptSyntaxRewritesOfMaskedDocumentsHoldNoMoreArrays() throws Exception {
        memoryStaysFlat(new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.steps", "1",
                "diffusion.task", "rewrite", "diffusion.syntax", "keep", "diffusion.keep", "1,9")),
                "Document 0 has a [MASK] in it , we think. And [MASK] more.",
                i -> "Document " + i + " has a [MASK] in it , we think. And [MASK] more.");
    }

    private static void memoryStaysFlat(StanfordCoreNLP pipeline, String first, IntFunction<String> text)
            throws Exception {
        int documents = Integer.getInteger("plugin.memory.documents", 150);
        DiffusionLM lm = SharedModels.get(null, null);
        annotate(pipeline, first);
        int arrays = lm.liveArrays();
        StringBuilder rss = new StringBuilder();
        for (int i = 1; i <= documents; i++) {
            annotate(pipeline, text.apply(i));
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
