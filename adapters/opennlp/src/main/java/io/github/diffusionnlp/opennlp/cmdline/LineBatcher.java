package io.github.diffusionnlp.opennlp.cmdline;

import com.google.common.base.Joiner;
import com.google.common.collect.Iterables;
import io.github.diffusionnlp.cli.Stdout;
import io.github.diffusionnlp.corpus.Utf8Lines;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import opennlp.tools.cmdline.PerformanceMonitor;
import opennlp.tools.cmdline.TerminateToolException;
import opennlp.tools.tokenize.Detokenizer;
import opennlp.tools.util.Span;

/**
 * The line loop the Infill and Rewrite tools share: input lines read into jobs for the model, run in batches, and
 * written back one output line per input line, in order.
 */
final class LineBatcher {
    private LineBatcher() {}

    /**
     * One sentence for the model: its tokens and, for a rewrite, its keep mask and the tokens of it that {@code -keep}
     * keeps by index (a sentence holding a mask keeps those and the classes of its words' tags once its masks are
     * filled: {@link io.github.diffusionnlp.opennlp.RewriterME#rewrite(String[][], boolean[][], boolean[][])}).
     */
    record Job(String[] tokens, boolean[] keep, boolean[] keptByIndex) {
        /**
         * An infill's job, which keeps nothing. (A rewrite's names its index mask apart: its keep mask holds the
         * classes of the masked sentence's tags, which a copy as the index mask would keep again after the fill.)
         */
        static Job infill(String[] tokens) {
            return new Job(tokens, null, null);
        }
    }

    /**
     * A line read: its sentences (null: the line is written back byte for byte) and, per sentence, its
     * job for the model (null: the sentence is written as it is).
     */
    record ReadLine(Utf8Lines.Line line, List<String[]> sentences, List<Span[]> spans, List<Job> jobs,
            boolean unprocessed, boolean maskNotRead) {
        /** A line of whitespace tokens, or one whose tokens' places in its text are not known. */
        ReadLine(Utf8Lines.Line line, List<String[]> sentences, List<Job> jobs) {
            this(line, sentences, null, jobs, false, false);
        }

        ReadLine(Utf8Lines.Line line, LineTokenizer.LineTokens tokens, List<Job> jobs) {
            this(line, tokens.sentences(), tokens.spans(), jobs, false, false);
        }

        /** A line with nothing to do (blank), written back as it is. */
        static ReadLine passThrough(Utf8Lines.Line line) {
            return new ReadLine(line, null, null, null, false, false);
        }

        /**
         * This line, holding a mask written another way ({@code [mask]}, a message on stderr has named it): processed
         * as the words it holds, and counted, so that the run ends in failure: the user meant a mask there.
         */
        ReadLine withMaskNotRead() {
            return new ReadLine(line, sentences, spans, jobs, unprocessed, true);
        }

        /**
         * A line the tool could not process (not UTF-8, too long, a keep index past its end; a message on stderr has
         * named it), written back as it is so that nothing is lost, and counted: the run ends in failure.
         */
        static ReadLine unprocessed(Utf8Lines.Line line) {
            return new ReadLine(line, null, null, null, true, false);
        }
    }

    /** Reads one input line into its sentences and jobs. */
    interface LineReader {
        ReadLine read(Utf8Lines.Line line);
    }

    /** Runs a batch of jobs, the first being sentence {@code first} of the run, sampled as in one call. */
    interface BatchRunner {
        String[][] run(List<Job> batch, long first);
    }

    /**
     * The line loop the tools share: reads every input line, collects the jobs of whole lines until a
     * batch is full, runs it and writes each line (one output line per input line, in order). When the
     * model fails on a batch, its lines are run again one by one, so that only a line the model fails on
     * alone is written as it was read, with a message naming it; after every line is written, a run with
     * such lines, with lines passed through for bad input ({@link ReadLine#unprocessed}) or with a mask written
     * another way ({@link ReadLine#maskNotRead}), ends in a
     * {@link TerminateToolException} of code {@value CmdTool#FAILED} that counts them. Progress goes to {@code err}
     * in lines ({@link FirstResultMonitor}).
     *
     * @param instead what a failed line is written without ("filling", "rewriting")
     */
    static void processLines(InputStream in, PrintStream out, PrintStream err, int batchSize, LineReader reader,
            BatchRunner runner, Detokenizer detokenizer, String instead) throws IOException {
        InputLines lines = new InputLines(in);
        PerformanceMonitor monitor = new FirstResultMonitor(err, "line");
        monitor.start();
        List<Integer> failed = new ArrayList<>();
        List<Integer> unprocessed = new ArrayList<>();
        List<Integer> masksNotRead = new ArrayList<>();
        int read = 0;
        try {
            List<ReadLine> pending = new ArrayList<>();
            List<Job> batch = new ArrayList<>();
            long[] sentenceIndex = {0};
            Utf8Lines.Line line;
            while ((line = lines.next()) != null) {
                read++;
                ReadLine r = reader.read(line);
                if (r.unprocessed()) {
                    unprocessed.add(line.number());
                }
                if (r.maskNotRead()) {
                    masksNotRead.add(line.number());
                }
                pending.add(r);
                batch.addAll(jobsOf(r));
                // A full batch, or all the input there is for now: a program that writes a line and waits
                // for its answer (a coprocess) gets it now, not after a batch more of sentences or the end
                // of the input. Sentence k of the run is seeded as sentence k of one call either way.
                if (batch.size() >= batchSize || !lines.ready()) {
                    failed.addAll(flush(pending, batch, runner, sentenceIndex, detokenizer, instead, out, err));
                    counted(pending, monitor, out);
                    pending.clear();
                    batch.clear();
                }
            }
            failed.addAll(flush(pending, batch, runner, sentenceIndex, detokenizer, instead, out, err));
            counted(pending, monitor, out);
        } finally {
            out.flush();
            monitor.stopAndPrintFinalResult();
        }
        // Every line is written; a script must still learn that some were not processed.
        List<String> problems = new ArrayList<>();
        if (!failed.isEmpty()) {
            problems.add(failed.size() + " of " + read + " lines written without " + instead
                    + ": the model failed on " + lineNumbers(failed) + " (its message above each)");
        }
        if (!unprocessed.isEmpty()) {
            problems.add(unprocessed.size() + " of " + read + " line" + (read > 1 ? "s" : "")
                    + " passed through unprocessed: " + lineNumbers(unprocessed) + "; see the messages above");
        }
        if (!masksNotRead.isEmpty()) {
            problems.add(masksNotRead.size() + " of " + read + " line" + (read > 1 ? "s" : "")
                    + " hold a mask written another way, not filled: " + lineNumbers(masksNotRead)
                    + "; see the messages above");
        }
        if (!problems.isEmpty()) {
            throw new TerminateToolException(CmdTool.FAILED, String.join("\n", problems));
        }
    }

    /**
     * Counts the lines just written, then stops the run if nobody reads them: the monitor's total then agrees with
     * the "closed after line N" message rather than leaving out the lines of the batch that found the pipe closed.
     */
    private static void counted(List<ReadLine> written, PerformanceMonitor monitor, PrintStream out) {
        monitor.incrementCounter(written.size());
        if (!written.isEmpty()) {
            Stdout.requireOpen(out, "line " + written.get(written.size() - 1).line().number());
        }
    }

    /** "line 4" or "lines 4, 6", at most 20 of them named. */
    static String lineNumbers(List<Integer> numbers) {
        return "line" + (numbers.size() > 1 ? "s " : " ") + Joiner.on(", ").join(Iterables.limit(numbers, 20))
                + (numbers.size() > 20 ? ", ..." : "");
    }

    /** The jobs of a line read, in order (none for a line passed through or sentences written as they are). */
    private static List<Job> jobsOf(ReadLine r) {
        return r.jobs() == null ? List.of() : r.jobs().stream().filter(Objects::nonNull).toList();
    }

    /**
     * Runs a batch (sentence k of the run uses seed + k) and writes its lines in order; returns the numbers of
     * the lines the model failed on, written as they were read. A failed batch of several lines is run again
     * line by line, each line with its own sentences' seeds, so that one bad line costs only itself.
     */
    private static List<Integer> flush(List<ReadLine> pending, List<Job> batch, BatchRunner runner,
            long[] sentenceIndex, Detokenizer detokenizer, String instead, PrintStream out, PrintStream err) {
        String[][] results = new String[batch.size()][]; // null: the job's sentence is written as it was read
        List<Integer> failed = new ArrayList<>();
        if (!batch.isEmpty()) {
            List<ReadLine> withJobs = pending.stream().filter(r -> !jobsOf(r).isEmpty()).toList();
            try {
                String[][] all = runner.run(batch, sentenceIndex[0]);
                System.arraycopy(all, 0, results, 0, results.length);
            } catch (RuntimeException batchFailure) {
                int k = 0;
                for (ReadLine r : withJobs) {
                    List<Job> jobs = jobsOf(r);
                    try {
                        if (withJobs.size() == 1) {
                            throw batchFailure; // the batch was this line: it has failed on its own already
                        }
                        System.arraycopy(runner.run(jobs, sentenceIndex[0] + k), 0, results, k, jobs.size());
                    } catch (RuntimeException e) {
                        err.println("line " + r.line().number() + ": the model failed (" + CmdTool.message(e)
                                + "); written without " + instead);
                        failed.add(r.line().number());
                    }
                    k += jobs.size();
                }
            }
            sentenceIndex[0] += batch.size();
        }
        int k = 0;
        for (ReadLine r : pending) {
            if (r.sentences() == null) {
                out.write(r.line().bytes(), 0, r.line().bytes().length);
                out.print(r.line().ending()); // byte for byte: CRLF, CR and LF lines end as they came
                continue;
            }
            List<String[]> sentences = new ArrayList<>(r.sentences());
            for (int i = 0; i < sentences.size(); i++) {
                if (r.jobs() != null && r.jobs().get(i) != null) {
                    if (results[k] != null) {
                        sentences.set(i, results[k]);
                    }
                    k++;
                }
            }
            if (detokenizer != null && r.spans() != null) {
                // raw text: the new words go into the line at their tokens' places, the rest stays as it was read
                String text = Output.splice(r.line().text(), r.spans(), r.sentences(), sentences, detokenizer);
                if (text.equals(r.line().text())) {
                    out.write(r.line().bytes(), 0, r.line().bytes().length); // byte for byte, a byte-order mark too
                    out.print(r.line().ending());
                    continue;
                }
                out.print(text);
            } else {
                out.print(Output.render(sentences, r.sentences(), detokenizer));
            }
            // CRLF input stays CRLF, CR stays CR, line by line, as passed-through lines do
            out.print(r.line().ending());
        }
        out.flush();
        return failed;
    }
}
