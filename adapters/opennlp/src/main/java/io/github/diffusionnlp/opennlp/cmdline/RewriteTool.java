package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.cli.Stdin;
import io.github.diffusionnlp.corpus.Utf8Lines;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishPosTagger;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.KeepSpec;
import io.github.diffusionnlp.opennlp.RewriterME;
import io.github.diffusionnlp.opennlp.cmdline.LineBatcher.Job;
import io.github.diffusionnlp.opennlp.cmdline.LineBatcher.ReadLine;
import io.github.diffusionnlp.opennlp.cmdline.LineTokenizer.LineTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import opennlp.tools.tokenize.Detokenizer;

/**
 * {@code Rewrite}: reads lines, rewrites every sentence of each around the tokens {@code -keep} names,
 * writes one line per input line. Input is raw text (sentences and tokens by OpenNLP's English models,
 * a line's sentences written back on its line) or, with {@code -tokenized}, whitespace-separated
 * tokens. Keep indexes count the tokens of the whole line; UPOS classes are judged by OpenNLP's
 * {@code POSTaggerME} on each sentence (on a sentence holding a {@code [MASK]}, once core has filled its masks:
 * {@link RewriterME#rewrite(String[][], boolean[][], boolean[][])}). A line with fewer tokens than a keep index passes
 * through unchanged with a message, as do blank lines, lines that are not UTF-8 text and lines longer than
 * {@value LineTokenizer#MAX_LINE_CHARS} characters. Sentence k of the run uses seed + k.
 *
 * <p>{@code -sentiment} and {@code -posTemplate} constrain every sentence ({@link ConstraintSpec}),
 * pushed by {@code -guidance}. A template of tags gives every sentence that many tokens (a line whose
 * kept token lies outside it passes through unchanged, with a message; so does one with a sentence of another length
 * than a template longer than the model, which core takes only for a sentence of its own length); {@code -posTemplate
 * keep}
 * rewrites each sentence to its own tags, same length.
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
        return "Rewrites each sentence around the kept tokens, optionally to a sentiment or POS template;"
                + " one output line per input line.";
    }

    /** Generate's -unguidedLength, refused saying why, as core's rewrite refuses --unguided-length. */
    @Override
    Map<String, String> refused() {
        return Map.of("-unguidedLength", "-unguidedLength leaves the choice of a free-length sentence's end out of"
                + " guidance; Rewrite keeps each sentence's length (or the -posTemplate's), so it would change nothing:"
                + " leave it out");
    }

    @Override
    void run(Params.RewriteParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        checkSampling(p);
        double strength = strength(p.getStrength());
        KeepSpec keep;
        try {
            keep = KeepSpec.parse(p.getKeep());
        } catch (IllegalArgumentException e) {
            throw badParameter("-keep: " + e.getMessage());
        }
        ConstraintSpec constraints = constraints(p, p.getPosTemplate(), true);
        boolean tokenized = p.getTokenized();
        Detokenizer dictionary = detokenizerDictionary(p);
        EnglishText english = tokenized ? null : EnglishText.get();
        EnglishPosTagger tagger = keep.needsTags() ? EnglishPosTagger.get() : null;
        Stdin.requireOpen(in); // before the model loads: <&- left the JVM's own file as descriptor 0
        try (DiffusionModel model = loadModel(p, p)) {
            String refused = LineTokenizer.rawTextRefusal(model, tokenized);
            if (refused != null) {
                throw badParameter(refused);
            }
            Detokenizer detokenizer = detokenizer(p, dictionary, model);
            warnOfSentiment(constraints, model, err);
            SamplingOptions options = sampling(p, model);
            RewriterME probe;
            try {
                RewriterME.requireTaggable(model, keep, ConstraintSpec.NONE);
            } catch (IllegalArgumentException e) {
                throw badParameter("-keep " + Visible.of(p.getKeep()) + ": " + e.getMessage());
            }
            try {
                probe = new RewriterME(model, options, strength, keep, constraints);
            } catch (IllegalArgumentException e) {
                throw badParameter("-posTemplate: " + e.getMessage());
            }
            LineBatcher.processLines(in, out, err, options.batchSize(),
                    line -> read(line, tokenized, english, keep, tagger, probe, err),
                    runner(model, options, strength, keep, constraints), detokenizer, "rewriting");
        }
    }

    /**
     * How the tool runs a batch of jobs, the first being sentence {@code first} of the run: seeded, and named in core's
     * refusals, by its place in the run, a line run again alone after its batch failed included.
     */
    static LineBatcher.BatchRunner runner(DiffusionModel model, SamplingOptions options, double strength,
            KeepSpec keep, ConstraintSpec constraints) {
        RewriterME rewriter = new RewriterME(model, options, strength, keep, constraints);
        return (batch, first) -> rewriter.rewriteFrom(batch.stream().map(Job::tokens).toArray(String[][]::new),
                batch.stream().map(Job::keep).toArray(boolean[][]::new),
                batch.stream().map(Job::keptByIndex).toArray(boolean[][]::new), first);
    }

    private double strength(String value) {
        double s;
        try {
            s = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw badParameter("-strength " + Visible.of(value) + " is not a number; allowed: "
                    + SamplingRange.STRENGTH.allowed());
        }
        return SamplingRange.STRENGTH.check(s, value, "-strength", outOfRange());
    }

    /**
     * Decodes, tokenizes and tags one line and works out its keep masks (checked against the POS
     * template); what cannot be done passes through, with a message naming the line. A mask written another way
     * ("[mask]", "&lt;mask&gt;", "［MASK］") is named on stderr as {@code Infill} names it, and the line rewritten with
     * it as a word.
     */
    private static ReadLine read(Utf8Lines.Line line, boolean tokenized, EnglishText english, KeepSpec keep,
            EnglishPosTagger tagger, RewriterME rewriter, PrintStream err) {
        LineTokens lineTokens = LineTokenizer.tokensOf(line, tokenized, english, err);
        if (lineTokens == null) {
            return ReadLine.unprocessed(line);
        }
        if (lineTokens.isBlank()) {
            return ReadLine.passThrough(line);
        }
        List<String[]> sentences = lineTokens.sentences();
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
            err.println("line " + line.number() + ": cannot be POS-tagged (" + message(e)
                    + "); passed through unchanged");
            return ReadLine.unprocessed(line);
        }
        boolean[] lineMask;
        boolean[] byIndex; // a sentence holding a mask keeps these and its classes once core has filled it
        try {
            lineMask = keep.mask(tokens.toArray(String[]::new), tagger == null ? null : tags.toArray(String[]::new));
            byIndex = keep.withoutClasses().mask(tokens.toArray(String[]::new), null);
        } catch (IllegalArgumentException e) {
            err.println("line " + line.number() + ": -" + message(e).replace("the sentence has", "the line has")
                    + "; passed through unchanged");
            return ReadLine.unprocessed(line);
        }
        List<Job> jobs = new ArrayList<>();
        int offset = 0;
        for (String[] s : sentences) {
            boolean[] mask = Arrays.copyOfRange(lineMask, offset, offset + s.length);
            try {
                if (sentences.size() == 1) {
                    rewriter.checkTemplate(s, mask); // the sentence is the line: its indexes are the line's
                } else {
                    rewriter.checkTemplate(s, mask, "sentence " + (jobs.size() + 1),
                            alongTheLine(s, offset, jobs.size() + 1));
                }
            } catch (IllegalArgumentException e) {
                err.println("line " + line.number() + ": " + message(e) + "; passed through unchanged");
                return ReadLine.unprocessed(line);
            }
            jobs.add(new Job(s, mask, Arrays.copyOfRange(byIndex, offset, offset + s.length)));
            offset += s.length;
        }
        // A mask written another way is read as a word, which a light rewrite keeps as it was: the mask the user
        // meant is never filled, so it is named as Infill names it; the line is rewritten all the same.
        String lookAlike = InfillTool.notAMask(line.text(), sentences, tokenized);
        if (lookAlike != null) {
            err.println(InfillTool.notAMaskMessage(line.number(), lookAlike, tokenized, "is rewritten as a word"));
        }
        return new ReadLine(line, lineTokens, jobs);
    }

    /**
     * How {@link RewriterME#checkTemplate} names a kept token of sentence {@code number} of a line of several (its
     * first token the line's token {@code offset}): by its index along the line, as {@code -keep} counts it, and by
     * its index in its sentence, which the template's indexes count ("token 6 ('barked'; token 2 of sentence 2)").
     */
    private static IntFunction<String> alongTheLine(String[] sentence, int offset, int number) {
        return i -> "token " + (offset + i) + " ('" + Visible.of(sentence[i]) + "'; token " + i + " of sentence "
                + number + ")";
    }
}
