package io.github.diffusionnlp.bench;

/** {@link ScratchDirectory}'s shutdown hook, for tests in other packages. */
public final class ScratchHook {
    private ScratchHook() {}

    /** The hook a shutdown would run: it deletes {@code dir}, or says it could not. */
    public static Thread of(ScratchDirectory dir) {
        return dir.shutdownHook();
    }
}
