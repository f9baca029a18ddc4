package io.github.diffusionnlp.corpus;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Internal (the trainers'; no compatibility promise). A random-access list seen through a check run every
 * {@link #EVERY} items got, which may throw to end the pass reading it: how a training run's start-up (a pass over
 * the corpus's lines, its sentences) stops soon after Ctrl-C without a check written into each loop.
 */
public final class CheckedList<T> extends AbstractList<T> implements RandomAccess {
    /** Items between checks: a few milliseconds of the slowest pass (a corpus line parsed into its words). */
    static final int EVERY = 4096;

    private final List<T> items;
    private final Runnable check;
    private int sinceCheck;

    private CheckedList(List<T> items, Runnable check) {
        this.items = items;
        this.check = check;
    }

    /**
     * {@code items} (random access) with {@code check} run before the first item got and every {@link #EVERY} after
     * it; the view is for one thread.
     */
    public static <T> List<T> of(List<T> items, Runnable check) {
        return new CheckedList<>(items, check);
    }

    @Override
    public T get(int index) {
        if (sinceCheck-- == 0) {
            sinceCheck = EVERY - 1;
            check.run();
        }
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
