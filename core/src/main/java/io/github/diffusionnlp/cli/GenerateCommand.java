package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.model.LengthPrior;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate sentences, one a line, tokens separated by spaces.",
            "Constraints: --sentiment, --pos (a UPOS template, which also fixes the length), --length."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --ngram-corpus

    @Mixin
    ConstraintOptions constraintOptions;

    @Option(names = "--count", paramLabel = "N",
            defaultValue = "10", description = "sentences to generate (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--length", paramLabel = "N",
            defaultValue = "0", description = "tokens per sentence; 0 draws each length as"
            + " --draw-length says (default: ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--draw-length", negatable = true, description = "draw each sentence's length from the model's"
            + " training rows' lengths before sampling it; --no-draw-length lets the model choose (it writes too long"
            + " and too even sentences). Default: drawn, unless --unguided-length or the model records no row lengths")
    Boolean drawLength; // null: the library's default

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new IllegalArgumentException("--count must be >= 0, got " + count);
        }
        if (length < 0) {
            throw new IllegalArgumentException("--length " + length + " is negative; allowed: 0 (a free length)"
                    + " up to the model's positions");
        }
        constraintOptions.validate();
        int t = constraintOptions.templateLength();
        if (t > 0 && length != 0 && length != t) {
            throw new IllegalArgumentException("--length " + length + " disagrees with the --pos template's "
                    + Counted.of(t, "tag", "tags") + "; give one or the other (the template sets the length)");
        }
        boolean asked = Boolean.TRUE.equals(drawLength);
        if (asked && (length != 0 || t > 0)) {
            throw new IllegalArgumentException("--draw-length draws each sentence's length, and " + (length != 0
                    ? "--length " + length : "the --pos template") + " sets it; give one or the other");
        }
        if (constraintOptions.unguidedLength && asked) {
            throw new IllegalArgumentException("--unguided-length leaves the model's choice of length out of guidance,"
                    + " and --draw-length chooses it before sampling; give one or the other");
        }
        if (constraintOptions.unguidedLength && (length != 0 || t > 0)) {
            // with a fixed length [PAD] is given past its end and banned before it: nothing to leave out of guidance
            throw new IllegalArgumentException("--unguided-length leaves the model's choice of length out of guidance,"
                    + " and " + (length != 0 ? "--length " + length : "the --pos template") + " fixes the length;"
                    + " give one or the other");
        }
        Constraints constraints = constraintOptions.constraints(null);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        // checked before loading
        SamplingOptions base = constraintOptions.sampling(model.sampling()).toBuilder().length(length)
                .optDrawLength(drawLength).build();
        try (DiffusionLM lm = model.loadFusing(reading)) {
            constraintOptions.checkModel(lm);
            // here, in this command's words, not in the first batch's (none for --count 0) in the library's
            if (asked && !lm.info().recordsRowLengths()) {
                throw new IllegalArgumentException(LengthPrior.notRecorded("--draw-length", lm.name(),
                        ", or leave --draw-length out"));
            }
            // rate and ETA of sampling alone
            Progress progress = new Progress("generate", "sentence", "sentences").total(count);
            if (length > lm.info().config().maxLength()) {
                throw new IllegalArgumentException("--length " + length + " is longer than the model's "
                        + lm.info().config().maxLength() + " positions");
            }
            for (int done = 0; done < count; done += base.batchSize()) {
                int n = Math.min(base.batchSize(), count - done);
                // a big batch says how far its sentences are, step by step, on the same cadence (Progress#rows)
                String where = n == 1 ? "sentence " + (done + 1) : "sentences " + (done + 1) + "-" + (done + n);
                boolean many = constraints.candidates() > 1;
                ai.djl.util.Progress rows = progress.rows(done, where, (long) n * constraints.candidates(),
                        many ? "candidate sentence" : "sentence", many ? "candidate sentences" : "sentences");
                List<List<String>> sentences = lm.generate(n, constraints,
                        base.startingAt(done).toBuilder().optProgress(rows).build());
                for (List<String> s : sentences) {
                    out.println(String.join(" ", s));
                }
                out.flush();
                Stdout.requireOpen(out, Counted.of(done + n, "sentence", "sentences"));
                progress.update(done + n);
            }
            progress.done(count);
        }
        return 0;
    }
}
