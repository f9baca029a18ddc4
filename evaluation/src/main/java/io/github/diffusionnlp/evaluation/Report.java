package io.github.diffusionnlp.evaluation;

import static io.github.diffusionnlp.evaluation.ConstraintsEvaluation.fmt;
import static io.github.diffusionnlp.evaluation.ConstraintsEvaluation.pct;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.diffusionnlp.api.ModelInfo;
import io.github.diffusionnlp.checkpoint.CheckpointFiles;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.eval.ResultPaths;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Result;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Row;
import io.github.diffusionnlp.evaluation.ConstraintsEvaluation.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link Result} as a Markdown table, a JSON file of the numbers and a TSV of every output. */
public final class Report {
    private Report() {}

    /** The Markdown report: a header naming model and settings, the table, and what each column means. */
    public static String markdown(Result r) {
        Map<String, Object> h = r.header();
        StringBuilder sb = new StringBuilder();
        sb.append("# Constraint control (issue 3)").append(Boolean.TRUE.equals(h.get("quick")) ? " — quick run" : "")
                .append("\n\n");
        String training = h.containsKey("trainingStep")
                ? " (step " + h.get("trainingStep") + " of " + h.get("trainingTotalSteps") + ")" : "";
        sb.append(String.format(Locale.ROOT, "- model: `%s`%s, %,d parameters%n", h.get("model"), training,
                ((Number) h.get("parameters")).longValue()));
        if (List.of("labeller").equals(h.get("tasks"))) { // nothing sampled: the sampling settings would mislead
            sb.append(String.format(Locale.ROOT, "- N = %s held-out reference sentences of %s tokens from `%s`,"
                    + " shuffled with seed %s, labelled by AFINN-165 and judged; nothing sampled%n", h.get("n"),
                    h.get("heldoutLengths"), h.get("heldout"), h.get("seed")));
            sb.append("- judges (never trained on this model's data): sentiment — ").append(h.get("sentimentJudge"))
                    .append('\n');
        } else {
            sampledSettings(sb, h);
            sb.append("- judges (never trained on this model's data): POS — ").append(h.get("posJudge"))
                    .append("; sentiment — ").append(h.get("sentimentJudge")).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "- wall time %s s on %s processors, finished %s%n%n",
                h.get("wallSeconds"), h.get("processors"), h.get("finished")));
        sb.append("| task | condition | guidance | N | measure | model | unconditioned | held-out | content words kept"
                + " | repetition | entropy (bits) | held-out repetition | held-out entropy | sampling s |\n");
        sb.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %.2f | %s | %.2f | %.1f |%n",
                    row.task(), row.condition(), row.guidance() == null ? "—" : fmt(row.guidance()), row.n(),
                    row.measure(), pct(row.value()), pct(row.baseline()), pct(row.reference()), pct(row.contentKept()),
                    pct(row.repetition()), row.entropy(), pct(row.heldoutRepetition()), row.heldoutEntropy(),
                    row.seconds()));
        }
        sb.append("""

                **model**: the measure on the constrained outputs. **unconditioned**: the same measure on outputs \
                of the same seeds with no label or template (POS: generated at the template's length; rewrite: \
                the same strength with no label; generate, where a label draws its lengths from its own rows: \
                at the lengths the labelled row drew, a baseline per label; length: free generation's lengths, \
                drawn or the model's as above, matching by chance) — what the \
                constraint adds is the gap between the two. **held-out**: the judge on real held-out text — POS: \
                OpenNLP's tags of the template's own source sentences against their Brown-derived tags (the \
                judge's ceiling); rewrite: the unchanged inputs; generate: N other held-out sentences. **labeller \
                against judge** rows (`--tasks labeller`) sample nothing: their "model" figure is the judge on \
                those N held-out sentences that the training data's labeller, AFINN-165, gives the label (N: how \
                many), the ceiling of a model that writes its label's real text.

                - *tag accuracy*: share of template positions where OpenNLP's UPOS tag of the output equals the \
                template's (pooled over positions; missing positions count as wrong).
                - *judged X*: share of outputs whose CoreNLP sentiment class maps to X (0–1 negative, 2 neutral, \
                3–4 positive; an empty output counts as a failure).
                - *content words kept*: of the input's NOUN, PROPN, VERB, ADJ and ADV tokens (by the input's own \
                tags), the share found anywhere in the output, case-insensitively, one to one.
                - *exact length*: share of outputs with exactly the requested number of tokens (lengths drawn from \
                held-out sentences).
                - *repetition*: of all tokens that are not punctuation (no letter or digit), the share equal \
                (ignoring case) to an earlier token of the same sentence. *entropy*: unigram entropy in bits of \
                all output tokens pooled (case folded, punctuation included); it grows with sample size, so \
                compare it with the held-out figure of the same row (the same number of sentences).
                """);
        return sb.toString();
    }

    /** The header lines of a run that sampled: its sampling settings, N, guidance, lengths and constraints. */
    private static void sampledSettings(StringBuilder sb, Map<String, Object> h) {
        sb.append(String.format(Locale.ROOT,
                "- sampling: %s steps, temperature %s, x̂₀ temperature %s, n-gram weight %s,"
                        + " seed %s (sentence i: %s), batch %s; rewrite strength %s, %s%n", h.get("steps"),
                h.get("temperature"), h.getOrDefault("x0Temperature", 1.0), h.getOrDefault("ngramWeight", 0.0),
                h.get("seed"), h.getOrDefault("sentenceSeeds", "seed + i"), h.get("batch"), h.get("rewriteStrength"),
                kept(h.get("rewriteKeeps"))));
        sb.append(String.format(Locale.ROOT, "- N = %s sentences per row; guidance weights %s; sentiment rows best of"
                        + " %s candidates (ranked by the AFINN lexicon, not by the judge); held-out sentences of"
                        + " %s tokens from `%s`%n", h.get("n"), h.get("guidances"), h.get("candidates"),
                h.get("heldoutLengths"), h.get("heldout")));
        if (Boolean.FALSE.equals(h.get("guideLength"))) {
            sb.append("- guidance leaves the length alone: the words are guided, [PAD] keeps the conditioned pass's"
                    + " probability (`--unguided-length`)\n");
        }
        sb.append(generationLengths(h));
        if (Boolean.TRUE.equals(h.get("lexical"))) {
            sb.append(String.format(Locale.ROOT,
                    "- lexical constraints on the rows marked so: a template slot takes only"
                    + " words tagged so in at least %s of their training uses (the model's tag-lexicon.tsv); a"
                    + " sentiment bans negations and the AFINN-165 words rated against it (neutral: every rated"
                    + " word)%n",
                    h.get("lexicalTagShare")));
        }
    }

    /**
     * The longest {@code --name} whose files fit the 255 bytes a file name may have (ext4, XFS, Btrfs, tmpfs): the
     * longest is NAME-samples.tsv's temporary sibling, NAME-samples.tsv.DIGITS.tmp, up to 20 digits. A longer name
     * was refused by the file system only when the files were written, after the whole run, whose samples were lost.
     */
    static final int MAX_NAME_BYTES = 255 - "-samples.tsv".length() - ".18446744073709551615.tmp".length();

    /** The files {@link #write} writes: NAME.md, NAME.json and NAME-samples.tsv in {@code dir}. */
    public static List<Path> files(Path dir, String name) {
        return List.of(dir.resolve(name + ".md"), dir.resolve(name + ".json"), dir.resolve(name + "-samples.tsv"));
    }

    /**
     * Checks, before a run starts, that its files can go where {@code --out} and {@code --name} say, and refuses to
     * replace an earlier run's files unless {@code overwrite}: found only when the files were written, either ended an
     * hour's run with its samples lost. A missing directory is made only when the files are written ({@link
     * #writeFiles}): made here, a run refused after loading its model left it behind, empty.
     */
    static void prepare(Path dir, String name, boolean overwrite) throws IOException {
        if (name.isBlank() || name.equals(".") || name.equals("..")
                || !name.equals(String.valueOf(Path.of(name).getFileName()))) {
            throw new IllegalArgumentException("--name " + Visible.of(name) + " is not a file name: give the files'"
                    + " stem alone (NAME.md, NAME.json, NAME-samples.tsv) and their directory with --out");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("--name " + Visible.of(name) + " is too long: " + bytes + " bytes, and"
                    + " its longest file, written through a temporary NAME-samples.tsv.DIGITS.tmp, would pass the 255"
                    + " bytes a file name may have; give a name of at most " + MAX_NAME_BYTES + " bytes");
        }
        Path existing = dir.toAbsolutePath();
        while (!Files.exists(existing)) { // the root exists, so this ends
            existing = existing.getParent();
        }
        String made = existing.equals(dir.toAbsolutePath()) ? "" : " cannot be made: " + Visible.of(existing);
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException("--out " + Visible.of(dir) + made + " is a file, not a directory: give"
                    + " the directory the files go into (made if missing)");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException("--out " + Visible.of(dir) + made + " is not writable: give a directory"
                    + " you may write to");
        }
        if (overwrite) {
            return;
        }
        for (Path file : files(dir, name)) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(Visible.of(file) + " holds the results of an earlier run; give"
                        + " another --name, or --overwrite to replace them");
            }
        }
    }

    /**
     * Writes NAME.md, NAME.json and NAME-samples.tsv into the directory; returns the three paths. Each file is
     * written whole or not at all (a temporary sibling, then a rename), and the table last: measure-default.sh
     * counts a part done when its table exists, so a run stopped while writing leaves the part to be run again.
     */
    public static List<Path> write(Result r, Path dir, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("task\tcondition\tguidance\tindex\tinput\toutput\tjudged");
        for (Sample s : r.samples()) {
            lines.add(String.join("\t", s.task(), s.condition(), s.guidance() == null ? "" : fmt(s.guidance()),
                    String.valueOf(s.index()), clean(s.input()), clean(s.output()), clean(s.judged())));
        }
        return writeFiles(dir, name, lines, r.header(), r.rows(), markdown(r));
    }

    /**
     * Writes an evaluation's three files, each whole (a temporary sibling, then a rename): the samples' TSV
     * {@code lines}, the JSON of its {@code header} (as "settings") and {@code rows}, and the {@code markdown} table
     * last, so that a run stopped while writing leaves no table beside missing samples.
     */
    static List<Path> writeFiles(Path dir, String name, List<String> lines, Map<String, Object> header, List<?> rows,
            String markdown) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = files(dir, name);
        CheckpointFiles.writeAtomically(files.get(2), tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", header);
        json.put("rows", rows);
        CheckpointFiles.writeAtomically(files.get(1), tmp -> new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json));
        CheckpointFiles.writeAtomically(files.get(0), tmp -> Files.writeString(tmp, markdown, StandardCharsets.UTF_8));
        return files;
    }

    /** The head of a results file's JSON header, the same in every evaluation: which model, and how far trained. */
    static Map<String, Object> modelHeader(ModelInfo info) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("model", ResultPaths.shown(info.directory()));
        h.put("parameters", info.parameters());
        if (info.training() != null) {
            h.put("trainingStep", info.training().step());
            h.put("trainingTotalSteps", info.training().totalSteps());
        }
        return h;
    }

    /**
     * The header line saying which lengths the generation rows had, or "" for a run without them. Files written before
     * lengths were drawn by default record "free" (the model's choice) and say so too.
     */
    private static String generationLengths(Map<String, Object> h) {
        if (!(h.get("tasks") instanceof List<?> tasks) || !tasks.contains("generate")) {
            return "";
        }
        Object lengths = h.get("generationLengths");
        if ("held-out".equals(lengths)) {
            return "- generation rows at the lengths of their held-out reference sentences (`--heldout-lengths`)\n";
        }
        if ("drawn".equals(lengths)) {
            String byLabel = Boolean.TRUE.equals(h.get("lengthsByLabel")) ? ", a labelled row's from the lengths of"
                    + " the rows of its label (no label: of all rows)" : "";
            return "- generation rows at lengths drawn from the model's training rows' lengths" + byLabel + ", sentence"
                    + " i's with its seed (the default; `--no-draw-length`: the model's own)\n";
        }
        return "- generation rows at the lengths the model chooses, by generating padding (`--no-draw-length`,"
                + " `--unguided-length` or a model that records no row lengths; the default before lengths were drawn,"
                + " 2026-12-06)\n";
    }

    /** "nothing kept", or which UPOS classes rewrites kept (older result files have no such entry). */
    private static String kept(Object classes) {
        return classes instanceof List<?> l && !l.isEmpty()
                ? "keeping " + l.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " words verbatim"
                : "nothing kept";
    }

    /** A sample's text as one TSV field: tabs and newlines become spaces. */
    static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
