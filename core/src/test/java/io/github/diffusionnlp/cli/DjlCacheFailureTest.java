package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import io.github.diffusionnlp.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL failing to unpack PyTorch's natives into its cache printed only "error: Failed to extract PyTorch native
 * library": now where, why, and the setting that names another directory.
 */
class DjlCacheFailureTest {
    @Test
    void anUnusableDjlCacheIsNamedWithTheReasonAndTheSetting(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory\n");
        ProcessBuilder builder = ChildJvm.command(List.of(), Main.class, "infill", "--model",
                TestModels.shippedModel().toString());
        builder.environment().put("DJL_CACHE_DIR", file.resolve("djl").toString());
        builder.environment().remove("ENGINE_CACHE_DIR");
        builder.environment().remove("DIFFUSION_NLP_DEBUG");
        ChildJvm.Run r = ChildJvm.run(builder, "", Duration.ofSeconds(60));
        String said = r.said();
        assertEquals(1, r.code(), said);
        assertTrue(said.contains("error: Failed to extract PyTorch native library: " + file), said);
        assertTrue(said.contains("; DJL unpacks PyTorch's native library there") && said.contains("set DJL_CACHE_DIR to"
                + " a writable directory\n"), said);
    }

    /** A message that already says the file and the kind is left as it is; one that ends with the path gets the kind. */
    @Test
    void aCauseIsSaidOnce() {
        java.nio.file.AccessDeniedException denied = new java.nio.file.AccessDeniedException("/data/m");
        assertEquals("cannot write /data/m: permission denied", FileErrors.withCause("cannot write /data/m: permission"
                + " denied", new RuntimeException("x", denied)));
        assertEquals("cannot load model m.bin: /data/m: permission denied", FileErrors.withCause(
                "cannot load model m.bin: /data/m", new RuntimeException("x", denied)));
        assertEquals("no file here", FileErrors.withCause("no file here", new RuntimeException("x")));
    }
}
