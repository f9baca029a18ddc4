package io.github.diffusionnlp.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;

/**
 * Makes arrays that must live as long as an object (a model's weights, a probe's), whatever {@link NDScope}
 * the caller has open. DJL registers every new array with the calling thread's innermost scope and
 * closes it with that scope: a server that wraps each request in a scope and loads its model on the
 * first request would otherwise see the weights freed at the end of that request, and every later call
 * fail with DJL's "Native resource has been released already".
 */
public final class Owned {
    /** Work that makes the long-lived arrays. */
    public interface Work<T> {
        T make() throws IOException;
    }

    private Owned() {}

    /** As {@link #loading}, for work that reads no file. */
    public static <T> T by(NDManager owner, java.util.function.Supplier<T> work) {
        try {
            return loading(owner, work::get);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // never: the work throws none
        }
    }

    /**
     * Runs {@code work} in a scope of its own: the arrays it leaves on {@code owner} are kept (the owner
     * frees them when it is closed), its other temporaries are freed on return.
     */
    public static <T> T loading(NDManager owner, Work<T> work) throws IOException {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            T made = work.make();
            for (NDArray kept : owner.getManagedArrays()) {
                NDScope.unregister(kept);
            }
            return made;
        }
    }
}
