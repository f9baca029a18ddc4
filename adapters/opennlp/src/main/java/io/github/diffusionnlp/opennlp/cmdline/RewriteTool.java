package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishPosTagger;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.KeepSpec;
import io.github.diffusionnlp.opennlp.RewriterME;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.cmdline.PerformanceMonitor;
import opennlp.tools.tokenize.Detokenizer;

/**
 * {@code Rewrite}: reads lines, rewrites every sentence of each around the tokens {@code -keep} names
 * (the same length), writes one line per input line. Input is raw text (sentences and tokens by
 * OpenNLP's English models, a line's sentences written back on its line) or, with {@code -tokenized},
 * whitespace-separated tokens. Keep indexes count the tokens of the whole line; UPOS classes are
 * judged by OpenNLP's {@code POSTaggerME} on each sentence. A line with fewer tokens than a keep index
 * passes through unchanged with a message, as do blank lines, lines that are not UTF-8 text and lines
 * longer than {@value InfillTool#MAX_LINE_CHARS} characters. Sentence k of the run uses seed + k.
 *
 * <p>{@code -sentiment} and {@code -posTemplate} are part of the interface the constraints issue
 * designs, but the model has no such conditioning yet: any value ends the run before it starts, with
 * a message and exit code 1, rather than being ignored.
 */
final class RewriteTool extends CmdTool<Params.RewriteParams> {
    RewriteTool() {
        super(Params.RewriteParams.class);
    }

    @Override
    String name() {
        return "Rewrite";
    }

    @Override
    String description() {
        return "Rewrites each sentence around the kept tokens, same length; one output line per input line.";
    }

    /** A line on its way through: passed through as it was (sentences null), or its sentences and keep masks. */
    private static final class Pending {
        final InputLines.Line line;
        final List<String[]> sentences;
        final List<boolean[]> masks;
        final int first; // index of its first sentence in the batch

        Pending(InputLines.Line line, List<String[]> sentences, List<boolean[]> masks, int first) {
            this.line = line;
            this.sentences = sentences;
            this.masks = masks;
            this.first = first;
        }
    }

    @Override
    void run(Params.RewriteParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        checkSampling(p);
        if (p.getSentiment() != null) {
            throw badParameter("-sentiment " + p.getSentiment() + ": sentiment constraints are not available yet"
                    + " in this model (it has no sentiment conditioning); leave -sentiment out");
        }
        if (p.getPosTemplate() != null) {
            throw badParameter("-posTemplate \"" + p.getPosTemplate() + "\": POS-template constraints are not"
                    + " available yet in this model (it has no POS conditioning); leave -posTemplate out");
        }
        double strength = strength(p.getStrength());
        KeepSpec keep;
        try {
            keep = KeepSpec.parse(p.getKeep());
        } catch (IllegalArgumentException e) {
            throw badParameter("-keep: " + e.getMessage());
        }
        boolean tokenized = p.getTokenized();
        Detokenizer detokenizer = p.getDetokenize() ? EnglishText.detokenizer() : null;
        EnglishText english = tokenized ? null : EnglishText.get();
        EnglishPosTagger tagger = keep.needsTags() ? EnglishPosTagger.get() : null;
        try (DiffusionModel model = loadModel(p)) {
            SamplingOptions options = sampling(p, model);
            InputLines lines = new InputLines(in);
            PerformanceMonitor monitor = new PerformanceMonitor(err, "line");
            monitor.startAndPrintThroughput();
            try {
                List<Pending> pending = new ArrayList<>();
                List<String[]> batch = new ArrayList<>();
                List<boolean[]> masks = new ArrayList<>();
                long[] sentenceIndex = {0};
                InputLines.Line line;
                while ((line = lines.next()) != null) {
                    Pending pl = read(line, tokenized, english, keep, tagger, batch.size(), err);
                    if (pl.sentences != null) {
                        batch.addAll(pl.sentences);
                        masks.addAll(pl.masks);
                    }
                    pending.add(pl);
                    if (batch.size() >= options.batchSize()) {
                        flush(pending, batch, masks, model, options, strength, keep, sentenceIndex, detokenizer, out, err);
                        monitor.incrementCounter(pending.size());
                        pending.clear();
                        batch.clear();
                        masks.clear();
                    }
                }
                flush(pending, batch, masks, model, options, strength, keep, sentenceIndex, detokenizer, out, err);
                monitor.incrementCounter(pending.size());
            } finally {
                out.flush();
                monitor.stopAndPrintFinalResult();
            }
        }
    }

    private double strength(String value) {
        double s;
        try {
            s = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw badParameter("-strength " + value + " is not a number; allowed: (0, 1]");
        }
        if (!(s > 0 && s <= 1)) {
            throw badParameter("-strength " + value + " is out of range; allowed: (0, 1]");
        }
        return s;
    }

    /** Decodes, tokenizes and tags one line and works out its keep masks; what cannot be done passes through. */
    private static Pending read(InputLines.Line line, boolean tokenized, EnglishText english, KeepSpec keep,
            EnglishPosTagger tagger, int first, PrintStream err) {
        List<String[]> sentences = InfillTool.sentencesOf(line, tokenized, english, err);
        if (sentences == null) {
            return new Pending(line, null, null, first);
        }
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        try {
            for (String[] s : sentences) {
                tokens.addAll(Arrays.asList(s));
                if (tagger != null) {
                    tags.addAll(Arrays.asList(tagger.tag(s)));
                }
            }
        } catch (RuntimeException e) {
            err.println("line " + line.number() + ": cannot be POS-tagged (" + message(e) + "); passed through unchanged");
            return new Pending(line, null, null, first);
        }
        boolean[] lineMask;
        try {
            lineMask = keep.mask(tokens.toArray(String[]::new), tagger == null ? null : tags.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println("line " + line.number() + ": -" + e.getMessage().replace("the sentence has", "the line has")
                    + "; passed through unchanged");
            return new Pending(line, null, null, first);
        }
        List<boolean[]> masks = new ArrayList<>();
        int offset = 0;
        for (String[] s : sentences) {
            masks.add(Arrays.copyOfRange(lineMask, offset, offset + s.length));
            offset += s.length;
        }
        return new Pending(line, sentences, masks, first);
    }

    /** Rewrites a batch (sentence k of the run uses seed + k) and writes its lines in order. */
    private static void flush(List<Pending> pending, List<String[]> batch, List<boolean[]> masks, DiffusionModel model,
            SamplingOptions options, double strength, KeepSpec keep, long[] sentenceIndex, Detokenizer detokenizer,
            PrintStream out, PrintStream err) {
        String[][] rewritten = null;
        if (!batch.isEmpty()) {
            try {
                RewriterME rewriter = new RewriterME(model,
                        options.toBuilder().seed(options.seed() + sentenceIndex[0]).build(), strength, keep);
                rewritten = rewriter.rewrite(batch.toArray(String[][]::new), masks.toArray(boolean[][]::new));
            } catch (RuntimeException e) {
                err.println("lines " + pending.get(0).line.number() + "-" + pending.get(pending.size() - 1).line.number()
                        + ": the model failed (" + message(e) + "); written without rewriting");
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
            if (rewritten != null) {
                for (int i = 0; i < sentences.size(); i++) {
                    sentences.set(i, rewritten[pl.first + i]);
                }
            }
            out.print(Output.render(sentences, detokenizer));
            out.write('\n');
        }
        out.flush();
    }
}
