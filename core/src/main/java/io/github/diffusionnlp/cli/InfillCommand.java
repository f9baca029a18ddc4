package io.github.diffusionnlp.cli;

import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "infill", mixinStandardHelpOptions = true,
        description = {"Read lines of whitespace-separated tokens from stdin; write each back with every [MASK]"
            + " replaced by one word and nothing else changed.",
            "Lines without [MASK] pass through unchanged; so do blank lines."})
final class InfillCommand implements Callable<Integer> {
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws IOException {
        Utf8Lines in = new Utf8Lines(System.in);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Progress progress = new Progress("infill", "lines");
        try (DiffusionLM lm = model.load()) {
            SamplingOptions options = model.sampling();
            List<String> pending = new ArrayList<>();
            String line;
            int lineNo = 0;
            while (true) {
                try {
                    line = in.next();
                } catch (IOException e) {
                    flush(lm, options, pending, out, lineNo - pending.size()); // what was read is not lost
                    throw e;
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                pending.add(line);
                if (pending.size() == options.batchSize()) {
                    flush(lm, options, pending, out, lineNo - pending.size());
                    progress.update(lineNo);
                }
            }
            flush(lm, options, pending, out, lineNo - pending.size());
            progress.done(lineNo);
        }
        return 0;
    }

    /** Fills a block of lines; line k of the whole input uses seed + k. */
    private static void flush(DiffusionLM lm, SamplingOptions options, List<String> lines, PrintStream out, int first) {
        List<List<String>> tokens = new ArrayList<>();
        for (String line : lines) {
            List<String> t = new ArrayList<>();
            Matcher m = TOKEN.matcher(line);
            while (m.find()) {
                t.add(m.group());
            }
            tokens.add(t);
        }
        List<List<String>> filled = lm.infillAll(tokens, options.toBuilder().seed(options.seed() + first).build());
        for (int i = 0; i < lines.size(); i++) {
            out.println(replaceMasks(lines.get(i), filled.get(i)));
        }
        out.flush();
        lines.clear();
    }

    /** The line with its k-th token replaced by filled[k] where it was a mask; spacing kept exactly. */
    static String replaceMasks(String line, List<String> filled) {
        StringBuilder sb = new StringBuilder();
        Matcher m = TOKEN.matcher(line);
        int last = 0;
        int k = 0;
        while (m.find()) {
            sb.append(line, last, m.start());
            sb.append(DiffusionLM.MASK.equals(m.group()) ? filled.get(k) : m.group());
            last = m.end();
            k++;
        }
        return sb.append(line.substring(last)).toString();
    }
}
