package io.github.diffusionnlp.evaluation;

import static io.github.diffusionnlp.evaluation.ConstraintsEvaluation.fmt;

import io.github.diffusionnlp.evaluation.SteeringEvaluation.Result;
import io.github.diffusionnlp.evaluation.SteeringEvaluation.Row;
import io.github.diffusionnlp.evaluation.SteeringEvaluation.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a steering {@link Result} as {@link Report} writes the constraints': a Markdown table, JSON and a TSV. */
public final class SteeringReport {
    private SteeringReport() {}

    /** The Markdown report: a header naming model and settings, the table, and what each column means. */
    public static String markdown(Result r) {
        Map<String, Object> h = r.header();
        StringBuilder sb = new StringBuilder("# Plug-and-play steering\n\n");
        String training = h.containsKey("trainingStep")
                ? " (step " + h.get("trainingStep") + " of " + h.get("trainingTotalSteps") + ")" : "";
        sb.append(String.format(Locale.ROOT, "- model: `%s`%s, %,d parameters%n", h.get("model"), training,
                ((Number) h.get("parameters")).longValue()));
        sb.append(String.format(Locale.ROOT, "- N = %s sentences of %s tokens per row, %s steps, seed %s (sentence i:"
                + " %s), batch %s; read by the model's own sentimentPosterior (seed %s) and AFINN-165%n",
                h.get("n"), h.get("length"), h.get("steps"), h.get("seed"), h.getOrDefault("sentenceSeeds", "seed + i"),
                h.get("batch"), h.get("posteriorSeed")));
        sb.append(String.format(Locale.ROOT, "- steering: PlugAndPlay.of(scorer, weight) (3 gradient steps of size 0.5,"
                + " fluency 1); LexiconSentimentScorer at weights %s%n", h.get("weights")));
        if (h.containsKey("probeSteps")) {
            sb.append(String.format(Locale.ROOT, "- probe: NoisySentimentClassifier.train(lm, the first %s sentences of"
                    + " `%s`, %s steps, seed %s) (%s s), steering at weight %s%n", h.get("probeSentences"),
                    h.get("probeCorpus"), h.get("probeSteps"), h.get("probeSeed"), h.get("probeTrainingSeconds"),
                    fmt(((Number) h.get("probeWeight")).doubleValue())));
        }
        sb.append(String.format(Locale.ROOT, "- wall time %s s on %s processors, finished %s%n%n",
                h.get("wallSeconds"), h.get("processors"), h.get("finished")));
        sb.append("| row | toward | weight | N | p(positive) | p(negative) | AFINN positive | AFINN negative"
                + " | sampling s |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %d | %d | %.1f |%n", row.row(),
                    row.toward() == null ? "—" : row.toward(), row.weight() == null ? "—" : fmt(row.weight()),
                    row.n(), row.pPositive(), row.pNegative(), row.afinnPositive(), row.afinnNegative(),
                    row.seconds()));
        }
        sb.append("""

                **p(positive)**, **p(negative)**: the mean over the row's sentences of the model's own \
                `sentimentPosterior` (the model read as a classifier of its sentiment condition; it never sees a \
                steering scorer). **AFINN positive / negative**: sentences the AFINN-165 labeller \
                (`SentimentLabeller`, summed valence >= 2 / <= -2) labels so — the lexicon that labelled the \
                model's training data and that LexiconSentimentScorer steers by, so for that scorer it grades its \
                own lexicon. No judge outside the project (CoreNLP) has read these samples.
                """);
        return sb.toString();
    }

    /**
     * Writes NAME.md, NAME.json and NAME-samples.tsv, each whole (a temporary sibling, then a rename), the table last.
     */
    public static List<Path> write(Result r, Path dir, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("row\ttoward\tweight\tindex\toutput\tp(positive)\tp(negative)\tAFINN");
        for (Sample s : r.samples()) {
            lines.add(String.join("\t", s.row(), s.toward() == null ? "" : s.toward(),
                    s.weight() == null ? "" : fmt(s.weight()), String.valueOf(s.index()),
                    Report.clean(s.output()),
                    String.format(Locale.ROOT, "%.4f", s.pPositive()),
                    String.format(Locale.ROOT, "%.4f", s.pNegative()), s.afinn()));
        }
        return Report.writeFiles(dir, name, lines, r.header(), r.rows(), markdown(r));
    }
}
