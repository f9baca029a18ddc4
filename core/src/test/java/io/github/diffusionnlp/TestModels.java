package io.github.diffusionnlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.train.DiffusionTrainer;
import io.github.diffusionnlp.train.TrainOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the shipped data and model, and a tiny model trained once per test run. */
public final class TestModels {
    private static Path tiny;
    private static Path untagged;

    private TestModels() {}

    /** The repository root (tests run with the module directory as working directory). */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-data"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("test-data/ not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path shippedModel() {
        return root().resolve("test-data/models/brown-cdcd");
    }

    public static Path devCorpus() {
        return root().resolve("test-data/brown/dev.conllu.gz");
    }

    /** A 2-layer, width-64 model trained for 20 steps: wrong answers, right shapes and files. */
    public static synchronized Path tinyModel() {
        if (tiny == null) {
            try {
                Path dir = Files.createTempDirectory("tiny-model");
                train(dir, 20, false);
                tiny = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tiny;
    }

    /**
     * A copy of {@link #tinyModel()}'s files in {@code dir}/model, for a test that changes a model's files: the
     * shared one stays as every other test reads it.
     */
    public static Path copyOfTinyModel(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("model"));
        try (var files = Files.list(tinyModel())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    /**
     * A copy of {@link #tinyModel()} whose training record says the sentiment lexicon rated {@code share} of its
     * corpus's tokens (the tiny model's corpus, English, records about 0.052; below 0.02 reads as not English).
     */
    public static Path copyOfTinyModelRecordingLexiconShare(Path dir, double share) throws IOException {
        Path copy = copyOfTinyModel(dir);
        Path config = copy.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) tree.get("training")).put("sentimentLexiconShare", share);
        json.writeValue(config.toFile(), tree);
        return copy;
    }

    /**
     * A copy of {@link #tinyModel()} whose training record has no {@code rowLengths} (nor by label), as a model trained
     * before they were recorded (2026-12-06): what {@code drawLength} refuses in every front end, naming {@code
     * row-lengths}.
     */
    public static Path copyOfTinyModelWithoutRowLengths(Path dir) throws IOException {
        Path copy = copyOfTinyModel(dir);
        Path config = copy.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        ((ObjectNode) tree.get("training")).remove(java.util.List.of("rowLengths", "rowLengthsByLabel"));
        json.writeValue(config.toFile(), tree);
        return copy;
    }

    /**
     * A copy of {@code model}'s files in {@code dir}/model but the one named {@code left} (say, its tag lexicon),
     * for a test of a model that lacks it: saved without it, so its config.json records no checksum for it.
     */
    public static Path copyOfModelWithout(Path model, Path dir, String left) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("model"));
        try (var files = Files.list(model)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals(left)) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        Path config = copy.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = (ObjectNode) mapper.readTree(config.toFile());
        if (json.get("files") instanceof ObjectNode files) {
            files.remove(left);
        }
        mapper.writeValue(config.toFile(), json);
        return copy;
    }

    /**
     * A tiny model trained for 3 steps on plain text, one sentence a line and no tags, as a user's own
     * corpus may be: every tag it saw was X, and so is every count of its tag lexicon.
     */
    public static synchronized Path untaggedTinyModel() {
        if (untagged == null) {
            try {
                Path dir = Files.createTempDirectory("untagged-model");
                Path corpus = dir.resolve("plain.txt");
                Files.writeString(corpus, "The cat sat on the mat .\nA dog ran home .\n".repeat(20));
                new DiffusionTrainer(TrainOptions.builder(corpus, dir.resolve("model")).size("tiny").steps(3)
                        .maxLength(16).batchSize(8).build(), new PrintStream(PrintStream.nullOutputStream())).run();
                untagged = dir.resolve("model");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return untagged;
    }

    /**
     * A training log that throws, stopping the run as a crash would, once it has printed {@code marker}
     * (say, {@code "(step 10)"}: the trainer prints it after writing that checkpoint).
     */
    public static PrintStream logKillingAfter(String marker) {
        java.io.ByteArrayOutputStream dies = new java.io.ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(java.nio.charset.StandardCharsets.UTF_8).contains(marker)) {
                    throw new IllegalStateException("killed after " + marker);
                }
            }
        };
        return new PrintStream(dies, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void train(Path dir, int steps, boolean resume) throws IOException {
        new DiffusionTrainer(tinyRun(dir, steps, resume, null, 0), new PrintStream(PrintStream.nullOutputStream())).run();
    }

    /**
     * The tiny model's training plan on the dev corpus (seed 7, a checkpoint every 10 steps), with an
     * optional validation corpus and weight-average decay (0: none).
     */
    public static TrainOptions tinyRun(Path dir, int steps, boolean resume, Path dev, double averageDecay) {
        return TrainOptions.builder(devCorpus(), dir).dev(dev).size("tiny").vocabSize(2000).maxLength(32).batchSize(8)
                .steps(steps).learningRate(3e-3).warmupSteps(5).seed(7).checkpointEvery(10).resume(resume)
                .contextEmbeddings(false).averageDecay(averageDecay).build();
    }

    /** Runs {@code work} while another thread asks for a garbage collection every 2 ms. */
    public static <T> T underConstantGarbageCollection(java.util.concurrent.Callable<T> work) throws Exception {
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
        try {
            return work.call();
        } finally {
            collector.interrupt();
            collector.join();
        }
    }
}
