package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.corpus.TaggedSentence;
import io.github.diffusionnlp.eval.InfillEvaluation;
import io.github.diffusionnlp.model.QuoteSpelling;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.eval.EvaluationMonitor;
import opennlp.tools.util.eval.Evaluator;
import opennlp.tools.util.eval.Mean;

/**
 * Infill accuracy on reference sentences, as OpenNLP's {@code POSEvaluator} measures a tagger: each
 * reference {@link POSSample} has one non-punctuation word (or, with a span width of 3, three consecutive
 * words) masked, {@link InfillerME} fills it, and {@link #getWordAccuracy()} is the share of masked words
 * filled with the reference word. The masked positions follow core's {@code evaluate} ({@link
 * InfillEvaluation#maskedPosition}, {@link InfillEvaluation#spanStart}), drawn from one {@code Random(seed)}
 * in sample order, and the same sentences are skipped: fewer than 4 tokens, more than the model's
 * positions, or all punctuation ({@link #getSkippedCount()}; monitors do not see them). Core draws its
 * sentences from a shuffled pool, so its figure on a corpus is comparable to this one but not equal.
 *
 * <p>Monitors get {@code misclassified(reference, predicted)} when a masked word is filled wrongly, the
 * predicted sample being the reference with the filled words (and the reference tags), and {@code
 * correctlyClassified} otherwise. {@link #evaluate(ObjectStream)} fills {@link
 * io.github.diffusionnlp.api.SamplingOptions#batchSize()} sentences per call to the model; {@link
 * #evaluateSample} fills one. Sentence i of the run is sampled as sentence i of one call of the infiller's
 * options (which matters only when its temperature is above 0).
 */
public class InfillerEvaluator extends Evaluator<POSSample> {
    private final InfillerME infiller;
    private final int width;
    private final int maxLength;
    /** The model's words, to read a reference's quotes as the model reads them ({@link QuoteSpelling#asRead}). */
    private final Vocabulary vocabulary;
    private final Random random;
    private final Mean wordAccuracy = new Mean();
    /** Fills made ahead by {@link #evaluate} for the samples it then hands to {@link #evaluateSample}, in order. */
    private final Queue<Filled> ahead = new ArrayDeque<>();
    /** Sentences filled so far: the next one is sampled as sentence this of one call. */
    private long filledSentences;
    private long sentences;
    private long skipped;

    /** A sample's masked positions and the infiller's tokens for it. */
    private record Filled(int[] positions, String[] tokens) {}

    /** Masks one word per sentence. */
    @SafeVarargs
    public InfillerEvaluator(InfillerME infiller, long seed, EvaluationMonitor<POSSample>... monitors) {
        this(infiller, seed, 1, monitors);
    }

    /**
     * @param spanWidth 1 (one non-punctuation word per sentence, core's "single token" task) or 3 (three
     *     consecutive words, any, core's "3-token span")
     */
    @SafeVarargs
    public InfillerEvaluator(InfillerME infiller, long seed, int spanWidth, EvaluationMonitor<POSSample>... monitors) {
        super(monitors);
        this.infiller = Objects.requireNonNull(infiller, "infiller");
        if (spanWidth != 1 && spanWidth != 3) {
            throw new IllegalArgumentException("the span width is 1 (one word) or 3 (three words), as in core's"
                    + " evaluate; got " + spanWidth);
        }
        this.width = spanWidth;
        this.maxLength = infiller.getModel().getDiffusionLM().info().config().maxLength();
        this.vocabulary = infiller.getModel().getDiffusionLM().vocabulary();
        this.random = new Random(seed);
    }

    /** Skips a sentence core's evaluation would not draw; evaluates the others (see the class comment). */
    @Override
    public void evaluateSample(POSSample reference) {
        if (!InfillEvaluation.usable(ModelTraining.tagged(reference), maxLength)) {
            skipped++;
            return;
        }
        sentences++;
        super.evaluateSample(reference);
    }

    /**
     * Evaluates every sample of the stream, filling a batch of sentences per call to the model (one call a
     * sentence would take several times as long) and then handing each sample to {@link #evaluateSample},
     * in order, so that monitors and the masked positions are as one by one.
     */
    @Override
    public void evaluate(ObjectStream<POSSample> samples) throws IOException {
        int batch = infiller.getSamplingOptions().batchSize();
        List<POSSample> read = new ArrayList<>(batch);
        List<String[]> masked = new ArrayList<>(batch);
        List<int[]> positions = new ArrayList<>(batch);
        for (POSSample s = samples.read(); s != null; s = samples.read()) {
            read.add(s);
            TaggedSentence tagged = ModelTraining.tagged(s);
            if (InfillEvaluation.usable(tagged, maxLength)) { // evaluateSample skips the others
                int[] p = positions(tagged);
                positions.add(p);
                masked.add(mask(s.getSentence(), p));
            }
            if (masked.size() == batch) {
                evaluateBatch(read, masked, positions);
            }
        }
        evaluateBatch(read, masked, positions);
    }

    private void evaluateBatch(List<POSSample> read, List<String[]> masked, List<int[]> positions) {
        if (!masked.isEmpty()) {
            String[][] filled = infiller.infillFrom(masked.toArray(String[][]::new), filledSentences);
            filledSentences += filled.length;
            for (int i = 0; i < filled.length; i++) {
                ahead.add(new Filled(positions.get(i), filled[i]));
            }
        }
        for (POSSample s : read) {
            evaluateSample(s);
        }
        read.clear();
        masked.clear();
        positions.clear();
    }

    @Override
    protected POSSample processSample(POSSample reference) {
        Filled filled = ahead.poll();
        if (filled == null) { // evaluateSample called directly: fill this sentence alone
            int[] p = positions(ModelTraining.tagged(reference));
            filled = new Filled(p, infiller.infillFrom(new String[][] {mask(reference.getSentence(), p)},
                    filledSentences++)[0]);
        }
        String[] truth = reference.getSentence();
        String[] tokens = filled.tokens().clone();
        // A quote is compared as the model reads the reference's: a model of Brown's spelling writes `` and '' where
        // OpenNLP's tokenizer wrote ", and such a fill was counted wrong though it is the same quote (an opening
        // one where the reference's opens; core's QuoteSpelling decides it from the sentence, as for the input).
        List<String> truthAsRead = QuoteSpelling.asRead(Arrays.asList(truth), vocabulary);
        for (int p : filled.positions()) {
            boolean right = truth[p].equals(tokens[p]) || truthAsRead.get(p).equals(tokens[p]);
            if (right) {
                tokens[p] = truth[p]; // the monitors, which compare the samples, see the reference's spelling
            }
            wordAccuracy.add(right ? 1 : 0);
        }
        return new POSSample(tokens, reference.getTags());
    }

    /** The positions to mask in {@code s}, drawn by core's rule from this evaluator's random stream. */
    private int[] positions(TaggedSentence s) {
        if (width == 1) {
            return new int[] {InfillEvaluation.maskedPosition(s, random)};
        }
        int start = InfillEvaluation.spanStart(s, width, random);
        int[] p = new int[width];
        Arrays.setAll(p, i -> start + i);
        return p;
    }

    private static String[] mask(String[] words, int[] positions) {
        String[] masked = words.clone();
        for (int p : positions) {
            masked[p] = InfillerME.MASK;
        }
        return masked;
    }

    /** The share of masked words filled with the reference word, in [0, 1]; -1 before any (as {@link Mean}). */
    public double getWordAccuracy() {
        return wordAccuracy.mean();
    }

    /** How many words were masked and filled. */
    public long getWordCount() {
        return wordAccuracy.count();
    }

    /** How many sentences were evaluated. */
    public long getSentenceCount() {
        return sentences;
    }

    /** How many sentences were skipped: fewer than 4 tokens, more than the model's positions, or all punctuation. */
    public long getSkippedCount() {
        return skipped;
    }

    @Override
    public String toString() {
        return "Accuracy: " + wordAccuracy.mean() + "\nNumber of Words: " + wordAccuracy.count();
    }
}
