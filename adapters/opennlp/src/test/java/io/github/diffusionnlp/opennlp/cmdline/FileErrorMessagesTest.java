package io.github.diffusionnlp.opennlp.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tools' one-line errors say what went wrong with a file, as core's command line does: they showed only the path
 * ("error: /tmp/ro/diffusion-training1590...", "cannot load model m.bin: /tmp/ro/diffusion-model699...").
 */
class FileErrorMessagesTest {
    private static final String TMP = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString();
    private static final String TEMPORARY = "; a temporary file, under java.io.tmpdir: name a writable directory with"
            + " -Djava.io.tmpdir=DIR";

    @Test
    void aFileSystemErrorAloneSaysItsKind() {
        assertEquals("/data/x.bin: permission denied", CmdTool.message(new AccessDeniedException("/data/x.bin")));
        assertEquals(TMP + "/diffusion-training1590372058164539291: permission denied" + TEMPORARY,
                CmdTool.message(new AccessDeniedException(TMP + "/diffusion-training1590372058164539291")));
    }

    @Test
    void aWrappedFileSystemErrorSaysItsKindAfterThePath() {
        // a scratch directory as Files.createTempDirectory names it: the prefix and a random long
        String scratch = TMP + "/diffusion-model6993128390027345112";
        IOException e = new IOException("cannot load model m.bin", new AccessDeniedException(scratch));
        assertEquals("cannot load model m.bin: " + scratch + ": permission denied" + TEMPORARY,
                CmdTool.message(e));
    }

    @Test
    void djlsCacheIsNamedWithItsSetting() {
        String cache = ai.djl.util.Utils.getEngineCacheDir().resolve("pytorch").toString();
        RuntimeException e = new RuntimeException("cannot load the default model",
                new RuntimeException("Failed to extract PyTorch native library", new AccessDeniedException(cache)));
        assertEquals("cannot load the default model: Failed to extract PyTorch native library: " + cache
                + ": permission denied; DJL unpacks PyTorch's native library there (under its cache directory, the home"
                + " directory's .djl.ai, or java.io.tmpdir's without a writable home): set DJL_CACHE_DIR to a writable"
                + " directory", CmdTool.message(e));
    }
}
