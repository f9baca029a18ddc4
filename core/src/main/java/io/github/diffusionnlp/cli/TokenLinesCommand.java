package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;

/**
 * A command that reads lines of whitespace-separated tokens from stdin, transforms them a batch at
 * a time, and writes one line per input line with the spacing and the line end ({@code \r\n} or {@code \n})
 * of the input kept.
 */
abstract class TokenLinesCommand implements Callable<Integer> {
    /** Whitespace, every Unicode kind of it, separates tokens, as in a training corpus; the spacing stays in place. */
    private static final Pattern TOKEN = TaggedCorpus.TOKEN;

    @Mixin
    ModelOptions model;

    @Mixin
    CorpusReading reading; // --layout and --multiword, for --ngram-corpus

    /**
     * The transformed tokens of each line of a block (same count per line); line k is sampled as sentence k of one
     * call ({@link SamplingOptions#startingAt}). {@code first}: the 0-based number of the block's first input line,
     * for a refusal of the block to name the input line (input line {@code first + k + 1}) rather than its place in
     * the block.
     */
    abstract List<List<String>> process(DiffusionLM lm, List<List<String>> lines, SamplingOptions options, int first);

    abstract String name();

    /**
     * The rows {@link #process} has the model sample for {@code lines} (a window each, or each stretch of infill,
     * every best-of-k candidate apart): what a batch's progress counts toward; -1 when not known.
     */
    abstract long rows(DiffusionLM lm, List<List<String>> lines);

    /** The best-of-k candidates each window is sampled as: 1, or {@code --candidates}. */
    abstract int candidates();

    /** Checks the command's own options before the model loads. */
    void validate() {}

    /** Checks what the options ask of the loaded model, before any input is read. */
    void checkModel(DiffusionLM lm) {}

    /** Checks one input line's tokens as it is read; an {@link IllegalArgumentException} says what is wrong. */
    void checkLine(List<String> tokens) {}

    /**
     * A warning about one input line's tokens that {@link #checkLine} let pass, printed on stderr with the line's
     * number (the line is transformed all the same); null for none.
     */
    String warning(List<String> tokens) {
        return null;
    }

    @Override
    public Integer call() throws IOException {
        validate();
        Stdin.requireOpen(System.in); // before the model loads: <&- left the JVM's own file as descriptor 0
        Utf8Lines in = new Utf8Lines(System.in);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        SamplingOptions options = model.sampling(); // checked before loading
        try (DiffusionLM lm = model.loadFusing(reading)) {
            checkModel(lm);
            // from here: the rate is the sampling's, not the load's
            Progress progress = new Progress(name(), "line", "lines");
            List<Utf8Lines.Line> pending = new ArrayList<>();
            Utf8Lines.Line line;
            int lineNo = 0;
            while (true) {
                try {
                    line = in.next();
                } catch (IOException e) {
                    flush(lm, options, progress, pending, out, lineNo - pending.size()); // what was read is not lost
                    throw e;
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                List<String> lineTokens = tokens(line.text());
                try {
                    checkLine(lineTokens);
                } catch (IllegalArgumentException e) {
                    // the good lines before it are kept
                    flush(lm, options, progress, pending, out, lineNo - 1 - pending.size());
                    throw new IllegalArgumentException("input line " + lineNo + ": " + e.getMessage()
                            + (lineNo > 1 ? " (the lines before it were written)" : ""), e);
                }
                String warning = warning(lineTokens);
                if (warning != null) {
                    System.err.println("warning: input line " + lineNo + ": " + warning);
                }
                pending.add(line);
                // A full batch, or all the input there is for now: a program that writes a line and waits
                // for its answer (a coprocess, an interactive shell) gets it now, not after batchSize - 1
                // more lines or the end of the input. A line is seeded by its number either way.
                if (pending.size() == options.batchSize() || !in.ready()) {
                    flush(lm, options, progress, pending, out, lineNo - pending.size());
                    progress.update(lineNo);
                }
            }
            flush(lm, options, progress, pending, out, lineNo - pending.size());
            progress.done(lineNo);
        }
        return 0;
    }

    /**
     * Samples the lines and writes them. A batch whose windows take long (a line of 100,000 tokens is some 1,600
     * windows) says how far it is on the lines' cadence ({@link Progress#rows}).
     */
    private void flush(DiffusionLM lm, SamplingOptions options, Progress progress, List<Utf8Lines.Line> lines,
            PrintStream out, int first) {
        List<List<String>> tokens = new ArrayList<>();
        for (Utf8Lines.Line line : lines) {
            tokens.add(tokens(line.text()));
        }
        long rows;
        try {
            rows = rows(lm, tokens);
        } catch (IllegalArgumentException e) {
            rows = -1; // a line core refuses: process says so, in its words
        }
        int last = first + lines.size();
        String where = lines.size() == 1 ? "line " + last : "lines " + (first + 1) + "-" + last;
        boolean many = candidates() > 1;
        ai.djl.util.Progress windows = progress.rows(first, where, rows, many ? "candidate window" : "window",
                many ? "candidate windows" : "windows");
        SamplingOptions watched = options.startingAt(first).toBuilder().optProgress(windows).build();
        List<List<String>> done = process(lm, tokens, watched, first);
        for (int i = 0; i < lines.size(); i++) {
            // the input line's own terminator, not println's: CRLF input stays CRLF, line by line
            out.print(replaceTokens(lines.get(i).text(), done.get(i)));
            out.print(lines.get(i).ending());
        }
        out.flush();
        Stdout.requireOpen(out, "input line " + (first + lines.size()));
        lines.clear();
    }

    static List<String> tokens(String line) {
        List<String> t = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            t.add(m.group());
        }
        return t;
    }

    /**
     * The line with its k-th token replaced by {@code tokens[k]}, spacing kept exactly; when the count
     * changed (a rewrite to a template of another length), the tokens joined by single spaces.
     */
    static String replaceTokens(String line, List<String> tokens) {
        if (tokens(line).size() != tokens.size()) {
            return String.join(" ", tokens);
        }
        StringBuilder sb = new StringBuilder();
        Matcher m = TOKEN.matcher(line);
        int last = 0;
        int k = 0;
        while (m.find()) {
            sb.append(line, last, m.start()).append(tokens.get(k));
            last = m.end();
            k++;
        }
        return sb.append(line.substring(last)).toString();
    }
}
