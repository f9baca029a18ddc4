package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.cli.Stdout;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.GeneratorME;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import opennlp.tools.cmdline.PerformanceMonitor;
import opennlp.tools.cmdline.TerminateToolException;
import opennlp.tools.tokenize.Detokenizer;

/**
 * {@code Generate}: writes {@code -count} new sentences, one a line (whitespace-separated tokens, or
 * detokenized text). It reads no input. Sentence i uses the seed {@code SamplingOptions#sentenceSeed(i)} gives.
 * {@code -sentiment} and {@code -posTemplate} constrain every sentence, pushed by {@code -guidance}; a template sets
 * the length.
 * At a free length each sentence's length is drawn from the model's training rows' with its seed ({@code -drawLength},
 * the default where the model records them and the length is guided); {@code -drawLength false} lets the model
 * choose.
 */
final class GenerateTool extends CmdTool<Params.GenerateParams> {
    GenerateTool() {
        super(Params.GenerateParams.class);
    }

    @Override
    String name() {
        return "Generate";
    }

    @Override
    String description() {
        return "Writes new sentences, one a line, optionally to a sentiment or POS template; reads no input.";
    }

    @Override
    void run(Params.GenerateParams p, InputStream in, PrintStream out, PrintStream err) {
        checkSampling(p);
        int count = p.getCount();
        int length = p.getLength();
        if (count < 0) {
            throw badParameter("-count must be >= 0, got " + count);
        }
        if (length < 0) {
            throw badParameter("-length must be >= 0 (0 = a free length), got " + length);
        }
        ConstraintSpec constraints = constraints(p, p.getPosTemplate(), false);
        int t = constraints.templateLength();
        if (t > 0 && length != 0 && length != t) {
            throw badParameter("-length " + length + " disagrees with the -posTemplate's "
                    + Counted.of(t, "tag", "tags") + "; give one or the other");
        }
        boolean unguidedLength = Boolean.TRUE.equals(p.getUnguidedLength());
        boolean drawLength = Boolean.TRUE.equals(p.getDrawLength()); // asked for; unset, the library's default
        if (drawLength && (length != 0 || t > 0)) {
            throw badParameter("-drawLength true draws each sentence's length, and " + (length != 0 ? "-length "
                    + length : "the -posTemplate") + " sets it; give one or the other");
        }
        if (drawLength && unguidedLength) {
            // a drawn length gives [PAD] beyond it and bans it before: no choice of length is left to guide or not
            throw badParameter("-unguidedLength true leaves the model's choice of length out of guidance, and"
                    + " -drawLength true chooses it before sampling; give one or the other");
        }
        if (unguidedLength && constraints.getGuidance() == 1) {
            // at 1 the conditioned pass alone sets every logit, [PAD]'s included: nothing to leave out
            throw badParameter("-unguidedLength true leaves the length out of guidance, and guidance "
                    + (p.getGuidance() == null ? "is 1 by default" : "1 is the conditioned pass alone")
                    + " (nothing to leave out); give -guidance w other than 1 too, e.g. -guidance 3");
        }
        if (unguidedLength && (length != 0 || t > 0)) {
            throw badParameter("-unguidedLength true leaves the model's choice of length out of guidance, and "
                    + (length != 0 ? "-length " + length : "the -posTemplate") + " fixes the length; give one or"
                    + " the other");
        }
        Detokenizer dictionary = detokenizerDictionary(p);
        try (DiffusionModel model = loadModel(p, p)) {
            Detokenizer detokenizer = detokenizer(p, dictionary, model);
            warnOfSentiment(constraints, model, err);
            SamplingOptions options = sampling(p, model).toBuilder().length(length).guideLength(!unguidedLength)
                    .optDrawLength(p.getDrawLength()).build();
            if (drawLength && !model.getInfo().recordsRowLengths()) {
                throw badParameter(GeneratorME.noRowLengths(model.getDiffusionLM().name(), "-drawLength true",
                        "leave -drawLength out"));
            }
            GeneratorME probe = new GeneratorME(model, options);
            if (length > probe.getMaxLength()) {
                throw badParameter("-length " + length + " is longer than the model's " + probe.getMaxLength()
                        + " positions; allowed: 0 (a free length) to " + probe.getMaxLength());
            }
            try {
                new GeneratorME(model, options, constraints);
            } catch (IllegalArgumentException e) {
                throw badParameter("-posTemplate: " + e.getMessage());
            }
            PerformanceMonitor monitor = new FirstResultMonitor(err, "sent");
            monitor.start();
            try {
                for (int done = 0; done < count; done += options.batchSize()) {
                    int n = Math.min(options.batchSize(), count - done);
                    GeneratorME generator = new GeneratorME(model,
                            options.startingAt(done), constraints);
                    String[][] sentences;
                    try {
                        sentences = generator.generate(n);
                    } catch (RuntimeException e) {
                        throw new TerminateToolException(FAILED, "generation failed after "
                                + Counted.of(done, "sentence", "sentences") + ": "
                                + message(e), e);
                    }
                    for (String[] s : sentences) {
                        out.println(Output.render(List.<String[]>of(s), null, detokenizer));
                    }
                    out.flush();
                    monitor.incrementCounter(n); // before the check: the total then counts what it names
                    Stdout.requireOpen(out, Counted.of(done + n, "sentence", "sentences"));
                }
            } finally {
                out.flush();
                monitor.stopAndPrintFinalResult();
            }
        }
    }
}
