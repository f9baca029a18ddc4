package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's {@code server} mode with a bad limit ({@link ServerLimits}, a JVM system property the operator sets): the
 * server started as if all were well, and every request for the annotator was answered with HTTP 500 and the
 * operator's error ("bad -Ddiffusionnlp.server.maxWork=20k: give a whole number ..."), which only its clients saw.
 * It now refuses to start, with that error as one line.
 */
class ServerStartTest {
    @Test
    void aBadLimitStopsTheServerFromStarting(@TempDir Path tmp) throws Exception {
        ChildRuns.Run r = ChildRuns.watch(ChildJvm.command(List.of("-D" + ServerLimits.MAX_WORK + "=20k"),
                DiffusionCoreNLP.class, "server", "-port", String.valueOf(LoopbackServer.freePort()), "-quiet"),
                tmp.resolve("said.txt"), Duration.ofMinutes(2), said -> said.contains("listening at"),
                Duration.ZERO);
        assertTrue(r.exited(), "the server started:\n" + r.said());
        assertEquals(1, r.code(), r.said());
        assertTrue(r.said().contains("error: bad -D" + ServerLimits.MAX_WORK + "=20k: give a whole number from 1"),
                r.said());
    }
}
