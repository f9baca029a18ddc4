package io.github.diffusionnlp.api;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;

/**
 * Internal: public for the other modules of this project; no compatibility promise (what it means for a
 * library user is said in docs/library.md, <i>From your own project</i>). Starts DJL's PyTorch engine for the entry
 * points (loading a model, training), and words the one failure a library user causes by how they deploy it.
 *
 * <p>A JVM loads a native library into one class loader only. A second class loader holding its own copy of
 * DJL (two web applications that each bundle the library, or one redeployed without a restart) gets DJL's
 * "Failed to load PyTorch native library", caused by "Native Library .../libc10.so already loaded in another
 * classloader", which says neither why nor what to do.
 */
public final class PyTorchStart {
    private static final String OTHER_LOADER = "already loaded in another classloader";

    private PyTorchStart() {}

    /**
     * Starts the engine (once per class loader; afterwards this returns at once).
     *
     * @throws EngineException when PyTorch cannot be loaded; when another class loader of this JVM loaded it
     *     first, the message says so and what to do, DJL's exception being its cause
     */
    public static Engine engine() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException e) {
            throw inAnotherLoader(e) ? oneCopyPerJvm(e) : e;
        }
    }

    static boolean inAnotherLoader(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnsatisfiedLinkError && String.valueOf(c.getMessage()).contains(OTHER_LOADER)) {
                return true;
            }
        }
        return false;
    }

    private static EngineException oneCopyPerJvm(EngineException e) {
        return new EngineException("PyTorch's native library is already loaded by another class loader in this JVM,"
                + " and a JVM can load it only once: this copy of diffusion-nlp and DJL (class loader "
                + PyTorchStart.class.getClassLoader() + ") cannot use it. Keep diffusion-nlp, DJL and its PyTorch"
                + " jars in one class loader that the applications share (a servlet container's shared lib/"
                + " directory, not each web application's WEB-INF/lib), one copy per JVM; after a redeploy that"
                + " loaded them again, restart the JVM", e);
    }
}
