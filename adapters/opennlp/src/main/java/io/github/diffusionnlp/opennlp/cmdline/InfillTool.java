package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.cli.Stdin;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.MaskSpelling;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.InfillerME;
import io.github.diffusionnlp.opennlp.cmdline.LineBatcher.Job;
import io.github.diffusionnlp.opennlp.cmdline.LineBatcher.ReadLine;
import io.github.diffusionnlp.opennlp.cmdline.LineTokenizer.LineTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.tokenize.Detokenizer;

/**
 * {@code Infill}: reads lines, fills each {@code [MASK]} with one word, writes one line per input line.
 * Raw text is split into sentences and tokens by OpenNLP's English models (a line's sentences are
 * written back on its one line); {@code -tokenized true} reads whitespace-separated tokens. Output is
 * whitespace-separated tokens, or detokenized text with {@code -detokenize true}. Blank lines, lines
 * that are not UTF-8 text and lines longer than {@value LineTokenizer#MAX_LINE_CHARS} characters pass through
 * unchanged (the last two with a message on stderr naming the line).
 */
final class InfillTool extends CmdTool<Params.InfillParams> {
    InfillTool() {
        super(Params.InfillParams.class);
    }

    /**
     * What in a line looks like a mask but will not be filled, or null: "[mask]" in another case, another model's
     * "<mask>", one in full-width characters ("［MASK］"), with {@code -tokenized} a token with [MASK] glued to other
     * characters ("[MASK]."), or the mask split into the three tokens "[ MASK ]" (as OpenNLP's {@code TokenizerME}
     * splits it). Such a line is written back with that word as it was; without a message the user would not know
     * why.
     */
    static String notAMask(String text, List<String[]> sentences, boolean tokenized) {
        if (!tokenized) {
            int at = MaskSpelling.inAnotherCase(text); // raw text: the tokenizer keeps [MASK] whole wherever it is
            if (at >= 0) { // "[mask]", which the tokenizer splits: named as written
                return text.substring(at, at + InfillerME.MASK.length());
            }
            at = MaskSpelling.inAngleBracketsAt(text); // "<mask>", which the tokenizer splits too
            if (at >= 0) {
                return text.substring(at, at + "<mask>".length());
            }
        }
        // with -tokenized any misspelt token; in raw text what is left, a mask in full-width characters (［MASK］)
        for (String[] s : sentences) {
            for (String t : s) {
                if (MaskSpelling.isMisspelt(t)) {
                    return t;
                }
            }
        }
        for (String[] s : sentences) {
            int at = MaskSpelling.splitAt(List.of(s));
            if (at >= 0) {
                return String.join(" ", List.of(s).subList(at, at + 3));
            }
        }
        return null;
    }

    /**
     * What the tool says of a line's {@link #notAMask}: that it {@code instead} ("is not filled"), and why; the token
     * quoted with its hidden characters and a combining mark beside the quote shown ({@link Visible#of}).
     */
    static String notAMaskMessage(int lineNumber, String unfilled, boolean tokenized, String instead) {
        boolean split = unfilled.contains(" ");
        return "line " + lineNumber + ": '" + Visible.of(unfilled) + "' is not a mask and " + instead + ": a mask is "
                + InfillerME.MASK + " in capitals"
                + (tokenized || split ? ", a token of its own" : "")
                + (split && tokenized ? "; OpenNLP's TokenizerME splits it into '[ MASK ]': join the three into "
                        + InfillerME.MASK + ", or give the raw text without -tokenized (this tool's tokenizer keeps "
                        + InfillerME.MASK + " whole)" : "")
                + (split && !tokenized ? "; write it without spaces" : "");
    }

    @Override
    String name() {
        return "Infill";
    }

    @Override
    String description() {
        return "Fills each [MASK] of the input with one word; one output line per input line; -sentiment conditions"
                + " the words.";
    }

    /** What an infill cannot honour, refused as core's infill refuses {@code --pos} and {@code --unguided-length}. */
    @Override
    Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("-posTemplate", "-posTemplate gives a sentence its tags and length, and Infill keeps each line's"
                + " tokens and length; constrain the words with -sentiment, or rewrite with Rewrite -posTemplate");
        refused.put("-unguidedLength", "-unguidedLength leaves the choice of a free-length sentence's end out of"
                + " guidance, and Infill keeps each line's length: leave it out");
        return refused;
    }

    @Override
    void run(Params.InfillParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        checkSampling(p);
        ConstraintSpec constraints = constraintsWithoutTemplate(p);
        boolean tokenized = p.getTokenized();
        Detokenizer dictionary = detokenizerDictionary(p);
        EnglishText english = tokenized ? null : EnglishText.get();
        Stdin.requireOpen(in); // before the model loads: <&- left the JVM's own file as descriptor 0
        try (DiffusionModel model = loadModel(p, p)) {
            String refused = LineTokenizer.rawTextRefusal(model, tokenized);
            if (refused != null) {
                throw badParameter(refused);
            }
            warnOfSentiment(constraints, model, err);
            Detokenizer detokenizer = detokenizer(p, dictionary, model);
            SamplingOptions options = sampling(p, model);
            LineBatcher.processLines(in, out, err, options.batchSize(), line -> {
                LineTokens tokens = LineTokenizer.tokensOf(line, tokenized, english, err);
                if (tokens == null) {
                    return ReadLine.unprocessed(line);
                }
                if (tokens.isBlank()) {
                    return ReadLine.passThrough(line);
                }
                List<String[]> sentences = tokens.sentences();
                String unfilled = notAMask(line.text(), sentences, tokenized);
                if (unfilled != null) {
                    err.println(notAMaskMessage(line.number(), unfilled, tokenized, "is not filled"));
                }
                List<Job> jobs = new ArrayList<>();
                for (String[] s : sentences) {
                    jobs.add(InfillerME.hasMask(s) ? Job.infill(s) : null);
                }
                ReadLine read = new ReadLine(line, tokens, jobs);
                return unfilled == null ? read : read.withMaskNotRead();
            }, runner(model, options, constraints), detokenizer, "filling");
        }
    }

    /**
     * How the tool runs a batch of jobs, the first being sentence {@code first} of the run: seeded, and named in core's
     * refusals, by its place in the run, a line run again alone after its batch failed included.
     */
    static LineBatcher.BatchRunner runner(DiffusionModel model, SamplingOptions options) {
        return runner(model, options, ConstraintSpec.NONE);
    }

    /** As {@link #runner(DiffusionModel, SamplingOptions)}, the words filled under {@code constraints}. */
    static LineBatcher.BatchRunner runner(DiffusionModel model, SamplingOptions options, ConstraintSpec constraints) {
        InfillerME infiller = new InfillerME(model, options, constraints).splitMasksToldByCaller();
        return (batch, first) -> infiller.infillFrom(batch.stream().map(Job::tokens).toArray(String[][]::new), first);
    }
}
