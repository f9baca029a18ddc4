package io.github.diffusionnlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    /** The C library's view of the environment, which is what PyTorch reads (Java's is a startup copy). */
    private interface C extends Library {
        String getenv(String name);
    }

    @Test
    void asksPyTorchForHugePagesBeforeTheFirstManager() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "Linux only");
        assumeTrue(System.getenv(NativeMemory.VARIABLE) == null, "set by the user: left alone");
        try (NDManager manager = NativeMemory.newManager(null)) {
            assertEquals(6f, manager.create(new float[] {1, 2, 3}).sum().getFloat());
        }
        assertEquals("1", Native.load("c", C.class).getenv(NativeMemory.VARIABLE));
    }
}
