package io.github.diffusionnlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.bench.IntraOpThreads;
import io.github.diffusionnlp.cli.MainTest.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * load-benchmark --intra-op-threads compares PyTorch's intra-op thread counts in one run, interleaved, and puts
 * the process's count back; a count it cannot set is refused before anything is measured, naming the option.
 */
class LoadBenchmarkThreadsTest {
    private static Run loadBenchmark(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("load-benchmark", "--model",
                TestModels.tinyModel().toString(), "--steps", "2", "--clients", "2", "--requests", "4",
                "--memory-requests", "0"));
        args.addAll(List.of(options));
        return MainTest.run("", args.toArray(String[]::new));
    }

    @Test
    void eachClientCountRunsAtEachThreadCountAndTheCountIsPutBack() {
        int before = IntraOpThreads.current();
        int other = before == 1 ? 2 : 1;
        Run r = loadBenchmark("--intra-op-threads", before + "," + other, "--rounds", "2");
        assertEquals(0, r.code(), r.err());
        for (String expected : List.of("intra-op threads " + before + ", " + other + ", interleaved over 2 rounds",
                "| 2 | on | " + other + " | ", "| 2 | off | " + before + " | ", "| 1.00× |")) {
            assertTrue(r.out().contains(expected), expected + " missing from\n" + r.out());
        }
        assertEquals(before, IntraOpThreads.current(), "the process's count put back");
        // interleaved: within a client count the counts alternate, the second round in reverse
        String log = r.err();
        int a = log.indexOf("round 1 of 2, " + before + " intra-op");
        int b = log.indexOf("round 1 of 2, " + other + " intra-op");
        int c = log.indexOf("round 2 of 2, " + other + " intra-op");
        int d = log.indexOf("round 2 of 2, " + before + " intra-op");
        assertTrue(a >= 0 && a < b && b < c && c < d, log);
    }

    @Test
    void aBadCountIsRefusedNamingTheOption() {
        for (String[] bad : List.of(new String[] {"0", "--intra-op-threads: PyTorch's intra-op threads must be between 1 and 256, got 0"},
                new String[] {"2,-1", "got -1"}, new String[] {"1,1", "--intra-op-threads: name each thread count once, got 1,1"})) {
            Run r = loadBenchmark("--intra-op-threads", bad[0]);
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains(bad[1]), "'" + bad[1] + "' in " + r.err());
            assertFalse(r.err().contains("requests/s"), "nothing measured before the error: " + r.err());
        }
        Run rounds = loadBenchmark("--intra-op-threads", "2,1", "--rounds", "0");
        assertEquals(1, rounds.code(), rounds.err());
        assertTrue(rounds.err().contains("--rounds must be at least 1, got 0"), rounds.err());
        Run word = loadBenchmark("--intra-op-threads", "two");
        assertEquals(2, word.code(), word.err());
        assertTrue(word.err().contains("--intra-op-threads"), word.err());
    }
}
