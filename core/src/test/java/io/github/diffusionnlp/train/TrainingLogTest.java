package io.github.diffusionnlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @TempDir
    Path dir;

    @Test
    void resumingDropsRowsLoggedPastTheCheckpoint() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        // a run checkpointed at step 20 and was killed after logging step 40
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8,2.0",
                "30,0.1,2.8,2.8,3.0", "40,0.1,2.7,2.8,4.0"), StandardCharsets.UTF_8);
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(100).learningRate(1e-3).warmupSteps(10).seed(1).checkpointEvery(10).resume(true)
                .contextEmbeddings(false).build();
        new TrainingLog(dir, System.out, options, 20, 2.0);
        assertEquals(List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8,2.0"),
                Files.readAllLines(csv, StandardCharsets.UTF_8));

        new TrainingLog(dir, System.out, options, 20, 2.0);
        assertEquals(3, Files.readAllLines(csv, StandardCharsets.UTF_8).size(), "a clean resume keeps every row");
    }

    /**
     * A row edited by hand was parsed by Java's parsers, whose NumberFormatException named neither the file nor the
     * line (a step of more digits than an int on resuming, a loss that is no number when the loss curve is drawn at the
     * run's end), and read a step or a loss in other scripts' digits; each is refused now by its line.
     */
    @Test
    void aRowThatIsNoNumbersIsRefusedByItsLine() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).steps(100).resume(true).build();
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0",
                "99999999999,0.1,2.9,2.8,2.0"), StandardCharsets.UTF_8);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new TrainingLog(dir, System.out, options, 20, 2.0));
        assertEquals(csv + ":3: not a row of numbers step,lr,train_loss,dev_loss,seconds (For input string:"
                + " \"99999999999\"); the run writes them: delete the line, or the file to start a new log",
                e.getMessage());

        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0",
                "20,0.1,2.\u0669,2.8,2.0"), StandardCharsets.UTF_8);
        TrainingLog log = new TrainingLog(dir, System.out, options, 20, 2.0);
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, log::writeLossCurve);
        assertTrue(e.getMessage().startsWith(csv + ":3: not a row of numbers"), e.getMessage());
        assertTrue(e.getMessage().contains("(not in ASCII digits (0-9))"), e.getMessage());

        // a loss written with a '+', which the run never writes (audit h200; a step's too, since h204)
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0",
                "20,0.1,+2.9,2.8,2.0"), StandardCharsets.UTF_8);
        TrainingLog plus = new TrainingLog(dir, System.out, options, 20, 2.0);
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, plus::writeLossCurve);
        assertTrue(e.getMessage().startsWith(csv + ":3: not a row of numbers"), e.getMessage());
        assertTrue(e.getMessage().contains("(a leading '+': a number here is written without one)"), e.getMessage());
    }

    /**
     * A row whose step was written "+20" (or whose columns are too few) was taken for "not a row", as the header is,
     * and skipped in silence: kept on resuming whatever its step, and left out of the loss curve. It is refused by its
     * line as the other malformed rows are; the header and blank lines are kept as they were (audit h204).
     */
    @Test
    void aRowWhoseStepIsWrittenWithAPlusOrWhoseColumnsAreTooFewIsRefusedByItsLine() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).steps(100).resume(true).build();
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "",
                "+20,0.1,2.9,2.8,2.0"), StandardCharsets.UTF_8);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new TrainingLog(dir, System.out, options, 20, 2.0));
        assertTrue(e.getMessage().startsWith(csv + ":4: not a row of numbers step,lr,train_loss,dev_loss,seconds"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(a leading '+': a number here is written without one)"), e.getMessage());
        assertEquals(4, Files.readAllLines(csv, StandardCharsets.UTF_8).size(), "the file is left as it was");

        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8"),
                StandardCharsets.UTF_8);
        e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new TrainingLog(dir, System.out, options, 20, 2.0));
        assertEquals(csv + ":3: not a row of numbers step,lr,train_loss,dev_loss,seconds (4 columns, not 5); the run"
                + " writes them: delete the line, or the file to start a new log", e.getMessage());

        // the header and a blank line are no rows: kept, and the loss curve drawn from the rows around them
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "",
                "20,0.1,2.9,2.8,2.0"), StandardCharsets.UTF_8);
        TrainingLog log = new TrainingLog(dir, new PrintStream(java.io.OutputStream.nullOutputStream()), options, 20,
                2.0);
        assertEquals(4, Files.readAllLines(csv, StandardCharsets.UTF_8).size());
        log.writeLossCurve();
        assertTrue(Files.size(dir.resolve("loss.png")) > 0);
    }

    /**
     * A step written negative ("-20"), which a run never writes, was read as a step before the checkpoint: kept on
     * resuming, and drawn in the loss curve. It is refused by its line as the other malformed rows are (audit h207).
     */
    @Test
    void aRowWhoseStepIsNegativeIsRefusedByItsLine() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).steps(100).resume(true).build();
        Files.write(csv, List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0",
                "-20,0.1,2.9,2.8,2.0"), StandardCharsets.UTF_8);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new TrainingLog(dir, System.out, options, 20, 2.0));
        assertEquals(csv + ":3: not a row of numbers step,lr,train_loss,dev_loss,seconds (its step -20 is negative:"
                + " a step is 0 or more); the run writes them: delete the line, or the file to start a new log",
                e.getMessage());
        assertEquals(3, Files.readAllLines(csv, StandardCharsets.UTF_8).size(), "the file is left as it was");
    }

    /**
     * A symbolic link planted at the log's own name (in a shared --out) took every row of the run, or the header of a new
     * one, into its target: refused by name, the target untouched (a dangling link too, which a write would create).
     */
    @Test
    void aLinkAtTheLogsNameIsRefusedAndItsTargetLeftAlone() throws Exception {
        Path victim = Files.writeString(dir.resolveSibling(dir.getFileName() + "-victim.txt"), "mine\n");
        Path dangling = dir.resolveSibling(dir.getFileName() + "-not-yet.txt");
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(100).learningRate(1e-3).warmupSteps(10).seed(1).checkpointEvery(10).resume(true)
                .contextEmbeddings(false).build();
        try {
            for (Path target : List.of(victim, dangling)) {
                Path link = Files.createSymbolicLink(dir.resolve("training-log.csv"), target);
                java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                        () -> new TrainingLog(dir, System.out, options, 0, 0.0));
                assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
                Files.delete(link);
            }
            assertEquals("mine\n", Files.readString(victim));
            assertFalse(Files.exists(dangling), "nothing created through the dangling link");
        } finally {
            Files.deleteIfExists(victim);
        }
    }

    /** A kill in the middle of appending a row leaves it without a line end; the next row must not join it. */
    @Test
    void resumingDropsALineTheStopCutShort() throws Exception {
        Path csv = dir.resolve("training-log.csv");
        Files.writeString(csv, "step,lr,train_loss,dev_loss,seconds\n10,0.1,3.0,NaN,1.0\n20,0.1,2.9,2.8,2.0\n3",
                StandardCharsets.UTF_8);
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(100).learningRate(1e-3).warmupSteps(10).seed(1).checkpointEvery(10).resume(true)
                .contextEmbeddings(false).build();
        TrainingLog log = new TrainingLog(dir, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), options,
                20, 2.0);
        log.step(30, 0.1f, 2.8, 2.8, log.devLossDue(30), Throughput.NONE);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(List.of("step,lr,train_loss,dev_loss,seconds", "10,0.1,3.0,NaN,1.0", "20,0.1,2.9,2.8,2.0"),
                lines.subList(0, 3));
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("30", lines.get(3).split(",")[0]);
    }

    /** Both trainers' smoothed loss: the first finite loss as it is, then 2% of each new one; a skipped step's left out. */
    @Test
    void theSmoothedLossStartsAtTheFirstFiniteLossAndLeavesOutSkippedSteps() {
        assertEquals(3.0, TrainingLog.smoothed(Double.NaN, 3.0), 0);
        assertEquals(Double.NaN, TrainingLog.smoothed(Double.NaN, Double.POSITIVE_INFINITY), 0);
        assertEquals(0.98 * 3.0 + 0.02 * 1.0, TrainingLog.smoothed(3.0, 1.0), 1e-12);
        assertEquals(3.0, TrainingLog.smoothed(3.0, Double.NaN), 0);
    }

    /** The output directory was named raw: a line break in its name split the line (audit h193). */
    @Test
    void nothingToDoNamesTheDirectoryVisibly() throws Exception {
        Path out = Files.createDirectory(dir.resolve("o\u001B[2J\nERROR forged"));
        TrainOptions options = TrainOptions.builder(Path.of("c"), out).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(40).resume(true).contextEmbeddings(false).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new TrainingLog(out, new PrintStream(printed, true, StandardCharsets.UTF_8), options, 40, 0, new FakeClock())
                .sayNothingToDo(40);
        assertEquals("nothing to do: " + dir.resolve("o<U+001B>[2J<U+000A>ERROR forged")
                + " has already trained 40 of 40 steps\n", printed.toString(StandardCharsets.UTF_8));
    }

    /** A run ends at its planned step or when its time budget is spent, and says so when there was nothing left. */
    @Test
    void aRunEndsAtItsLastStepOrBudgetAndSaysWhenNothingWasLeft() throws Exception {
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(40).learningRate(1e-3).warmupSteps(10).seed(1).checkpointEvery(10).resume(true)
                .contextEmbeddings(false).build();
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrainingLog log = new TrainingLog(dir, new PrintStream(printed, true, StandardCharsets.UTF_8), options, 40, 0,
                clock);
        assertEquals(List.of(false, true, true), List.of(log.isLast(39), log.isLast(40), log.isLast(41)));
        log.sayNothingToDo(40);
        assertEquals("nothing to do: " + dir + " has already trained 40 of 40 steps\n",
                printed.toString(StandardCharsets.UTF_8));
        TrainOptions budgeted = TrainOptions.builder(Path.of("c"), dir).steps(40).timeBudget(java.time.Duration.ofSeconds(5))
                .build();
        TrainingLog timed = new TrainingLog(dir, new PrintStream(PrintStream.nullOutputStream()), budgeted, 0, 0, clock);
        assertEquals(false, timed.isLast(1));
        clock.nanos += 5_000_000_000L;
        assertEquals(false, timed.isLast(1), "a step's answer stays the one its run acted on");
        assertEquals(true, timed.isLast(2), "the budget is spent");
    }

    /**
     * A machine whose load changes: 100 steps at 1 s each, then 100 at 0.1 s. The rate and ETA follow the
     * recent steps, not the run's average (which would say 1.82 steps/s, 182 tokens/s and 1:50 left for a run going at 10).
     */
    @Test
    void theRateAndEtaFollowTheRecentSteps() throws Exception {
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).size("tiny").vocabSize(100).maxLength(8)
                .batchSize(4).steps(400).learningRate(1e-3).warmupSteps(10).seed(1).checkpointEvery(1000)
                .contextEmbeddings(false).build();
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrainingLog log = new TrainingLog(dir, new PrintStream(printed, true, StandardCharsets.UTF_8), options, 0, 0,
                clock);
        Throughput done = Throughput.NONE;
        for (int step = 1; step <= 200; step++) {
            long nanos = step <= 100 ? 1_000_000_000L : 100_000_000L;
            clock.nanos += nanos;
            done = done.plus(new Throughput(1, 100, 0, 0), nanos / 1e9);
            log.step(step, 0.1f, 2.0, Double.NaN, false, done); // no dev split
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("step 200/400"), last);
        assertTrue(last.contains(" 10.00 steps/s  1000 tokens/s "), last);
        assertTrue(last.endsWith("ETA 0:00:20"), last);
    }

    /**
     * A budget that ends the run before its steps: the ETA is the budget's, and the line says so and what the
     * planned steps would have taken (10 steps at 1 s each of 150, with 55 s of a 65 s budget left).
     */
    @Test
    void anEtaCutByTheTimeBudgetSaysSo() throws Exception {
        TrainOptions options = TrainOptions.builder(Path.of("c"), dir).steps(150)
                .timeBudget(java.time.Duration.ofSeconds(65)).build();
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrainingLog log = new TrainingLog(dir, new PrintStream(printed, true, StandardCharsets.UTF_8), options, 0, 0,
                clock);
        Throughput done = Throughput.NONE;
        for (int step = 1; step <= 10; step++) {
            clock.nanos += 1_000_000_000L;
            done = done.plus(new Throughput(1, 100, 0, 0), 1);
            log.step(step, 0.1f, 2.0, Double.NaN, false, done); // no dev split
        }
        String line = printed.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.endsWith("ETA 0:00:55 (time budget; 150 steps would take 0:02:20)"), line);

        // a budget that outlasts the plan changes nothing
        ByteArrayOutputStream roomy = new ByteArrayOutputStream();
        TrainingLog ample = new TrainingLog(dir, new PrintStream(roomy, true, StandardCharsets.UTF_8),
                TrainOptions.builder(Path.of("c"), dir).steps(20).timeBudget(java.time.Duration.ofHours(1)).build(),
                0, 0, clock);
        for (int step = 1; step <= 10; step++) {
            clock.nanos += 1_000_000_000L;
            ample.step(step, 0.1f, 2.0, Double.NaN, false, done);
        }
        assertTrue(roomy.toString(StandardCharsets.UTF_8).strip().endsWith("ETA 0:00:10"), roomy.toString());
    }

    /**
     * The CSV's dev_loss is the dev loss measured at its row's step (every 250 and the last), NaN between, so that
     * the curve joins the measurements: it repeated the last one, and loss.png drew it on as flat steps. The line
     * a person watches keeps showing the latest.
     */
    @Test
    void theCsvHoldsTheDevLossOnlyWhereItWasMeasured() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrainingLog log = new TrainingLog(dir, new PrintStream(printed, true, StandardCharsets.UTF_8),
                TrainOptions.builder(Path.of("c"), dir).steps(265).build(), 0, 0, new FakeClock());
        double dev = Double.NaN;
        for (int step = 1; step <= 265; step++) {
            if (log.devLossDue(step)) {
                dev = step / 100.0;
            }
            log.step(step, 0.1f, 2.0, dev, log.devLossDue(step), Throughput.NONE);
        }
        List<String> devColumn = Files.readAllLines(dir.resolve(TrainingLog.CSV), StandardCharsets.UTF_8).stream()
                .skip(1).map(row -> row.split(",")[0] + ":" + row.split(",")[3]).toList();
        assertEquals(List.of("240:NaN", "250:2.500000", "260:NaN", "265:2.650000"), devColumn.subList(23, 27));
        assertTrue(devColumn.subList(0, 24).stream().allMatch(row -> row.endsWith(":NaN")), devColumn.toString());
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(25).startsWith("step 260/265  loss 2.0000  dev 2.5000 "), lines.get(25));
    }

    /**
     * A run the budget stops says how to continue it in its caller's words: --resume on the command line,
     * resume(true) to a library caller, whose log said "--resume" too.
     */
    @Test
    void aRunTheBudgetStoppedSaysHowToContinueInItsCallersWords() throws Exception {
        for (SettingNames names : List.of(SettingNames.COMMAND_LINE, SettingNames.BUILDER)) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            TrainingLog log = new TrainingLog(dir, new PrintStream(printed, true, StandardCharsets.UTF_8),
                    TrainOptions.builder(Path.of("c"), dir).steps(3000).settingNames(names).build(), 0, 0,
                    new FakeClock());
            log.sayIfStoppedByTheBudget(10);
            String resume = names == SettingNames.BUILDER ? "resume(true)" : "--resume";
            assertEquals("stopped by the time budget at step 10 of 3000; run again with " + resume + " to continue\n",
                    printed.toString(StandardCharsets.UTF_8));
        }
        // a front end that resumes unasked names what its user does instead, as the OpenNLP adapter does: by the
        // setting's name, not its name given a value ("... (resumed unasked)=true")
        SettingNames unasked = SettingNames.of(setting -> setting == TrainOptions.Setting.RESUME
                ? "the same CheckpointDir (resumed unasked)" : setting.option(), (setting, value) -> setting + "=" + value);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new TrainingLog(dir, new PrintStream(printed, true, StandardCharsets.UTF_8), TrainOptions.builder(Path.of("c"),
                dir).steps(3000).settingNames(unasked).build(), 0, 0, new FakeClock()).sayIfStoppedByTheBudget(10);
        assertEquals("stopped by the time budget at step 10 of 3000; run again with the same CheckpointDir (resumed"
                + " unasked) to continue\n", printed.toString(StandardCharsets.UTF_8));
    }

    /** A clock that moves only when told to. */
    private static final class FakeClock extends Ticker {
        long nanos;

        @Override
        public long read() {
            return nanos;
        }
    }

    /**
     * Dropping the rows a stopped run logged past its checkpoint rewrote the log through {@code training-log.csv.tmp}:
     * a symbolic link planted there had the log written over its target (audit h130, finding 5).
     */
    @Test
    void droppingRowsDoesNotWriteThroughALinkAtAFixedTemporaryName(@TempDir Path tmp) throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "the user's\n");
        Path csv = Files.writeString(tmp.resolve("training-log.csv"),
                "step,lr,train_loss,dev_loss,seconds\n10,0.001,7,NaN,1\n20,0.001,6,NaN,2\n");
        Files.createSymbolicLink(tmp.resolve("training-log.csv.tmp"), victim);
        TrainingLog.dropRowsAfter(csv, 10);
        assertEquals("the user's\n", Files.readString(victim));
        assertEquals(List.of("step,lr,train_loss,dev_loss,seconds", "10,0.001,7,NaN,1"), Files.readAllLines(csv));
    }
}
