package io.github.diffusionnlp.api;

/**
 * Internal: public for the other modules of this project; no compatibility promise (what it does for a
 * library user is said in docs/library.md). DJL's usage tracking, off unless the user turns it on.
 * DJL 0.20+ calls home from EC2 machines the first time an engine starts (instance type and id, to Amazon);
 * a library that loads a local model should not touch the network on its user's behalf. The entry points
 * (loading a model, training) call {@link #optOut()} before DJL's engine starts;
 * {@code OPT_OUT_TRACKING=false} in the environment or as a system property keeps DJL's own default.
 * Downloads are not affected: the PyTorch natives come from Maven.
 */
public final class DjlTelemetry {
    /** DJL's switch, read from the environment or the system properties. */
    public static final String OPT_OUT = "OPT_OUT_TRACKING";

    private DjlTelemetry() {}

    public static void optOut() {
        if (System.getenv(OPT_OUT) == null && System.getProperty(OPT_OUT) == null) {
            System.setProperty(OPT_OUT, "true");
        }
    }
}
