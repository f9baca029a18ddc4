package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.cli.Stdin;
import io.github.diffusionnlp.cli.Stdout;
import io.github.diffusionnlp.cli.SuggestionRows;
import io.github.diffusionnlp.corpus.Utf8Lines;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.InfillerME;
import io.github.diffusionnlp.opennlp.cmdline.LineTokenizer.LineTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.cmdline.PerformanceMonitor;
import opennlp.tools.cmdline.TerminateToolException;

/**
 * {@code Suggest}: each {@code [MASK]}'s likeliest words with their probabilities ({@link InfillerME#suggest}), as the
 * tab-separated rows of core's {@code suggest} ({@link SuggestionRows}); masks are counted along their line, across its
 * sentences. Input is read as {@code Infill} reads it; what {@code Infill} would pass through (a line that is not
 * UTF-8, too long, not tokenizable) gives no rows: each is named on stderr and, after every line is read, counted in
 * the tool's failure, and so is a line the model fails on or refuses (an {@code IllegalArgumentException}, said as
 * what was wrong with the line, not as a failure), which gets no row: every sentence of a line is read before any of
 * its rows is written. A sentence longer than the model's length is read as infill reads it, stretch by stretch.
 * {@code -ngramWeight} ranks the words as n-gram fusion does ({@link CmdTool#checkNgram}, {@link CmdTool#fusion}), and
 * {@code -sentiment} (with {@code -guidance} and {@code -lexical}) gives them as infill's first step reads them under
 * it; what it cannot honour (the sampling parameters, best of k candidates, a POS template) is refused saying why, as
 * the command line's {@code suggest} refuses it, and left out of its usage.
 */
final class SuggestTool extends CmdTool<Params.SuggestParams> {
    /** What it samples none of: the parameters of sampling, refused as the command line's suggest refuses them. */
    private static final String UNREAD = " is not used by Suggest: it reads each line in one pass of the network,"
            + " sampling nothing";

    SuggestTool() {
        super(Params.SuggestParams.class);
    }

    @Override
    String name() {
        return "Suggest";
    }

    @Override
    Map<String, String> refused() {
        Map<String, String> refused = new LinkedHashMap<>();
        for (String p : new String[] {"-steps", "-seed", "-batch", "-temperature", "-x0Temperature"}) {
            refused.put(p, p + UNREAD);
        }
        refused.put("-candidates", "-candidates ranks sampled sentences, and Suggest samples none: it ranks the words"
                + " of one pass; leave it out");
        refused.put("-posTemplate", "-posTemplate gives a sentence its tags and length, and Suggest keeps each line's"
                + " tokens and length; constrain the words with -sentiment, or rewrite with Rewrite -posTemplate");
        refused.put("-unguidedLength", "-unguidedLength leaves the choice of a free-length sentence's end out of"
                + " guidance, and Suggest keeps each line's length: leave it out");
        for (String p : new String[] {"-detokenize", "-detokenizer"}) {
            refused.put(p, p + " joins the tokens of a sentence the tool writes, and Suggest writes tab-separated rows"
                    + " of single words: leave it out");
        }
        return refused;
    }

    @Override
    String description() {
        return "Each [MASK]'s likeliest words with their probabilities (fill-mask), as tab-separated rows; -ngramWeight"
                + " ranks them with a trigram, -sentiment conditions them.";
    }

    @Override
    void run(Params.SuggestParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        int top = p.getTop();
        if (top < 1) {
            throw badParameter("-top must be at least 1, got " + top);
        }
        ConstraintSpec constraints = constraints(p);
        checkNgram(p);
        boolean tokenized = p.getTokenized();
        EnglishText english = tokenized ? null : EnglishText.get();
        Stdin.requireOpen(in); // before the model loads: <&- left the JVM's own file as descriptor 0
        try (DiffusionModel model = loadModel(p, p, p.getBannedWords())) {
            String refused = LineTokenizer.rawTextRefusal(model, tokenized);
            if (refused != null) {
                throw badParameter(refused);
            }
            warnOfSentiment(constraints, model, err);
            int words = model.getDiffusionLM().vocabulary().size() - 2;
            if (top > words) {
                throw badParameter("-top must be at most " + words + ", the words the model knows, got " + top);
            }
            InfillerME infiller = new InfillerME(model, fusion(p, model), constraints).splitMasksToldByCaller();
            InputLines lines = new InputLines(in);
            PerformanceMonitor monitor = new FirstResultMonitor(err, "line");
            monitor.start();
            List<Integer> withoutRows = new ArrayList<>();
            int read = 0;
            try {
                out.print(SuggestionRows.HEADER + "\n");
                Utf8Lines.Line line;
                while ((line = lines.next()) != null) {
                    read++;
                    if (!writeRows(line, tokenized, english, infiller::suggest, top, out, err)) {
                        withoutRows.add(line.number());
                    }
                    // each line's rows as soon as they are known: a coprocess that writes a line waits for them
                    out.flush();
                    monitor.incrementCounter(); // before the check: the total then counts the line it names
                    Stdout.requireOpen(out, "line " + line.number());
                }
            } finally {
                out.flush();
                monitor.stopAndPrintFinalResult();
            }
            if (!withoutRows.isEmpty()) { // a script must learn that some masks got no rows
                // the lines named as Infill's and Rewrite's last message names them
                throw new TerminateToolException(FAILED, withoutRows.size() + " of " + read + " line"
                        + (read > 1 ? "s" : "") + " without the rows of every mask: "
                        + LineBatcher.lineNumbers(withoutRows) + "; see the messages above");
            }
        }
    }

    /** The words of a sentence's masks, best first: {@link InfillerME#suggest(String[], int)}'s. */
    interface Suggester {
        Suggestion[][] suggest(String[] sentence, int top);
    }

    /**
     * Writes the rows of one line's masks; false when some could not be given (said on stderr). Every sentence of the
     * line is read before any row is written, so that a line the model fails on part way writes no row (refusals come
     * before output, as a line of Infill and Rewrite is written whole or not at all): its earlier sentences' rows, a
     * part of its masks, were written first.
     */
    static boolean writeRows(Utf8Lines.Line line, boolean tokenized, EnglishText english, Suggester infiller,
            int top, PrintStream out, PrintStream err) {
        LineTokens tokens = LineTokenizer.tokensOf(line, tokenized, english, err, "no rows written");
        if (tokens == null) {
            return false;
        }
        if (tokens.isBlank()) {
            return true;
        }
        List<String[]> sentences = tokens.sentences();
        String unfilled = InfillTool.notAMask(line.text(), sentences, tokenized);
        if (unfilled != null) {
            err.println(InfillTool.notAMaskMessage(line.number(), unfilled, tokenized, "gets no rows"));
        }
        int all = 0; // masks are numbered along the line
        for (String[] sentence : sentences) {
            all += masksIn(sentence);
        }
        List<Suggestion[]> suggested = new ArrayList<>();
        String noRows = "; no rows written for the line's " + (all == 1 ? "mask" : all + " masks");
        for (int s = 0; s < sentences.size(); s++) {
            String[] sentence = sentences.get(s);
            int masks = masksIn(sentence);
            if (masks == 0) {
                continue;
            }
            try {
                suggested.addAll(Arrays.asList(infiller.suggest(sentence, top)));
            } catch (IllegalArgumentException e) {
                // a refusal of the input, not a failure of the model: what was wrong, as Rewrite's per-line refusals
                // say it (its tokens counted in their sentence, which core's message names "the sentence")
                err.println("line " + line.number() + ": sentence " + (s + 1) + " (" + masks(suggested.size(), masks)
                        + "): " + CmdTool.message(e) + noRows);
                return false;
            } catch (RuntimeException e) {
                err.println("line " + line.number() + ": the model failed on " + masks(suggested.size(), masks) + " ("
                        + CmdTool.message(e) + ")" + noRows);
                return false;
            }
        }
        int mask = 0;
        for (Suggestion[] here : suggested) {
            mask++;
            for (int r = 0; r < here.length; r++) {
                out.print(SuggestionRows.row(line.number(), mask, r + 1, here[r]));
            }
        }
        return unfilled == null; // the mask meant got no rows: the run fails, as Infill's does
    }

    private static int masksIn(String[] sentence) {
        return (int) Arrays.stream(sentence).filter(InfillerME.MASK::equals).count();
    }

    /** "mask 3" or "masks 3-4": the masks after the first {@code before} of a line. */
    private static String masks(int before, int count) {
        return count == 1 ? "mask " + (before + 1) : "masks " + (before + 1) + "-" + (before + count);
    }
}
