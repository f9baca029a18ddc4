package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.InfillerME;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.cmdline.PerformanceMonitor;
import opennlp.tools.tokenize.Detokenizer;

/**
 * {@code Infill}: reads lines, fills each {@code [MASK]} with one word, writes one line per input line.
 * Raw text is split into sentences and tokens by OpenNLP's English models (a line's sentences are
 * written back on its one line); {@code -tokenized true} reads whitespace-separated tokens. Output is
 * whitespace-separated tokens, or detokenized text with {@code -detokenize true}. Blank lines, lines
 * that are not UTF-8 text and lines longer than {@value #MAX_LINE_CHARS} characters pass through
 * unchanged (the last two with a message on stderr naming the line).
 */
final class InfillTool extends CmdTool<Params.InfillParams> {
    static final int MAX_LINE_CHARS = 1_000_000;

    InfillTool() {
        super(Params.InfillParams.class);
    }

    @Override
    String name() {
        return "Infill";
    }

    @Override
    String description() {
        return "Fills each [MASK] of the input with one word; one output line per input line.";
    }

    /** A line on its way through: passed through as it was, or its sentences to fill and write. */
    private static final class Pending {
        final InputLines.Line line;
        final List<String[]> sentences;
        final List<Integer> toFill = new ArrayList<>(); // indexes into the batch's sentence list

        Pending(InputLines.Line line, List<String[]> sentences) {
            this.line = line;
            this.sentences = sentences;
        }
    }

    @Override
    void run(Params.InfillParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        checkSampling(p);
        boolean tokenized = p.getTokenized();
        Detokenizer detokenizer = p.getDetokenize() ? EnglishText.detokenizer() : null;
        EnglishText english = tokenized ? null : EnglishText.get();
        try (DiffusionModel model = loadModel(p)) {
            SamplingOptions options = sampling(p, model);
            InputLines lines = new InputLines(in);
            PerformanceMonitor monitor = new PerformanceMonitor(err, "line");
            monitor.startAndPrintThroughput();
            try {
                List<Pending> pending = new ArrayList<>();
                List<String[]> batch = new ArrayList<>();
                long[] sentenceIndex = {0};
                InputLines.Line line;
                while ((line = lines.next()) != null) {
                    Pending pl = read(line, tokenized, english, err);
                    if (pl.sentences != null) {
                        for (String[] s : pl.sentences) {
                            if (InfillerME.hasMask(s)) {
                                pl.toFill.add(batch.size());
                                batch.add(s);
                            }
                        }
                    }
                    pending.add(pl);
                    if (batch.size() >= options.batchSize()) {
                        flush(pending, batch, model, options, sentenceIndex, detokenizer, out, err);
                        monitor.incrementCounter(pending.size());
                        pending.clear();
                        batch.clear();
                    }
                }
                flush(pending, batch, model, options, sentenceIndex, detokenizer, out, err);
                monitor.incrementCounter(pending.size());
            } finally {
                out.flush();
                monitor.stopAndPrintFinalResult();
            }
        }
    }

    /** Decodes and tokenizes one line; what cannot be read stays as it was (sentences null). */
    private static Pending read(InputLines.Line line, boolean tokenized, EnglishText english, PrintStream err) {
        return new Pending(line, sentencesOf(line, tokenized, english, err));
    }

    /**
     * The sentences of one line as tokens (whitespace-separated with {@code tokenized}, else by
     * OpenNLP's English models), or null when the line passes through as it is: blank, not UTF-8
     * text, longer than {@value #MAX_LINE_CHARS} characters or not tokenizable (the last three with a
     * message on stderr naming the line).
     */
    static List<String[]> sentencesOf(InputLines.Line line, boolean tokenized, EnglishText english, PrintStream err) {
        if (!line.isText()) {
            err.println("line " + line.number() + ": not UTF-8 text; passed through unchanged");
            return null;
        }
        String text = line.text();
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LINE_CHARS) {
            err.println("line " + line.number() + ": longer than " + MAX_LINE_CHARS
                    + " characters; passed through unchanged");
            return null;
        }
        try {
            return tokenized ? List.<String[]>of(text.trim().split("\\s+")) : english.sentences(text);
        } catch (RuntimeException e) {
            err.println("line " + line.number() + ": cannot be tokenized (" + message(e) + "); passed through unchanged");
            return null;
        }
    }

    /** Fills a batch (sentence k of the run uses seed + k) and writes its lines in order. */
    private static void flush(List<Pending> pending, List<String[]> batch, DiffusionModel model, SamplingOptions options,
            long[] sentenceIndex, Detokenizer detokenizer, PrintStream out, PrintStream err) {
        String[][] filled = null;
        if (!batch.isEmpty()) {
            try {
                InfillerME infiller = new InfillerME(model, options.toBuilder().seed(options.seed() + sentenceIndex[0]).build());
                filled = infiller.infill(batch.toArray(String[][]::new));
            } catch (RuntimeException e) {
                err.println("lines " + pending.get(0).line.number() + "-" + pending.get(pending.size() - 1).line.number()
                        + ": the model failed (" + message(e) + "); written without filling");
            }
            sentenceIndex[0] += batch.size();
        }
        for (Pending pl : pending) {
            if (pl.sentences == null) {
                out.write(pl.line.bytes(), 0, pl.line.bytes().length);
                out.write('\n');
                continue;
            }
            List<String[]> sentences = new ArrayList<>(pl.sentences);
            if (filled != null) {
                int k = 0;
                for (int i = 0; i < sentences.size(); i++) {
                    if (InfillerME.hasMask(sentences.get(i))) {
                        sentences.set(i, filled[pl.toFill.get(k++)]);
                    }
                }
            }
            out.print(Output.render(sentences, detokenizer));
            out.write('\n');
        }
        out.flush();
    }
}
