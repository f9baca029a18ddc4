package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The fewest words and sentences a corpus's lines can make, counted as they stream by in the pass that checks them
 * ({@link TextLines#of}), before the layout is known (its guess needs every line) and before any line is parsed, and
 * checked against the memory they will take ({@link CorpusMemory#checked}): a corpus too large for the heap is refused
 * part way through that first pass, where it was refused only in the parse after it, a whole read later.
 *
 * <p>The count never exceeds what the parse makes of a file it accepts, in whichever layout the file is read:
 * <ul>
 *   <li>as plain text, each line that is neither blank nor a comment ({@code #} alone or followed by whitespace:
 *       {@link TaggedCorpus#isPlainComment}) is a sentence of its tokens;
 *   <li>as columns (CoNLL-U, {@code word<TAB>UPOS}, one word a line), each run of such lines between blank lines
 *       holding a word line is a sentence, a line without a tab and a line whose ID (first column) is a number a
 *       word, a multiword range ({@code 4-5}) one word in place of the parts it covers, a line whose ID holds a
 *       {@code .} (an empty node) or another {@code -} none;
 *   <li>with the layout guessed, the fewer of the two, unless a line without a tab holds several tokens, which only
 *       plain text reads (read as columns, the file is refused by that line); once a line holds a tab as well, the
 *       file is read as columns and refused by that line, and is checked no further ({@link #refusedByALine}).
 * </ul>
 * A CoNLL-U Plus file whose line has another count of columns than its header names, and a file said to be CoNLL-U,
 * {@code word<TAB>UPOS} or one word a line whose line fits another, are refused by that line, and checked no further
 * either. A file counted as plain text whose count outgrows the memory before any line holds a tab
 * is refused for it only at the end of the pass ({@link #finish}), unless a tab or a majority of one-word lines has
 * made it columns by then: the parse refuses such a file by its first line of several tokens, which comes before the
 * memory ran out, and that line is named first (audit h200). The pass then reads on to the end of the file: nothing
 * is held, but a plain-text corpus too large for the heap is refused after its whole first pass, not part way.
 */
final class LinesCount implements Consumer<String> {
    /** Which readings the file may get. */
    enum Reads { PLAIN, COLUMNS, EITHER }

    private final CorpusMemory memory;
    private final DoubleSupplier share;
    private final Reads reads;
    /** The column a CoNLL-U Plus file's IDs are in (-1: none), else 0. */
    private final int idColumn;
    /** How many columns a CoNLL-U Plus file's word lines have, else 0. */
    private final int columns;
    /** The layout said of a file of columns (CoNLL-U, word<TAB>UPOS, one word a line), whose lines must fit it. */
    private final CorpusLayout said;
    private int line = -1;
    private long plainWords;
    private long plainSentences;
    private long columnWords;
    private long columnSentences;
    private boolean inSentence;
    private boolean severalWithoutTab;
    /** Whether a line (not blank, no {@code #} comment) holds a tab: the guess then reads the file as columns. */
    private boolean tabSeen;
    /** Whether a CoNLL-U Plus line has another count of columns than the header names: the parse refuses it. */
    private boolean columnsWrong;
    /** Lines without a tab holding one token (or none) and several: the guess's vote when no line holds a tab. */
    private long oneTokenLines;
    private long severalTokenLines;
    /** The memory refusal of a file counted as plain text before any tab, held until the pass ends. */
    private IOException pending;

    /**
     * Counts the lines of a file that may be read as {@code reads} says, against {@code memory}; {@code share} says
     * which share of the file's bytes on disk has been read, for the whole file's estimate.
     */
    LinesCount(CorpusMemory memory, DoubleSupplier share, Reads reads, int idColumn) {
        this(memory, share, reads, idColumn, 0);
    }

    /** As {@link #LinesCount(CorpusMemory, DoubleSupplier, Reads, int)}, for a CoNLL-U Plus file of {@code columns}. */
    LinesCount(CorpusMemory memory, DoubleSupplier share, Reads reads, int idColumn, int columns) {
        this(memory, share, reads, idColumn, columns, null);
    }

    /**
     * As {@link #LinesCount(CorpusMemory, DoubleSupplier, Reads, int, int)}, for a file said to be {@code said}
     * (null: none said, or plain text), whose every line fits it or is refused ({@link TaggedCorpus#kindOf}).
     */
    LinesCount(CorpusMemory memory, DoubleSupplier share, Reads reads, int idColumn, int columns, CorpusLayout said) {
        this.said = said;
        this.memory = memory;
        this.share = share;
        this.reads = reads;
        this.idColumn = idColumn;
        this.columns = columns;
    }

    /** Counts the next line, refused by an {@link UncheckedIOException} when its count outgrows the memory. */
    @Override
    public void accept(String text) {
        line++;
        if (text.isBlank()) {
            inSentence = false;
            return;
        }
        if (text.startsWith("#")) {
            // "#<TAB>SYM" is a word line of columns, and its tab makes the guess read the file so
            tabSeen |= reads == Reads.EITHER && TaggedCorpus.holdsColumns(text) && !TaggedCorpus.isComment(text);
            if (reads != Reads.COLUMNS && !TaggedCorpus.isPlainComment(text)) {
                // "#MeToo is trending" is a sentence of plain text (a comment of columns), and no vote of the guess
                plainWords += tokens(text);
                plainSentences++;
                checked();
            }
            return;
        }
        columnsWrong |= columns > 0 && fields(text) != columns
                || said != null && !columnsWrong && TaggedCorpus.kindOf(text) != said;
        int tokens = tokens(text);
        if (tokens > 0) {
            plainWords += tokens;
            plainSentences++;
        }
        // a tab at the line's end separates no column: the guess reads such a line as one without (holdsColumns)
        int tab = TaggedCorpus.holdsColumns(text) ? text.indexOf('\t') : -1;
        tabSeen |= tab >= 0;
        if (tab < 0) {
            severalWithoutTab |= tokens > 1;
            oneTokenLines += tokens > 1 ? 0 : 1;
            severalTokenLines += tokens > 1 ? 1 : 0;
            if (tokens > 0) {
                word(1);
            }
        } else if (idColumn >= 0) {
            String id = idColumn == 0 ? text.substring(0, tab) : field(text, idColumn);
            int dash = id.indexOf('-');
            if (id.indexOf('.') < 0 && dash < 0) {
                word(1);
            } else if (dash > 0 && id.indexOf('.') < 0) {
                long covered = span(id, dash);
                if (covered > 0) {
                    word(1 - covered); // the parts that follow count one each
                }
            }
        } else {
            word(1); // a CoNLL-U Plus line without IDs: a word
        }
        checked();
    }

    /** {@link #check}, its refusal unchecked, as {@link #accept} may throw. */
    private void checked() {
        try {
            check();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void word(long words) {
        columnWords += words;
        if (words > 0 && !inSentence) {
            inSentence = true;
            columnSentences++;
        }
    }

    private void check() throws IOException {
        if (refusedByALine() || pending != null) {
            return;
        }
        long colWords = Math.max(columnWords, columnSentences);
        boolean plain = reads == Reads.PLAIN || reads == Reads.EITHER && (severalWithoutTab
                || CorpusMemory.bytes(plainWords, plainSentences, CorpusMemory.Held.READ)
                        < CorpusMemory.bytes(colWords, columnSentences, CorpusMemory.Held.READ));
        try {
            memory.checked(plain ? plainWords : colWords, plain ? plainSentences : columnSentences, line,
                    share.getAsDouble());
        } catch (IOException e) {
            if (reads != Reads.EITHER || !severalWithoutTab) {
                throw e;
            }
            pending = e; // a tab or one-word lines later would make its line of several tokens the refusal
        }
    }

    /**
     * Ends the count at the end of the pass: throws the memory refusal held for a file counted as plain text, unless
     * the guess reads it as columns after all (a line holds a tab, or more lines hold one token than several), and
     * the parse then refuses it by its first line of several tokens.
     */
    void finish() throws IOException {
        if (pending != null && !refusedByALine() && oneTokenLines <= severalTokenLines) {
            throw pending;
        }
    }

    /**
     * Whether the parse refuses the file by a line counted so far, whatever the rest of it: a line of several tokens
     * and no tab, read as columns, which the file is when a line holds a tab and its layout is guessed, and always when
     * it is said (but for a CoNLL-U Plus file without IDs, whose one column may be FORM alone). Its memory is not
     * checked any further then: the count would refuse it for the memory of lines the parse never reaches, before
     * the parse names the line that is wrong (a file of {@code word<TAB>UPOS} lines, counted as plain text once it
     * held such a line, takes about 10 times the memory that way). The parse still counts the sentences it reads
     * before that line ({@link CorpusMemory#add}). So is a CoNLL-U Plus line with another count of columns than its
     * header names, with IDs or without, and a line that does not fit the layout said of a file of columns.
     */
    private boolean refusedByALine() {
        return columnsWrong
                || severalWithoutTab && (reads == Reads.EITHER ? tabSeen : reads == Reads.COLUMNS && idColumn >= 0);
    }

    /** How many tab-separated fields {@code text} holds (empty ones too). */
    private static int fields(String text) {
        int n = 1;
        for (int i = text.indexOf('\t'); i >= 0; i = text.indexOf('\t', i + 1)) {
            n++;
        }
        return n;
    }

    /** How many lines a range {@code a-b} covers ({@code b - a + 1}), or 0 when it is no range of numbers. */
    private static long span(String id, int dash) {
        String a = id.substring(0, dash);
        String b = id.substring(dash + 1);
        if (a.isEmpty() || b.isEmpty() || a.length() > 9 || b.length() > 9 || !digits(a) || !digits(b)) {
            return 0;
        }
        long from = Long.parseLong(a);
        long to = Long.parseLong(b);
        return to >= from ? to - from + 1 : 0;
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The {@code index}th tab-separated field of {@code text} ("" when it has fewer). */
    private static String field(String text, int index) {
        int from = 0;
        for (int i = 0; i < index; i++) {
            from = text.indexOf('\t', from) + 1;
            if (from == 0) {
                return "";
            }
        }
        int to = text.indexOf('\t', from);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    /** How many tokens {@link TaggedCorpus#TOKEN} finds in {@code text}, counted without a regular expression. */
    static int tokens(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c >= '\t' && c <= '\r' || c == '\u0085' || c == '\uFEFF' || Character.isSpaceChar(c);
            n += !space && !in ? 1 : 0;
            in = !space;
        }
        return n;
    }
}
