package io.github.diffusionnlp.cli;

import com.google.common.primitives.Ints;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.OptionErrors;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; write each rewritten: every token not"
            + " kept is noised (by --strength, through the learned warping) and denoised in the context of the kept"
            + " ones, under the constraints given.",
            "Without --pos a line keeps its length; with --pos it takes the template's.",
            "With --tagged, tokens are word_UPOS (e.g. Paris_PROPN): --keep may then name UPOS classes and --pos keep"
            + " uses each line's own tags. Blank lines pass through."})
final class RewriteCommand extends TokenLinesCommand {
    @Mixin
    ConstraintOptions constraintOptions;

    /** --unguided-length, of generate, is refused here (a rewrite chooses no length): out of the help. */
    @Spec
    void spec(CommandSpec spec) {
        ModelOptions.hideUnread(spec, "--unguided-length");
    }

    @Option(names = "--strength", paramLabel = "S", defaultValue = "0.5",
            description = "how far the input is noised, in (0, 1]: small changes little, 1 keeps nothing of the"
                    + " tokens not kept (default: ${DEFAULT-VALUE})")
    double strength;

    @Option(names = "--keep", defaultValue = "", paramLabel = "SPEC",
            description = "what stays verbatim: token indexes (0-based, e.g. 0,3,4) or, with --tagged, UPOS classes"
                    + " (e.g. PROPN,NUM); default nothing")
    String keep;

    @Option(names = "--tagged", description = "input tokens are word_UPOS")
    boolean tagged;

    private final TreeSet<Integer> keptIndexes = new TreeSet<>();
    private final Set<Upos> keptClasses = EnumSet.noneOf(Upos.class);
    private boolean templateFromInput;

    private int positions; // the model's, set once it loads

    @Override
    void checkModel(DiffusionLM lm) {
        constraintOptions.checkModel(lm, true); // a template longer than the model: checkLine refuses a line by it
        positions = lm.info().config().maxLength();
        if (constraintOptions.pos != null || templateFromInput) {
            lm.requireTemplates(); // a model trained without tags says so before any line is read
        }
    }

    @Override
    void validate() {
        SamplingRange.STRENGTH.check(strength, "--strength", SamplingRange.OUT_OF_RANGE);
        templateFromInput = "keep".equalsIgnoreCase(constraintOptions.pos);
        if (templateFromInput && !tagged) {
            throw new IllegalArgumentException("--pos keep uses each line's own tags: give --tagged input (word_UPOS)");
        }
        if (templateFromInput) {
            constraintOptions.pos = null;
        }
        constraintOptions.validate(templateFromInput);
        if (constraintOptions.unguidedLength) {
            // a rewrite has no [PAD] to guide: each line keeps its length, or takes the template's
            throw new IllegalArgumentException("--unguided-length leaves the choice of a free-length sentence's end out"
                    + " of guidance; rewrite keeps each line's length (or the --pos template's), so it would change"
                    + " nothing: leave it out");
        }
        for (String p : Constraints.listItems(keep)) {
            if (p.matches("[-+]?\\d+")) {
                keptIndexes.add(keptIndex(p));
            } else if (!tagged) {
                throw new IllegalArgumentException("--keep " + Visible.of(keep) + ": '" + Visible.of(p)
                        + "' is not a token index; keeping UPOS classes needs tagged input (--tagged, tokens as"
                        + " word_UPOS), or the OpenNLP Rewrite tool / CoreNLP annotator, which tag the text"
                        + " themselves");
            } else {
                keptClasses.add(OptionErrors.checked("--keep", () -> Upos.parse(p)));
            }
        }
        if (!keptIndexes.isEmpty()) {
            checkKeptInsideTemplate(keptIndexes.last(), null);
        }
    }

    /**
     * One {@code --keep} token index: "For input string" (a number past int's range) and "not a token
     * index; keeping UPOS classes needs --tagged" (a negative one) said nothing of what was wrong.
     */
    private int keptIndex(String item) {
        Integer index = Ints.tryParse(item.startsWith("+") ? item.substring(1) : item);
        if (index == null || index < 0) {
            throw new IllegalArgumentException("--keep " + Visible.of(keep) + ": token index " + item
                    + " is out of range; allowed: 0-based token indexes, 0 (the first token) or more, each below its"
                    + " line's token count");
        }
        return index;
    }

    /**
     * A kept token keeps its position, so with a {@code --pos} template it must lie inside it; the same
     * for every line when kept by index (checked before the model loads), per line when kept by class.
     */
    private void checkKeptInsideTemplate(int index, String token) {
        int t = constraintOptions.templateLength();
        if (t > 0 && index >= t) {
            throw new IllegalArgumentException("--keep " + Visible.of(keep) + " keeps token " + index
                    + (token == null ? "" : " ('" + Visible.of(token) + "')") + ", but the --pos template has only "
                    + Counted.of(t, "tag", "tags") + " (" + Counted.indexes(t) + "), and a kept token keeps its"
                    + " position");
        }
    }

    /** A line's words and, with --tagged, their tags. */
    private record Line(List<String> words, List<Upos> tags) {}

    private Line parse(List<String> tokens) {
        List<String> words = new ArrayList<>();
        List<Upos> tags = new ArrayList<>();
        for (String token : tokens) {
            if (tagged) {
                int cut = token.lastIndexOf('_');
                if (cut <= 0) {
                    throw new IllegalArgumentException("--tagged: token '" + Visible.of(token) + "' is not word_UPOS;"
                            + " write each token with its tag, e.g. Paris_PROPN, or leave out --tagged");
                }
                words.add(token.substring(0, cut));
                try {
                    tags.add(Upos.parse(token.substring(cut + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--tagged: token '" + Visible.of(token) + "': " + e.getMessage(),
                            e);
                }
            } else {
                words.add(token);
            }
        }
        return new Line(words, tags);
    }

    @Override
    void checkLine(List<String> tokens) {
        Line line = parse(tokens);
        int size = line.words().size();
        if (size > 0 && !keptIndexes.isEmpty() && keptIndexes.last() >= size) {
            throw new IllegalArgumentException("--keep " + keptIndexes.last() + ": the line has only "
                    + Counted.of(size, "token", "tokens") + " (" + Counted.indexes(size) + ")");
        }
        int t = constraintOptions.templateLength();
        if (size > 0 && t > positions) {
            // what core's rewrite refuses of the line, in its words, before its batch samples anything
            Constraints.requireRewriteTemplateFits(t, positions, SentenceNaming.ONE.sentence(0), size);
        }
        for (int i = 0; i < size; i++) {
            if (tagged && keptClasses.contains(line.tags().get(i))) {
                checkKeptInsideTemplate(i, line.words().get(i));
            }
        }
    }

    /**
     * A mask written another way ("[mask]", "&lt;mask&gt;", "［MASK］", "[MASK]."), which the rewrite reads as an
     * unknown word (a light one keeps it as it was): the mask the user meant is never filled, so it is named, as
     * {@code infill} names it. Of the words, as {@code --tagged} reads them: "[MASK]_NOUN" is a mask.
     */
    @Override
    String warning(List<String> tokens) {
        String why = MisspeltMasks.first(parse(tokens).words());
        return why == null ? null : why + "; the line is rewritten with it as a word";
    }

    /** Core's refusals name a line "input line 8" ({@link SentenceNaming}), as the per-line checks do. */
    @Override
    List<List<String>> process(DiffusionLM lm, List<List<String>> lines, SamplingOptions options, int first) {
        SentenceNaming naming = new SentenceNaming("input line", false, first + 1, 0);
        Call call = call(lines);
        // One call, so that core refuses any line before it samples one. A blank line, given no template (it stays
        // blank), comes back blank: core neither samples it nor refuses it a guidance toward the template alone.
        return lm.rewriteAll(call.sentences(), call.keeps(), strength, call.constraints(), options, naming);
    }

    /**
     * The rows core samples for the lines ({@link DiffusionLM#rewriteRows}): its masks' infill rows, sampled once
     * each (they are filled unconstrained), then its windows, each as many times as there are candidates.
     */
    @Override
    long rows(DiffusionLM lm, List<List<String>> lines) {
        Call call = call(lines);
        long rows = 0;
        for (int s = 0; s < lines.size(); s++) {
            List<String> words = call.sentences().get(s);
            long masks = lm.infillRows(words);
            long windows = lm.rewriteRows(words, call.keeps().get(s), call.constraints().get(s)) - masks;
            rows += masks + windows * candidates();
        }
        return rows;
    }

    @Override
    int candidates() {
        return constraintOptions.candidates;
    }

    /** What {@link DiffusionLM#rewriteAll} is given for a batch of lines. */
    private record Call(List<List<String>> sentences, List<boolean[]> keeps, List<Constraints> constraints) {}

    private Call call(List<List<String>> lines) {
        List<List<String>> sentences = new ArrayList<>();
        List<boolean[]> keeps = new ArrayList<>();
        List<Constraints> constraints = new ArrayList<>();
        for (List<String> tokens : lines) {
            Line line = parse(tokens); // each line passed checkLine as it was read
            List<String> words = line.words();
            boolean[] k = new boolean[words.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = keptIndexes.contains(i) || (tagged && keptClasses.contains(line.tags().get(i)));
            }
            sentences.add(words);
            keeps.add(k);
            Constraints c = constraintOptions.constraints(templateFromInput && !words.isEmpty() ? line.tags() : null);
            constraints.add(words.isEmpty() ? c.withTemplate(null) : c); // a blank line stays blank
        }
        return new Call(sentences, keeps, constraints);
    }

    @Override
    String name() {
        return "rewrite";
    }
}
