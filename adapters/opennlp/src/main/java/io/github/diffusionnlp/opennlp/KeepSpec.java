package io.github.diffusionnlp.opennlp;

import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.corpus.Counted;
import io.github.diffusionnlp.corpus.PtbTags;
import io.github.diffusionnlp.corpus.Upos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which tokens a rewrite keeps verbatim: 0-based token indexes, UD UPOS classes (tags from
 * {@link EnglishPosTagger}), both, or nothing. Written as a comma-separated list, e.g. {@code "0,3"},
 * {@code "PROPN,NUM"}, {@code "0,NOUN,PROPN"} or {@code ""} (keep nothing); classes are read
 * case-insensitively. Immutable.
 */
public final class KeepSpec {
    /** Keeps nothing. */
    public static final KeepSpec NONE = new KeepSpec(new TreeSet<>(), EnumSet.noneOf(Upos.class));

    private final SortedSet<Integer> indexes;
    private final Set<Upos> classes; // an EnumSet: in the enum's order, which is the tags' alphabetical one

    private KeepSpec(SortedSet<Integer> indexes, EnumSet<Upos> classes) {
        this.indexes = Collections.unmodifiableSortedSet(indexes);
        this.classes = Collections.unmodifiableSet(classes);
    }

    /**
     * Reads a spec: comma- (or space-) separated token indexes and UPOS classes; null or blank keeps
     * nothing.
     *
     * @throws IllegalArgumentException naming the part that is neither, and what is allowed
     */
    public static KeepSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        SortedSet<Integer> indexes = new TreeSet<>();
        EnumSet<Upos> classes = EnumSet.noneOf(Upos.class);
        for (String part : Constraints.listItems(spec)) {
            if (part.matches("\\d{1,9}")) {
                indexes.add(Integer.parseInt(part));
            } else if (part.matches("[-+]?\\d+")) {
                // a negative or huge index is an index out of range, not "neither an index nor a class"
                throw new IllegalArgumentException("token index " + part + " in keep spec '" + spec + "' is out of"
                        + " range; allowed: 0-based token indexes, 0 (the first token) or more, each below its line's"
                        + " token count");
            } else {
                try {
                    classes.add(Upos.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + part + "' in keep spec '" + spec + "' is neither a token"
                            + " index nor a UPOS class; allowed: 0-based token indexes and the classes "
                            + Upos.names());
                }
            }
        }
        return new KeepSpec(indexes, classes);
    }

    /** Keeps these 0-based token indexes. */
    public static KeepSpec indexes(int... indexes) {
        SortedSet<Integer> set = new TreeSet<>();
        for (int i : indexes) {
            if (i < 0) {
                throw new IllegalArgumentException("token index " + i
                        + " is negative; allowed: 0-based token indexes, 0 (the first token) or more");
            }
            set.add(i);
        }
        return new KeepSpec(set, EnumSet.noneOf(Upos.class));
    }

    /** Keeps the tokens tagged with these UPOS classes (case-insensitive). */
    public static KeepSpec classes(String... upos) {
        EnumSet<Upos> set = EnumSet.noneOf(Upos.class);
        for (String c : upos) {
            try {
                set.add(Upos.parse(c));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + c + "' is not a UPOS class; allowed: " + Upos.names());
            }
        }
        return new KeepSpec(new TreeSet<>(), set);
    }

    /** This spec and another: a token kept by either is kept. */
    public KeepSpec and(KeepSpec other) {
        SortedSet<Integer> i = new TreeSet<>(indexes);
        i.addAll(other.indexes);
        EnumSet<Upos> c = EnumSet.noneOf(Upos.class);
        c.addAll(classes);
        c.addAll(other.classes);
        return new KeepSpec(i, c);
    }

    /**
     * This spec's token indexes alone: what a sentence keeps whatever its tags (a sentence holding a mask is tagged
     * for the classes once its masks are filled, {@link RewriterME#rewrite(String[][], boolean[][], boolean[][])}).
     */
    public KeepSpec withoutClasses() {
        return new KeepSpec(new TreeSet<>(indexes), EnumSet.noneOf(Upos.class));
    }

    /** This spec's classes alone. */
    KeepSpec classesOnly() {
        EnumSet<Upos> c = EnumSet.noneOf(Upos.class);
        c.addAll(classes);
        return new KeepSpec(new TreeSet<>(), c);
    }

    public boolean isEmpty() {
        return indexes.isEmpty() && classes.isEmpty();
    }

    /** Whether {@link #mask} needs the tokens' UPOS tags. */
    public boolean needsTags() {
        return !classes.isEmpty();
    }

    /**
     * The keep mask of a sentence: true where its index is named or its tag is one of the classes.
     *
     * @param tags the tokens' UPOS tags; may be null when {@link #needsTags()} is false
     * @throws IllegalArgumentException when an index lies outside the tokens
     */
    public boolean[] mask(String[] tokens, String[] tags) {
        return mask(tokens, tags, "the sentence");
    }

    /** {@link #mask(String[], String[])}, its refusal calling the sentence {@code sentence} ("sentence 2"). */
    boolean[] mask(String[] tokens, String[] tags, String sentence) {
        boolean[] keep = new boolean[tokens.length];
        for (int i : indexes) {
            if (i >= tokens.length) {
                throw new IllegalArgumentException("keep index " + i + " is out of range: " + sentence + " has "
                        + Counted.of(tokens.length, "token", "tokens") + (tokens.length == 0 ? ""
                                : tokens.length == 1 ? " (index 0)" : " (indexes 0-" + (tokens.length - 1) + ")"));
            }
            keep[i] = true;
        }
        if (needsTags()) {
            Objects.requireNonNull(tags, "keeping UPOS classes needs the tokens' tags");
            if (tags.length != tokens.length) {
                throw new IllegalArgumentException(tags.length + " tags for " + tokens.length + " tokens");
            }
            for (int i = 0; i < tokens.length; i++) {
                // a tag is kept when it is exactly a kept class's name, as the tagger writes it
                keep[i] |= PtbTags.isUpos(tags[i]) && classes.contains(Upos.valueOf(tags[i]));
            }
        }
        return keep;
    }

    /** The spec as {@link #parse} reads it: indexes, then classes; empty for {@link #NONE}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        indexes.forEach(i -> parts.add(Integer.toString(i)));
        classes.forEach(c -> parts.add(c.name()));
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeepSpec k && k.indexes.equals(indexes) && k.classes.equals(classes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(indexes, classes);
    }
}
