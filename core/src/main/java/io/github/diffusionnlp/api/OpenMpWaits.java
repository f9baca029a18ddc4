package io.github.diffusionnlp.api;

import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: public for the other modules of this project; no compatibility promise. Tells the OpenMP runtime that
 * PyTorch's CPU build brings (GNU libgomp) to let its waiting threads sleep rather than spin: {@code
 * OMP_WAIT_POLICY=PASSIVE}, set in the process's environment before the runtime starts, which reads it once.
 *
 * <p>Why: with two intra-op threads, a thread that finishes its share of a product spins until the next one. On
 * a machine where another process holds a core, the spinning thread takes the time the other thread needs, and
 * work of a few milliseconds a product waits for the scheduler. Measured on this project's 2-core machine,
 * {@code infill --steps 8} of 100 dev sentences (wall time, the JVM's start and the model's load included): idle
 * 3.79–3.84 s by default, 3.80–3.90 s passive; with one core held by a busy loop 7.44–8.14 s by default,
 * 5.09–5.31 s passive (two or three interleaved runs each).
 *
 * <p>The command-line tools (processes that do one job) call it first thing, like {@link NativeHeap}; the library
 * does not, since the environment is the application's. It does nothing off Linux or when the user set {@code
 * OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT}, and has no effect once PyTorch has started in the process (OpenMP
 * reads the variable once), which is why the tools call it in their first lines.
 */
public final class OpenMpWaits {
    private static final Logger LOG = LoggerFactory.getLogger(OpenMpWaits.class);
    static final String POLICY = "OMP_WAIT_POLICY";

    private OpenMpWaits() {}

    /** Sets {@code OMP_WAIT_POLICY=PASSIVE} unless the user chose; returns whether the environment now says so. */
    public static synchronized boolean passive() {
        if (!wanted(System.getProperty("os.name", ""), System.getenv().keySet())) {
            return false;
        }
        try {
            Libc c = Libc.load();
            c.setenv(POLICY, "PASSIVE", 0); // 0: a value set meanwhile stands
            return "PASSIVE".equals(c.getenv(POLICY));
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("could not set {} (OpenMP threads keep spinning while they wait): {}", POLICY, e.toString());
            return false;
        }
    }

    /** Whether to set it, given the OS name and the environment's names. */
    static boolean wanted(String osName, Set<String> environment) {
        return osName.toLowerCase(Locale.ROOT).contains("linux") && !environment.contains(POLICY)
                && !environment.contains("GOMP_SPINCOUNT");
    }
}
