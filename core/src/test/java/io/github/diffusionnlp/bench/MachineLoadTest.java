package io.github.diffusionnlp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark says when its figures were taken on a busy machine, from Linux's own readings. */
class MachineLoadTest {
    private static final String IDLE_PRESSURE = "some avg10=0.40 avg60=1.10 avg300=0.90 total=1234\n"
            + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
    private static final String BUSY_PRESSURE = "some avg10=98.27 avg60=98.25 avg300=98.14 total=13535504025\n"
            + "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";

    @Test
    void readsLoadAverageAndCpuPressure() {
        MachineLoad load = MachineLoad.parse("11.42 11.12 11.01 15/320 28567\n", BUSY_PRESSURE, 2);
        assertEquals(11.42, load.loadAverage());
        assertEquals(98.27, load.cpuPressurePercent());
        assertTrue(load.busy());
        assertEquals("load average 11.42 on 2 cores, tasks waited for a core 98% of the last 10 s", load.describe());
    }

    /** The pressure decides where there is one: a load average of 3 on 2 cores with nobody waiting is the run itself. */
    @Test
    void pressureDecidesWhereTheKernelGivesIt() {
        assertFalse(MachineLoad.parse("3.00 2.00 1.00 3/300 1\n", IDLE_PRESSURE, 2).busy());
        assertTrue(MachineLoad.parse("0.10 0.10 0.10 1/300 1\n", BUSY_PRESSURE, 2).busy());
    }

    @Test
    void withoutPressureTheLoadAverageAgainstTheCoresDecides() {
        assertTrue(MachineLoad.parse("4.50 4.00 4.00 5/300 1\n", null, 2).busy());
        assertFalse(MachineLoad.parse("1.50 1.00 1.00 2/300 1\n", null, 2).busy());
        assertEquals("load average 1.50 on 2 cores", MachineLoad.parse("1.50 1.00 1.00 2/300 1\n", null, 2).describe());
    }

    /** Not Linux, or /proc hidden: unknown, never busy, never an error. */
    @Test
    void unreadableReadingsAreUnknown() {
        MachineLoad load = MachineLoad.parse(null, null, 1);
        assertFalse(load.busy());
        assertEquals("load average unknown on 1 core", load.describe());
        assertFalse(MachineLoad.parse("garbage", "some avg10=x", 2).busy());
    }

    /** Said on standard error at once, naming when and what was read; nothing on an idle machine. */
    @Test
    void aBusyReadingIsWarnedOfNamingWhen() {
        String warning = MachineLoad.parse("11.42 11.12 11.01 15/320 28567\n", BUSY_PRESSURE, 2).warning("start");
        assertTrue(warning.startsWith("warning: the machine is busy at the benchmark's start (load average 11.42 on"
                + " 2 cores, tasks waited for a core 98% of the last 10 s)"), warning);
        assertEquals(null, MachineLoad.parse("0.20 0.10 0.10 1/300 1\n", IDLE_PRESSURE, 2).warning("end"));
    }
}
