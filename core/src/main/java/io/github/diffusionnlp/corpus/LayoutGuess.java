package io.github.diffusionnlp.corpus;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link CorpusLayout#AUTO} makes of a file's lines: any tab between columns (not one at a line's end, which
 * separates none: {@link TaggedCorpus#holdsColumns}) makes it a file of columns (CoNLL-U,
 * {@code word<TAB>UPOS} and one-word lines, told apart line by line), and a file without tabs is plain text
 * when at least as many of its lines hold several tokens as hold one, else one word a line. The guess is a majority
 * vote (a tie going to plain text, which reads every line, where one word a line refuses a line of several words),
 * so it also counts how many lines fit the layout it names: a file of short lines (headings, a poem,
 * dialogue) can lose to the wrong side, and a user should hear of it. A {@code #} line casts no vote (but a
 * {@code word<TAB>UPOS} line whose word starts with {@code #}), not even one that plain text reads as a sentence
 * ({@code #MeToo is trending}: {@link TaggedCorpus#isPlainComment}): every {@code #} line was a comment once, and the
 * guess of a file read right then stays as it was.
 *
 * @param layout the layout most lines fit
 * @param fitting how many of the sentence lines fit it
 * @param lines how many sentence lines there are (comments and blank lines aside)
 * @param oneSentence one word a line without a blank line anywhere: the whole file one sentence
 * @param tabLine the number of the first sentence line holding a tab between columns (what made the file columns), 0
 *     if none
 * @param tabLines how many sentence lines hold a tab between columns
 */
record LayoutGuess(CorpusLayout layout, int fitting, int lines, boolean oneSentence, int tabLine, int tabLines) {
    /** At or above this share of lines fitting, the guess is clear-cut and goes unsaid. */
    static final double CLEAR = 0.9;
    private static final String SAY_HOW = " conllu|columns|words|plain says how a corpus is laid out, and names a"
            + " line that does not fit)";

    /**
     * The guess made a line at a time, as the lines stream by: the corpus reader counts them in the pass that checks
     * them ({@link TextLines#of}), not in a pass of their own over the file.
     */
    static final class Counter {
        private final Map<CorpusLayout, Integer> counts = new EnumMap<>(CorpusLayout.class);
        private int total;
        private int tabLine;
        private int tabLines;
        private int number;
        private boolean blank; // a blank line between two sentence lines
        private boolean blankSince;

        void add(String line) {
            number++;
            if (line.isBlank()) {
                blankSince = total > 0;
            }
            if (TaggedCorpus.isComment(line) || line.isBlank()) { // a "# text = ..." comment may hold a tab
                return;
            }
            blank |= blankSince;
            total++;
            CorpusLayout kind = TaggedCorpus.kindOf(line);
            // a tab between columns, as kindOf and the reader split them: one at the line's end makes none
            if (TaggedCorpus.holdsColumns(line)) {
                tabLines++;
                if (tabLine == 0) {
                    tabLine = number;
                }
            }
            if (kind != null) {
                counts.merge(kind, 1, Integer::sum);
            }
        }

        LayoutGuess guess() {
            int several = counts.getOrDefault(CorpusLayout.PLAIN, 0);
            int one = counts.getOrDefault(CorpusLayout.WORDS, 0);
            if (tabLine == 0) {
                // at a tie, plain text: a file half of whose lines hold several words is no file of one word a
                // line, which would refuse the first of them, while plain text reads them all (an empty file stays
                // words)
                if (several > 0 && several >= one) {
                    return new LayoutGuess(CorpusLayout.PLAIN, several, total, false, 0, 0);
                }
                // every line one word and no blank line between them: one word a line makes one long sentence of
                // the file, where plain text makes a sentence of each line; nothing in the file tells which it is
                return new LayoutGuess(CorpusLayout.WORDS, one, total, several == 0 && !blank && total > 1, 0, 0);
            }
            Map<CorpusLayout, Integer> columns = new EnumMap<>(counts);
            columns.remove(CorpusLayout.PLAIN); // several tokens without a tab: refused in a file of columns
            // no line of a layout at all (three to nine columns each): the reader refuses the first, naming it
            Map.Entry<CorpusLayout, Integer> most = columns.entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElse(Map.entry(CorpusLayout.COLUMNS, 0));
            return new LayoutGuess(most.getKey(), most.getValue(), total, false, tabLine, tabLines);
        }
    }

    boolean clear() {
        return fitting >= CLEAR * lines && !oneSentence;
    }

    /** The note an unclear guess prints: the layout read, how few lines fit it, and how to say another. */
    String note(Path file, LayoutOption option) {
        CorpusLayout other = layout == CorpusLayout.WORDS ? CorpusLayout.PLAIN
                : layout == CorpusLayout.PLAIN ? CorpusLayout.WORDS : null;
        // A file with a tab is guessed to be columns, however few of its lines are: plain text with a stray tab
        // is named by that line, so that its user sees why, and told to say plain (which reads a tab as a space).
        // Not when most lines hold tabs: that is a file of columns, not plain text with a stray tab.
        boolean strayTabs = tabLine > 0 && tabLines * 2 < lines;
        String advice = strayTabs ? "; line " + tabLine + " holds a tab" + (tabLines == 1 ? ""
                : " (the first of " + tabLines + " lines that do)") + ", which makes a file columns: if it is "
                + CorpusLayout.PLAIN.description() + ", give " + option.of(CorpusLayout.PLAIN) + ", which reads a tab"
                + " as a space"
                : other == null ? "" : "; if it is " + other.description() + ", give " + option.of(other);
        // the file's name as a terminal shows it: the notes are printed and logged as they are, a line a note
        String shown = Visible.of(file.toString());
        if (oneSentence) {
            return String.format(Locale.ROOT, "note: %s: read as %s, guessed from its lines, all of one word: with no"
                    + " blank line to end a sentence, the file is one sentence of %,d words%s (%s", shown,
                    layout.description(), lines, advice, option.name()) + SAY_HOW;
        }
        return String.format(Locale.ROOT, "note: %s: read as %s, guessed from its lines, of which only %.0f%% fit"
                + " that%s (%s", shown,
                layout.description(), 100.0 * fitting / lines, advice, option.name()) + SAY_HOW;
    }
}
