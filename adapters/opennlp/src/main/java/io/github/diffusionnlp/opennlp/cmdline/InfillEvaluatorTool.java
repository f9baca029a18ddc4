package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.ShellQuoted;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.InfillerEvaluator;
import io.github.diffusionnlp.opennlp.InfillerME;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opennlp.tools.cmdline.EvaluationErrorPrinter;
import opennlp.tools.cmdline.PerformanceMonitor;
import opennlp.tools.cmdline.TerminateToolException;
import opennlp.tools.postag.POSSample;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.eval.EvaluationMonitor;

/**
 * {@code InfillEvaluator}: infill accuracy on {@code word_TAG} reference sentences, as OpenNLP's {@code
 * POSTaggerEvaluator} measures a tagger ({@link InfillerEvaluator}): "Accuracy: 0.xxxx" and the counts on
 * stdout; "Evaluating ...", throughput ({@code PerformanceMonitor}) and, with {@code -misclassified true},
 * each sentence filled wrongly on stderr.
 */
final class InfillEvaluatorTool extends CmdTool<Params.EvaluatorParams> {
    InfillEvaluatorTool() {
        super(Params.EvaluatorParams.class);
    }

    @Override
    String name() {
        return "InfillEvaluator";
    }

    @Override
    String description() {
        return "Measures infill accuracy on word_TAG reference sentences, one masked word (or 3) per sentence.";
    }

    @Override
    void run(Params.EvaluatorParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Path data = readableFile("-data", p.getData());
        Charset charset = charset("-encoding", p.getEncoding());
        if (p.getSpan() != 1 && p.getSpan() != 3) {
            throw badParameter("-span " + p.getSpan() + ": 1 (one word a sentence) or 3 (three consecutive words)");
        }
        checkSampling(p);
        List<POSSample> samples = samples(data, charset);
        if (samples.isEmpty()) { // as Train refuses it, before the model loads and "Evaluating ..." counts nothing
            throw new TerminateToolException(BAD_PARAMETERS, "-data " + Visible.of(p.getData()) + ": no word_TAG"
                    + " sentence to evaluate (the file is empty or has only blank lines); give one sentence a line,"
                    + " e.g. The_DET jury_NOUN said_VERB ._PUNCT");
        }
        try (DiffusionModel model = loadModel(p, p)) {
            SamplingOptions options = sampling(p, model);
            PerformanceMonitor monitor = new FirstResultMonitor(err, "sent");
            List<EvaluationMonitor<POSSample>> monitors = new ArrayList<>(List.of(counting(monitor)));
            if (p.getMisclassified()) {
                monitors.add(new MisclassifiedPrinter(err));
            }
            @SuppressWarnings("unchecked")
            InfillerEvaluator evaluator = new InfillerEvaluator(new InfillerME(model, options), options.seed(),
                    p.getSpan(), monitors.toArray(EvaluationMonitor[]::new));
            err.println("Evaluating ...");
            monitor.start();
            try {
                evaluator.evaluate(ObjectStreamUtils.createObjectStream(samples));
            } finally {
                monitor.stopAndPrintFinalResult();
            }
            if (evaluator.getSentenceCount() == 0) {
                throw new TerminateToolException(BAD_PARAMETERS, "-data " + Visible.of(p.getData())
                        + ": no sentence to evaluate (" + evaluator.getSkippedCount() + " read, each shorter than 4"
                        + " tokens, longer than the model's "
                        + model.getDiffusionLM().info().config().maxLength() + " or all punctuation); give word_TAG"
                        + " sentences, one a line");
            }
            out.printf(Locale.ROOT, "Accuracy: %.4f%n", evaluator.getWordAccuracy());
            out.printf(Locale.ROOT, "Sentences: %d evaluated, %d skipped (shorter than 4 tokens, longer than %d or all"
                    + " punctuation); masked words: %d, at %s, seed %d%n", evaluator.getSentenceCount(),
                    evaluator.getSkippedCount(), model.getDiffusionLM().info().config().maxLength(),
                    evaluator.getWordCount(), Counted.of(options.steps(), "step", "steps"), options.seed());
        }
    }

    /**
     * Every sentence of {@code data}, read before the model is loaded and anything is evaluated, so that a line
     * that is not {@code word_TAG} tokens is refused alone, as the other tools refuse bad data, not after
     * "Evaluating ..." and OpenNLP's throughput of 0 sentences. (A held-out file: small beside the model.)
     */
    private static List<POSSample> samples(Path data, Charset charset) throws IOException {
        String untagged = "; untagged text is evaluated by the command-line tool, which reads plain text: java -jar"
                + " diffusion-nlp.jar evaluate --model DIR --heldout " + ShellQuoted.of(Visible.of(data))
                + " --layout plain";
        List<POSSample> samples = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(data, charset)) {
            WordTagLines lines = new WordTagLines(reader, data, charset, untagged);
            for (POSSample sample = lines.read(); sample != null; sample = lines.read()) {
                samples.add(sample);
            }
        } catch (InvalidFormatException e) {
            throw new TerminateToolException(BAD_PARAMETERS, "-data: " + e.getMessage());
        }
        return samples;
    }

    /** Counts evaluated sentences into {@code monitor} (skipped ones are not evaluated, so not counted). */
    private static EvaluationMonitor<POSSample> counting(PerformanceMonitor monitor) {
        return new EvaluationMonitor<>() {
            @Override
            public void correctlyClassified(POSSample reference, POSSample prediction) {
                monitor.incrementCounter();
            }

            @Override
            public void misclassified(POSSample reference, POSSample prediction) {
                monitor.incrementCounter();
            }
        };
    }

    /**
     * Prints a sentence filled wrongly as OpenNLP's {@code POSEvaluationErrorListener} prints a mistagged one:
     * both samples, then each wrong word as "reference | filled".
     */
    static final class MisclassifiedPrinter extends EvaluationErrorPrinter<POSSample> {
        MisclassifiedPrinter(PrintStream err) {
            super(err);
        }

        @Override
        public void misclassified(POSSample reference, POSSample prediction) {
            printError(reference.getSentence(), prediction.getSentence(), reference, prediction,
                    reference.getSentence());
        }
    }
}
