package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; for each [MASK], write the --top words"
            + " the model finds likeliest there, best first, with their probabilities (a masked language model's"
            + " fill-mask): one tab-separated row per word, under a header of the columns line, mask (both counted"
            + " from 1), rank, word and probability (4 significant digits).",
            "Each mask is read alone, from the line's visible words, in one pass of the network: no sampling, the"
            + " same rows for the same line. Lines without [MASK] and blank lines give no row. A [MASK] must be a"
            + " token of its own, in capitals: one glued to punctuation ([MASK]. or ([MASK])) or written [mask]"
            + " ends the run with the line's number, after the rows of the lines before it are written. A line"
            + " longer than the model's length (info shows it) is read as infill reads it, stretch by stretch, each"
            + " mask in the window around its stretch.",
            "--sentiment (with --guidance and --lexical) gives the words as greedy infill's first step reads them"
            + " under it. --ngram-weight W ranks the network's 100 likeliest words (--top more: that many) at each"
            + " mask by its log-probability + W x a trigram's (counted from --ngram-corpus), the trigram reading the"
            + " other masks at their fused choices, probabilities renormalised over those words: the first word is"
            + " the one greedy infill --steps 1 --ngram-weight W writes."})
final class SuggestCommand implements Callable<Integer> {
    /** What suggest never reads: it draws no noise, takes no steps, and reads each line alone. */
    private static final String[] UNREAD = {"--steps", "--seed", "--batch", "--temperature", "--x0-temperature"};

    CommandSpec spec;

    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        ModelOptions.hideUnread(spec, UNREAD);
        ModelOptions.hideUnread(spec, "--pos", "--unguided-length", "--candidates");
    }

    @Mixin
    ModelOptions model;

    @Mixin
    ConstraintOptions constraintOptions;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --ngram-corpus

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "words per mask, 1 to the words the model knows (default: ${DEFAULT-VALUE}); fewer rows"
                    + " when K passes the words it may write: banned words are never suggested")
    int top;

    @Override
    public Integer call() throws IOException {
        ModelOptions.refuseUnread(spec.commandLine().getParseResult(), "suggest",
                "it reads each line in one pass of the network, sampling nothing", UNREAD);
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        constraintOptions.refuseLengthOptions("suggest");
        if (constraintOptions.candidates != 1) {
            throw new IllegalArgumentException("--candidates ranks sampled sentences, and suggest samples none: it"
                    + " ranks the words of one pass; leave it out");
        }
        constraintOptions.validate();
        Constraints constraints = constraintOptions.constraints(null);
        SamplingOptions options = model.sampling(); // its n-gram weight: checked before loading
        Stdin.requireOpen(System.in); // before the model loads: <&- left the JVM's own file as descriptor 0
        Utf8Lines in = new Utf8Lines(System.in);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (DiffusionLM lm = model.loadFusing(reading)) {
            constraintOptions.checkModel(lm);
            int words = lm.vocabulary().size() - 2;
            if (top > words) { // before any input is read
                throw new IllegalArgumentException("--top must be at most " + words + ", the words the model knows,"
                        + " got " + top);
            }
            out.print(SuggestionRows.HEADER + "\n");
            out.flush();
            Progress progress = new Progress("suggest", "line", "lines");
            Utf8Lines.Line line;
            int lineNo = 0;
            while ((line = in.next()) != null) {
                lineNo++;
                List<List<Suggestion>> suggested;
                try {
                    suggested = suggest(lm, TokenLinesCommand.tokens(line.text()), constraints, options);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("input line " + lineNo + ": " + e.getMessage()
                            + (lineNo > 1 ? " (the rows of the lines before it were written)" : ""), e);
                }
                for (int m = 0; m < suggested.size(); m++) {
                    List<Suggestion> here = suggested.get(m);
                    for (int r = 0; r < here.size(); r++) {
                        out.print(SuggestionRows.row(lineNo, m + 1, r + 1, here.get(r)));
                    }
                }
                // each line's rows as soon as they are known: a coprocess that writes a line waits for them
                out.flush();
                Stdout.requireOpen(out, "input line " + lineNo);
                progress.update(lineNo);
            }
            progress.done(lineNo);
        }
        return 0;
    }

    private List<List<Suggestion>> suggest(DiffusionLM lm, List<String> tokens, Constraints constraints,
            SamplingOptions options) {
        MisspeltMasks.refuse(tokens);
        return lm.suggest(tokens, constraints, options, top);
    }
}
