package io.github.diffusionnlp.cli;

import java.util.Map;
import java.util.Properties;

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

    /** The system property through which DJL sets PyTorch's intra-op threads when its engine starts. */
    static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";

    /**
     * One PyTorch intra-op thread, for a server (the CoreNLP jar's {@code server} mode), unless the user chose a
     * count ({@value #INTRA_OP_THREADS} or {@code OMP_NUM_THREADS}); call before DJL's engine starts. A server's
     * requests are short sentences sampled concurrently: presumably their matrices are too small to gain from a
     * second thread, which then competes with the other requests' passes. On this project's 2-core machine, through the
     * server, one thread answered 1.03-1.46x the requests per second of PyTorch's two at 1 to 8 concurrent
     * clients, in each of 24 paired measurements on an idle machine ({@code scripts/server-threads}, plugin README).
     *
     * @return the line a server prints to say so, or null when the user's own setting stands
     */
    public static String oneIntraOpThreadForAServer() {
        return oneIntraOpThreadForAServer(System.getProperties(), System.getenv());
    }

    static String oneIntraOpThreadForAServer(Properties system, Map<String, String> env) {
        if (system.getProperty(INTRA_OP_THREADS) != null || env.get("OMP_NUM_THREADS") != null) {
            return null;
        }
        system.setProperty(INTRA_OP_THREADS, "1");
        return "diffusion-nlp: one PyTorch intra-op thread per request (faster for a server's short concurrent"
                + " requests); -D" + INTRA_OP_THREADS + "=N or OMP_NUM_THREADS=N chooses another count";
    }
}
