package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package is unpacked into a {@code diffusion-model*} temp directory while it loads; the load deleted it in a
 * finally block, which a JVM stopped by SIGTERM or Ctrl-C never reaches: a stopped {@code Infill -model out.bin}
 * left 29 MB there (audit h130, finding 9). A shutdown hook deletes it now.
 */
class PackageTempDirectoryTest {
    @Test
    void aJvmStoppedWhileLoadingAPackageLeavesNoUnpackedModel(@TempDir Path tmp) throws Exception {
        Path bin = tmp.resolve("tiny.bin");
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            model.serialize(bin);
        }
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        Process child = ChildJvm.command(List.of("-Djava.io.tmpdir=" + temp), LoadingUntilStopped.class,
                bin.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do { // loads in a loop from here on: each spends most of its time with the package unpacked
                line = out.readLine();
            } while (line != null && !line.equals("loaded"));
            assertTrue(line != null, "the child ended before loading");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (unpacked(temp).isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertEquals(1, unpacked(temp).size(), "caught while a package was unpacked");
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of(), unpacked(temp));
    }

    private static List<String> unpacked(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("diffusion-model")).toList();
        }
    }

    /** Loads the package its argument names again and again until stopped, saying "loaded" after the first. */
    public static final class LoadingUntilStopped {
        public static void main(String[] args) throws IOException {
            for (boolean first = true; ; first = false) {
                try (DiffusionModel model = DiffusionModel.load(Path.of(args[0]))) {
                    if (first) {
                        System.out.println("loaded");
                        System.out.flush();
                    }
                }
            }
        }
    }
}
