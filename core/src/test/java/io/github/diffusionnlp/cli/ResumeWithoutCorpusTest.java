package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.checkpoint.CorpusFingerprint;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.checkpoint.TrainingInfo;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code train --resume --out DIR} refused without {@code --corpus} ("Missing required option"), though the
 * checkpoint records the corpus it was trained on, with its size and checksum: a stopped run now resumes with that
 * short command, on the recorded corpus, and says so; a checkpoint that records none, or whose file is gone or has
 * changed, is refused, naming what to give. Without {@code --resume}, {@code --corpus} stays required.
 */
@Isolated
class ResumeWithoutCorpusTest {
    private static final String SENTENCES = "the cat sat on the mat .\na dog ran to the park .\n"
            + "she read the old book .\nwe saw a red bird in the tree .\n";
    private static final String[] TINY = {"--size", "tiny", "--vocab", "200", "--length", "16", "--batch", "8",
        "--lr", "3e-3", "--warmup", "5", "--seed", "7", "--checkpoint-every", "10", "--no-context-embeddings"};

    private static String[] args(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(TINY));
        return all.toArray(new String[0]);
    }

    /** A checkpoint of 10 steps in {@code tmp}/model, trained on {@code tmp}/corpus.txt. */
    private static Path trained(Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path out = tmp.resolve("model");
        Run first = MainTest.run("", args("train", "--corpus", corpus.toString(), "--out", out.toString(),
                "--steps", "10"));
        assertEquals(0, first.code(), first.err());
        return out;
    }

    private static TrainingInfo record(Path out) throws IOException {
        return ModelCheckpoint.readHeader(out).training();
    }

    /** Changes the checkpoint's config.json as {@code edit} does to its training record (an older config's). */
    private static void editTraining(Path out, Consumer<ObjectNode> edit) throws IOException {
        Path config = out.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        edit.accept((ObjectNode) tree.get("training"));
        json.writeValue(config.toFile(), tree);
    }

    @Test
    void aResumeWithoutCorpusTrainsOnTheOneTheCheckpointRecords(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp);
        Path corpus = tmp.resolve("corpus.txt").toAbsolutePath().normalize();
        Run resumed = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        String said = resumed.out();
        assertTrue(said.startsWith("corpus: " + corpus + " (as the checkpoint records; give --corpus to train on"
                + " another)\n"), said);
        assertFalse(said.contains("note: resuming on"), "the same corpus, unchanged: " + said);
        TrainingInfo after = record(out);
        assertEquals(20, after.step());
        assertEquals(corpus.toString(), after.corpus());
        assertEquals(CorpusFingerprint.of(corpus), CorpusFingerprint.recorded(after));
        assertEquals(7, after.seed(), "the checkpoint's seed");
        assertEquals(8, after.batchSize(), "the checkpoint's batch");
        assertEquals(3e-3, after.learningRate(), "the checkpoint's rate");
    }

    /**
     * The corpus given relative to the working directory of the first run is recorded absolute, so that a resume
     * from another working directory finds it.
     */
    @Test
    void aCorpusGivenRelativeInAnotherWorkingDirectoryIsFoundFromThisOne(@TempDir Path tmp) throws Exception {
        Path there = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.writeString(there.resolve("corpus.txt"), SENTENCES.repeat(30));
        ProcessBuilder first = ChildJvm.command(List.of(), Main.class, args("train", "--corpus", "corpus.txt",
                "--out", "model", "--steps", "10")).directory(there.toFile());
        ChildJvm.Run r = ChildJvm.run(first, "", Duration.ofSeconds(180));
        assertEquals(0, r.code(), r.said());
        Path corpus = there.resolve("corpus.txt").toAbsolutePath().normalize();
        Path out = there.resolve("model");
        assertEquals(corpus.toString(), record(out).corpus(), "recorded absolute");
        assertFalse(Files.exists(Path.of("corpus.txt")), "this working directory has no such file");

        Run resumed = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("corpus: " + corpus + " (as the checkpoint records"), resumed.out());
        assertEquals(20, record(out).step());
    }

    /**
     * A config that records its corpus relative (written before corpora were recorded absolute, as the shipped
     * models' are) names no file for certain: refused, naming the recorded name and what to give.
     */
    @Test
    void aRecordedRelativeCorpusIsRefusedNamingIt(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp);
        editTraining(out, t -> t.put("corpus", "corpus.txt"));
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: the checkpoint in " + out + " records its corpus as corpus.txt, relative to a working"
                + " directory it does not record (a checkpoint written before corpora were recorded absolute);"
                + " give --corpus FILE, the corpus to train it on\n", r.err());
        assertEquals(10, record(out).step(), "nothing trained");
    }

    @Test
    void aCheckpointThatRecordsNoCorpusIsRefused(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp);
        editTraining(out, t -> t.remove("corpus"));
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: the checkpoint in " + out + " records no corpus (an older config); give --corpus FILE,"
                + " the corpus to train it on\n", r.err());
    }

    @Test
    void aRecordedCorpusThatIsGoneIsRefused(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp);
        Path corpus = tmp.resolve("corpus.txt").toAbsolutePath().normalize();
        Files.delete(corpus);
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + corpus + ", the corpus the checkpoint in " + out + " records, is gone (no such"
                + " file); give --corpus FILE, the corpus to train it on\n", r.err());
        assertEquals(10, record(out).step());
    }

    /** The fingerprint check's wording, as the note of a resume given the changed file says it. */
    @Test
    void aRecordedCorpusThatHasChangedIsRefused(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp);
        Path corpus = tmp.resolve("corpus.txt").toAbsolutePath().normalize();
        CorpusFingerprint then = CorpusFingerprint.recorded(record(out));
        Files.writeString(corpus, SENTENCES.repeat(29) + SENTENCES.replace("cat", "rat"));
        CorpusFingerprint now = CorpusFingerprint.of(corpus);
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + corpus + ", the corpus the checkpoint in " + out + " records, has changed since the"
                + " checkpoint was trained on it (" + now.describe() + ", where the checkpoint recorded "
                + then.describe() + "); give --corpus " + corpus + " to train on it as it is now (the checkpoint's"
                + " vocabulary stays, and words it lacks are read as unknown), or --corpus FILE for another\n",
                r.err());
        assertEquals(10, record(out).step());
    }

    /** A checkpoint of before the fingerprint was recorded cannot tell its file is the one it read. */
    @Test
    void aRecordedCorpusWithoutFingerprintIsRefused(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp);
        Path corpus = tmp.resolve("corpus.txt").toAbsolutePath().normalize();
        editTraining(out, t -> t.remove(List.of("corpusBytes", "corpusChecksum")));
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: the checkpoint in " + out + " records its corpus, " + corpus + ", but not its size and"
                + " checksum (a checkpoint of before 2026-12-05, or a corpus that was no regular file), so this run"
                + " cannot tell that the file is what it was trained on; give --corpus " + corpus + " to train on it"
                + " as it is, or --corpus FILE for another\n", r.err());
    }

    /**
     * A checkpoint of before the reading rules were recorded (2026-12-07), on its recorded corpus, unchanged, that
     * reads as other sentences now (a bare CR ends a line): refused in the command line's names ({@code
     * ReadingRulesResumeTest} has the library's).
     */
    @Test
    void aRecordedCorpusThatReadsOtherwiseNowIsRefused(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30).replace('\n', '\r'));
        Path out = tmp.resolve("model");
        Run first = MainTest.run("", args("train", "--corpus", corpus.toString(), "--out", out.toString(),
                "--steps", "10"));
        assertEquals(0, first.code(), first.err());
        editTraining(out, t -> t.remove("readingRules"));
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        String file = corpus.toAbsolutePath().normalize().toString();
        assertEquals("error: " + file + ", the corpus the checkpoint in " + out + " was trained on, reads as other"
                + " sentences now than it did for the run that wrote the checkpoint: it holds a bare CR (an old Mac"
                + " line end) on its line 1, which ends a line since 2026-12-07 but ended none for the build that"
                + " wrote the checkpoint: that run read the lines around it as one; resuming would train the model on"
                + " other sentences than it was trained on. Start a new model on it (another --out, without --resume),"
                + " or, to go on training this one on its lines as they read now, convert its line ends to \\n (perl"
                + " -pe 's/\\r\\n?/\\n/g' " + file + " > NEW) and give --corpus NEW\n", r.err());
        assertEquals(10, record(out).step());
    }

    /** A checkpoint of 10 steps in {@code tmp}/model, trained on {@code tmp}/corpus.txt, its dev loss on dev.txt. */
    private static Path trainedWithDev(Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES);
        Path out = tmp.resolve("model");
        Run first = MainTest.run("", args("train", "--corpus", corpus.toString(), "--dev", dev.toString(), "--out",
                out.toString(), "--steps", "10"));
        assertEquals(0, first.code(), first.err());
        return out;
    }

    /** The dev_loss column of the row of {@code step} in the directory's training-log.csv. */
    private static String loggedDevLoss(Path out, int step) throws IOException {
        return Files.readAllLines(out.resolve("training-log.csv")).stream().filter(l -> l.startsWith(step + ","))
                .map(l -> l.split(",")[3]).findFirst().orElseThrow();
    }

    /**
     * The checkpoint records its dev split as it records its corpus (absolute, size and checksum), and info shows it;
     * a resume without --dev measures on it again and says so on its first lines: before, it measured no dev loss.
     */
    @Test
    void aResumeWithoutDevMeasuresOnTheOneTheCheckpointRecords(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Path corpus = tmp.resolve("corpus.txt").toAbsolutePath().normalize();
        Path dev = tmp.resolve("dev.txt").toAbsolutePath().normalize();
        TrainingInfo before = record(out);
        assertEquals(dev.toString(), before.dev(), "recorded absolute");
        assertEquals(CorpusFingerprint.of(dev), CorpusFingerprint.recordedDev(before));
        Run info = MainTest.run("", "info", "--model", out.toString());
        assertTrue(info.out().contains("\ndev split:    " + dev + "\n"), info.out());

        Run resumed = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("corpus: " + corpus + " (as the checkpoint records; give --corpus to"
                + " train on another)\ndev: " + dev + " (as the checkpoint records; give --dev to measure on"
                + " another)\n"), resumed.out());
        assertFalse(resumed.out().contains("note: the checkpoint measured a dev loss"), resumed.out());
        TrainingInfo after = record(out);
        assertEquals(20, after.step());
        assertEquals(dev.toString(), after.dev(), "recorded again");
        assertEquals(CorpusFingerprint.of(dev), CorpusFingerprint.recordedDev(after));
        assertFalse(loggedDevLoss(out, 20).equals("NaN"), "the resumed run measured its dev loss");
    }

    /** A resume given its corpus but not --dev takes the recorded dev split too. */
    @Test
    void aResumeGivenItsCorpusButNoDevMeasuresOnTheRecordedOne(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Path dev = tmp.resolve("dev.txt").toAbsolutePath().normalize();
        Run resumed = MainTest.run("", "train", "--resume", "--corpus", tmp.resolve("corpus.txt").toString(), "--out",
                out.toString(), "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("dev: " + dev + " (as the checkpoint records; give --dev to measure on"
                + " another)\n"), resumed.out());
        assertEquals(dev.toString(), record(out).dev());
        assertFalse(loggedDevLoss(out, 20).equals("NaN"), "the resumed run measured its dev loss");
    }

    /** --dev given wins over the recorded one, which is not named; the checkpoint then records the one given. */
    @Test
    void aDevGivenWinsOverTheRecordedOne(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Path other = Files.writeString(tmp.resolve("other.txt"), "the dog sat on the mat .\n")
                .toAbsolutePath().normalize();
        Run resumed = MainTest.run("", "train", "--resume", "--dev", other.toString(), "--out", out.toString(),
                "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(resumed.out().contains("\ndev: "), resumed.out());
        assertEquals(other.toString(), record(out).dev());
        assertEquals(CorpusFingerprint.of(other), CorpusFingerprint.recordedDev(record(out)));
    }

    /**
     * The recorded dev split given again though it has changed is measured on, as asked, and said, as a changed
     * corpus given is: its dev losses compare with the checkpoint's no more.
     */
    @Test
    void aRecordedDevGivenThatHasChangedIsNoted(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Path dev = tmp.resolve("dev.txt").toAbsolutePath().normalize();
        CorpusFingerprint then = CorpusFingerprint.recordedDev(record(out));
        Files.writeString(dev, SENTENCES.replace("cat", "rat"));
        CorpusFingerprint now = CorpusFingerprint.of(dev);
        Run r = MainTest.run("", "train", "--resume", "--dev", dev.toString(), "--out", out.toString(), "--steps",
                "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\nnote: measuring the dev loss on " + dev + ", which "
                + now.changedSinceMeasured(then) + "; its dev losses do not compare with the checkpoint's\n"), r.out());
        assertEquals(now, CorpusFingerprint.recordedDev(record(out)), "the file as measured on now");
    }

    /**
     * A recorded dev split that has changed would log a dev loss of other sentences in the same column, unasked:
     * refused as a changed corpus is, naming what to give.
     */
    @Test
    void aRecordedDevThatHasChangedIsRefused(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Path dev = tmp.resolve("dev.txt").toAbsolutePath().normalize();
        CorpusFingerprint then = CorpusFingerprint.recordedDev(record(out));
        Files.writeString(dev, SENTENCES.replace("cat", "rat"));
        CorpusFingerprint now = CorpusFingerprint.of(dev);
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + dev + ", the dev split the checkpoint in " + out + " records, has changed since the"
                + " checkpoint measured its dev loss on it (" + now.describe() + ", where the checkpoint recorded "
                + then.describe() + "); give --dev " + dev + " to measure on it as it is now, --dev FILE for"
                + " another, or --no-dev for none\n", r.err());
        assertEquals(10, record(out).step(), "nothing trained");
        // the way on without it: no dev loss
        Run without = MainTest.run("", "train", "--resume", "--no-dev", "--out", out.toString(), "--steps", "20");
        assertEquals(0, without.code(), without.err());
        assertEquals(20, record(out).step());
        assertEquals(null, record(out).dev());
    }

    /**
     * A resume could not turn the recorded dev split off (--dev takes a file; left out, the recorded one is measured
     * on): --no-dev measures none, says nothing of the recorded one, and the checkpoint then records no dev split and
     * no dev loss.
     */
    @Test
    void noDevTurnsTheRecordedDevSplitOff(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Run resumed = MainTest.run("", "train", "--resume", "--no-dev", "--out", out.toString(), "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(resumed.out().contains("\ndev: "), resumed.out());
        assertFalse(resumed.out().contains("dev.txt"), "nothing said of the dev split turned off: " + resumed.out());
        assertTrue(resumed.out().contains(", dev loss -, "), resumed.out());
        TrainingInfo after = record(out);
        assertEquals(20, after.step());
        assertEquals(null, after.dev());
        assertEquals(null, CorpusFingerprint.recordedDev(after));
        assertEquals(Double.NaN, after.devLoss());
        assertEquals("NaN", loggedDevLoss(out, 20));
        // and the next plain resume has no dev split to take, and nothing to say of one
        Run again = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "30");
        assertEquals(0, again.code(), again.err());
        assertFalse(again.out().contains("\ndev: ") || again.out().contains("dev split"), again.out());
    }

    @Test
    void devAndNoDevTogetherAreRefused(@TempDir Path tmp) throws IOException {
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES);
        for (String command : List.of("train", "train-ar")) {
            Run r = MainTest.run("", command, "--corpus", dev.toString(), "--dev", dev.toString(), "--no-dev", "--out",
                    tmp.resolve("m").toString());
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().startsWith("--dev and --no-dev cannot both be given (--no-dev: no dev split, not even"
                    + " the one a resumed checkpoint records)\n"), r.err());
            assertTrue(r.err().contains("\nUsage: diffusion-nlp " + command + " "), "with the usage: " + r.err());
        }
        assertFalse(Files.exists(tmp.resolve("m")));
        assertTrue(new picocli.CommandLine(new TrainCommand()).getUsageMessage().contains("--no-dev"));
        assertTrue(new picocli.CommandLine(new TrainArCommand()).getUsageMessage().contains("--no-dev"));
    }

    /**
     * A recorded dev split that is gone leaves nothing to measure on, but the run can train as asked: it says so on
     * its first lines and goes on without a dev loss, and its checkpoint records no dev split.
     */
    @Test
    void aRecordedDevThatIsGoneIsSaidAndTheRunGoesOnWithoutOne(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        Path dev = tmp.resolve("dev.txt").toAbsolutePath().normalize();
        Files.delete(dev);
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\nnote: " + dev + ", the dev split the checkpoint records, is gone (no such"
                + " file): this run measures no dev loss; give --dev FILE to measure one\n"), r.out());
        assertEquals(20, record(out).step());
        assertEquals(null, record(out).dev());
        assertEquals("NaN", loggedDevLoss(out, 20), "nothing measured: not the checkpoint's dev loss logged again");
        // nor recorded as the model's (info and the last line showed the old dev loss as if measured at step 20)
        assertEquals(Double.NaN, record(out).devLoss(), "a dev loss of a dev split the record no longer names");
        assertTrue(r.out().contains(", dev loss -, "), r.out());
        Run again = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "30");
        assertEquals(0, again.code(), again.err());
        assertFalse(again.out().contains("note: the checkpoint measured a dev loss"), again.out());
    }

    /** A config of before the dev split was recorded: the resume says what it measured and how to go on, as before. */
    @Test
    void aResumeWithoutDevOfAnOlderConfigSaysTheCheckpointHadOne(@TempDir Path tmp) throws IOException {
        Path out = trainedWithDev(tmp);
        editTraining(out, t -> t.remove(List.of("dev", "devBytes", "devChecksum")));
        Run resumed = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("note: the checkpoint measured a dev loss on a dev split it does not"
                + " record (an older config); give --dev FILE again to go on measuring it\n"), resumed.out());
        assertEquals(null, record(out).dev());
        assertEquals("NaN", loggedDevLoss(out, 20), "nothing measured: not the checkpoint's dev loss logged again");
    }

    /**
     * A corpus or dev split inside --out is the user's, kept beside the model, and re-checked like any other (its
     * size and checksum); but one that is a file the run itself writes there was taken too: a new run trained on its
     * vocab.txt and wrote it over, and a resume measured on its training-log.csv, appended to it, and refused every
     * plain resume after as a dev split that had changed. Refused by name before anything is read or written.
     */
    @Test
    void aCorpusOrDevSplitThatIsAFileTheRunWritesIsRefused(@TempDir Path tmp) throws IOException {
        Path fresh = Files.createDirectory(tmp.resolve("fresh"));
        Path vocab = Files.writeString(fresh.resolve("vocab.txt"), SENTENCES.repeat(30));
        Run r = MainTest.run("", args("train", "--corpus", vocab.toString(), "--out", fresh.toString(), "--steps",
                "10"));
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + vocab + " (--corpus) is one of the files training writes into " + fresh + ", which"
                + " the run would change; give --corpus a file of your own, not one that training writes\n", r.err());
        assertEquals(SENTENCES.repeat(30), Files.readString(vocab), "left as it was");
        assertEquals(List.of(vocab), Files.list(fresh).toList(), "nothing made");

        Path out = trained(tmp);
        Path log = out.resolve("training-log.csv");
        Run dev = MainTest.run("", "train", "--resume", "--dev", log.toString(), "--out", out.toString(), "--steps",
                "20");
        assertEquals(1, dev.code(), dev.out());
        assertEquals("error: " + log + " (--dev) is one of the files training writes into " + out + ", which the run"
                + " would change; give --dev a file of your own, not one that training writes\n", dev.err());
        assertEquals(10, record(out).step(), "nothing trained");
    }

    /**
     * A checkpoint of before such files were refused (2026-12-07) may record, as its corpus or dev split, a file the
     * run writes into --out: its vocab.txt, trained on and written over, or its training-log.csv, measured on and
     * appended to. A plain resume refused it as "changed" and told the user to give that same file, which a run given
     * it refuses by name: refused by name at once, saying what to give. The record is written by hand, as such a run
     * wrote it: the file's size and checksum when it was read, before the run changed it.
     */
    @Test
    void aRecordedCorpusOrDevSplitThatIsAFileTheRunWritesIsRefusedByName(@TempDir Path tmp) throws IOException {
        Path out = trained(tmp).toAbsolutePath().normalize();
        Path vocab = out.resolve("vocab.txt");
        CorpusFingerprint read = CorpusFingerprint.recorded(record(out)); // corpus.txt's, as vocab.txt once was
        editTraining(out, t -> t.put("corpus", vocab.toString()));
        Run corpus = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, corpus.code(), corpus.out());
        assertEquals("error: " + vocab + ", the corpus the checkpoint in " + out + " records, is one of the files"
                + " training writes into that directory (recorded by a run of before 2026-12-07, which did not refuse"
                + " it), which the run would change; give --corpus FILE, the corpus to train it on: a file of your own,"
                + " not one that training writes\n", corpus.err());
        assertEquals(10, record(out).step(), "nothing trained");
        assertEquals(read, CorpusFingerprint.recorded(record(out)), "the record as it was");

        Path log = out.resolve("training-log.csv");
        CorpusFingerprint measured = CorpusFingerprint.of(log);
        Path own = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30)).toAbsolutePath().normalize();
        editTraining(out, t -> {
            t.put("corpus", own.toString());
            t.put("dev", log.toString());
            t.put("devBytes", measured.bytes());
            t.put("devChecksum", measured.checksum());
        });
        Files.writeString(log, "11,0.001,3.0,NaN,1.0\n", java.nio.file.StandardOpenOption.APPEND); // as it appended
        Run dev = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, dev.code(), dev.out());
        assertEquals("error: " + log + ", the dev split the checkpoint in " + out + " records, is one of the files"
                + " training writes into that directory (recorded by a run of before 2026-12-07, which did not refuse"
                + " it), which the run would change; give --dev FILE, a file of your own, not one that training"
                + " writes, or --no-dev for none\n", dev.err());
        assertEquals(10, record(out).step(), "nothing trained");
        // the way on it names
        Run without = MainTest.run("", "train", "--resume", "--no-dev", "--out", out.toString(), "--steps", "20");
        assertEquals(0, without.code(), without.err());
        assertEquals(20, record(out).step());
    }

    /** --resume on a directory without a checkpoint starts a new model, which needs a corpus: refused at once. */
    @Test
    void aResumeWithoutCorpusOnADirectoryWithoutCheckpointIsRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("new");
        Run r = MainTest.run("", "train", "--resume", "--out", out.toString(), "--steps", "20");
        assertEquals(1, r.code(), r.out());
        assertEquals("error: " + out + " holds no checkpoint whose corpus --resume could train on, and a new model"
                + " needs one; give --corpus FILE, the corpus to train it on\n", r.err());
        assertFalse(Files.exists(out), "nothing made");
    }

    @Test
    void withoutResumeTheCorpusIsRequired(@TempDir Path tmp) {
        Run r = MainTest.run("", "train", "--out", tmp.resolve("m").toString(), "--steps", "20");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("Missing required option: '--corpus=FILE' (only --resume may leave it out,"
                + " to train on the corpus its checkpoint records)\n"), r.err());
        assertTrue(r.err().contains("Usage: diffusion-nlp train"), r.err());
        Run ar = MainTest.run("", "train-ar", "--out", tmp.resolve("m").toString());
        assertEquals(2, ar.code(), ar.out());
        assertTrue(ar.err().startsWith("Missing required option: '--corpus=FILE'"), ar.err());
        assertFalse(Files.exists(tmp.resolve("m")));
    }

    /** train-ar shares the options: its resume takes the recorded corpus and dev split too. */
    @Test
    void trainArResumesWithoutCorpus(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES).toAbsolutePath().normalize();
        Path out = tmp.resolve("ar");
        Run first = MainTest.run("", "train-ar", "--corpus", corpus.toString(), "--dev", dev.toString(), "--out",
                out.toString(), "--size", "tiny", "--vocab", "200", "--length", "16", "--batch", "8", "--steps", "5",
                "--checkpoint-every", "5");
        assertEquals(0, first.code(), first.err());
        Run resumed = MainTest.run("", "train-ar", "--resume", "--out", out.toString(), "--steps", "10");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("corpus: " + corpus.toAbsolutePath().normalize() + " (as the checkpoint"
                + " records; give --corpus to train on another)\ndev: " + dev + " (as the checkpoint records; give"
                + " --dev to measure on another)\n"), resumed.out());
        TrainingInfo after = io.github.diffusionnlp.ar.ArCheckpoint.readHeader(out).training();
        assertEquals(10, after.step());
        assertEquals(dev.toString(), after.dev());
        assertFalse(loggedDevLoss(out, 10).equals("NaN"), "the resumed run measured its dev loss");
    }

    /** train-ar's --no-dev turns the recorded dev split off on resuming, as train's does. */
    @Test
    void trainArNoDevTurnsTheRecordedDevSplitOff(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), SENTENCES.repeat(30));
        Path dev = Files.writeString(tmp.resolve("dev.txt"), SENTENCES);
        Path out = tmp.resolve("ar");
        Run first = MainTest.run("", "train-ar", "--corpus", corpus.toString(), "--dev", dev.toString(), "--out",
                out.toString(), "--size", "tiny", "--vocab", "200", "--length", "16", "--batch", "8", "--steps", "5",
                "--checkpoint-every", "5");
        assertEquals(0, first.code(), first.err());
        Run resumed = MainTest.run("", "train-ar", "--resume", "--no-dev", "--out", out.toString(), "--steps", "10");
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(resumed.out().contains("dev.txt"), "nothing said of the dev split turned off: " + resumed.out());
        TrainingInfo after = io.github.diffusionnlp.ar.ArCheckpoint.readHeader(out).training();
        assertEquals(10, after.step());
        assertEquals(null, after.dev());
        assertEquals(Double.NaN, after.devLoss());
        assertEquals("NaN", loggedDevLoss(out, 10));
    }
}
