package io.github.diffusionnlp.cli;

/**
 * System properties this project's command-line tools (this jar's, the evaluation tool's, the OpenNLP
 * tool's, the CoreNLP jar's main) set before they load a model. Each yields to the user's own setting.
 */
public final class ToolDefaults {
    private ToolDefaults() {}

    /** DJL offline: the PyTorch natives ship in the jar's lib/, so nothing is ever downloaded. */
    public static void offline() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * DJL's start-up notes (a CUDA probe's warning on every CPU machine, engine threads) hidden: they bury
     * the one line that matters, which model on which device. {@code
     * -Dorg.slf4j.simpleLogger.log.ai.djl=info} shows them.
     */
    public static void quietDjl() {
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
    }
}
