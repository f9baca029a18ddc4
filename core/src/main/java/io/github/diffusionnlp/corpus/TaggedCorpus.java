package io.github.diffusionnlp.corpus;

import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes tagged sentences. {@link #write} writes a two-column CoNLL-style text: one token a line
 * as {@code word<TAB>UPOS}, a blank line after each sentence. {@link #read} takes what a user is likely to
 * have, telling the layouts apart from the file itself:
 * <ul>
 *   <li>CoNLL-U, as Universal Dependencies ships it: ten tab-separated columns, of which FORM and UPOS are
 *       read (a multiword token such as {@code 4-5 del} as {@link MultiwordTokens} says: by default one word, its
 *       parts skipped; empty nodes such as {@code 8.1} are skipped; a FORM holding spaces gives one word per
 *       whitespace token, each with the UPOS);
 *   <li>{@code word<TAB>UPOS}, one token a line (tags in any case, {@code _} for X, Penn Treebank tags read as
 *       the UPOS {@link PtbTags} maps them to; three to nine columns are refused, naming the line);
 *   <li>one word a line (every tag {@link Upos#X});
 *   <li>plain text, one sentence a line, tokens separated by whitespace (every tag {@link Upos#X}): guessed when
 *       no line holds a tab and most lines hold several tokens; said ({@link CorpusLayout#PLAIN}), a tab
 *       separates tokens as a space does.
 * </ul>
 * In the first three a blank line ends a sentence (a CoNLL-U word 1 after a sentence no blank line has ended is
 * refused, naming its line: two sentences run together). {@code #} lines are comments in the first three,
 * except a {@code word<TAB>UPOS} line whose word starts with {@code #}. In plain text a comment is {@code #} alone or
 * followed by whitespace ({@code # text = ...}, the headers {@link #write} writes; {@link #isPlainComment}), and a
 * line whose first token starts with {@code #} and goes on ({@code #MeToo is trending}, {@code #1 hit song}) is a
 * sentence; the comments a plain file's reading skips are counted on {@code notes}, the first shown. The layout's
 * guess counts no such {@code #} line of plain text (a comment once), and so guesses every file as it did. A
 * CoNLL-U Plus file ({@link ConlluPlusColumns}) is read by the column names its first line gives. {@link #readAs}
 * takes the layout ({@link CorpusLayout}) and the reading of multiword tokens from the caller instead. Files ending in
 * {@code .gz} are gzip-compressed.
 */
public final class TaggedCorpus {
    /**
     * A token of whitespace-separated text, here and in the command-line tools' input: Unicode's whole
     * White_Space set separates (text pasted from the web carries no-break spaces, U+00A0 and U+202F, that
     * Java's {@code \s} does not match), and so does U+FEFF, a byte-order mark. A corpus split otherwise
     * would train words that no input can ever give the model.
     */
    public static final Pattern TOKEN = Pattern.compile("[^\\p{IsWhite_Space}\uFEFF]+");

    /**
     * The layout {@link #write} writes: a reader of a written file says it rather than guess it, so that no
     * set of sentences, however it looks, is read back in another layout.
     */
    public static final CorpusLayout WRITTEN_LAYOUT = CorpusLayout.COLUMNS;

    private TaggedCorpus() {}

    /**
     * The sentences of {@code file}, its layout guessed ({@link CorpusLayout#AUTO}) and not said, a multiword
     * token read as the text's word ({@link MultiwordTokens#SURFACE}): {@link Reading#DEFAULT}. For another
     * reading, a guess said, or the reading that reads the file again, use {@link #readAs}.
     */
    public static List<TaggedSentence> read(Path file) throws IOException {
        return readAs(file, Reading.DEFAULT, null, LayoutOption.COMMAND_LINE).sentences();
    }

    /**
     * How a corpus file is read: its layout ({@link CorpusLayout#AUTO}: guessed) and its CoNLL-U multiword
     * tokens. A model records the reading of its training corpus, so that the corpus is read again as it
     * was trained on (n-gram fusion, a resumed run, {@code evaluate}'s trigram).
     */
    public record Reading(CorpusLayout layout, MultiwordTokens multiword) {
        /** What a command reads when told nothing: the layout guessed, {@code del} one word. */
        public static final Reading DEFAULT = new Reading(CorpusLayout.AUTO, MultiwordTokens.SURFACE);

        public Reading {
            Objects.requireNonNull(layout, "layout (CorpusLayout.AUTO guesses it from the file)");
            Objects.requireNonNull(multiword, "multiword (MultiwordTokens.SURFACE reads them as the text has them)");
        }

        /** This reading with {@code layout} given (null: this one's). */
        public Reading orLayout(CorpusLayout given) {
            return given == null ? this : new Reading(given, multiword);
        }

        /** This reading with {@code multiword} given (null: this one's). */
        public Reading orMultiword(MultiwordTokens given) {
            return given == null ? this : new Reading(layout, given);
        }
    }

    /**
     * The sentences of a file and the reading that reads them again: the layout guessed in place of
     * {@link CorpusLayout#AUTO} (CoNLL-U for CoNLL-U Plus), except for a file of columns that mixes CoNLL-U,
     * {@code word<TAB>UPOS} and one-word lines, which only the guess reads whole and which stays AUTO.
     */
    public record Read(List<TaggedSentence> sentences, Reading reading) {}

    /**
     * The sentences of {@code file} read as {@code reading} says, and the reading that reads them again.
     * A line that does not fit the reading's layout is refused, naming the line ({@link CorpusLayout#PLAIN} fits
     * any line, a tab read as a space). With {@link CorpusLayout#AUTO} the layout is guessed ({@link LayoutGuess}),
     * and a guess that under nine lines in ten fit is said on {@code notes} (null: not said), as is a file said to
     * be plain text whose lines nearly all look like columns. A file whose first line is CoNLL-U Plus's
     * {@code # global.columns = ...} is read by the columns it names, with AUTO or CONLLU. A CoNLL-U multiword token is
     * read as the reading's {@link MultiwordTokens} says.
     *
     * @param option the setting that says the layout, as the caller's user writes it, which an error's or a
     *     note's remedy names: {@link LayoutOption#COMMAND_LINE}'s {@code --layout plain}, OpenNLP's
     *     {@code -ngramLayout plain} ({@link LayoutOption#parameter})
     */
    public static Read readAs(Path file, Reading reading, PrintStream notes, LayoutOption option) throws IOException {
        return readAs(file, reading, notes, option, () -> { });
    }

    /**
     * As {@link #readAs(Path, Reading, PrintStream, LayoutOption)}, running {@code check} every few thousand lines of
     * each pass over them ({@link CheckedList}), which may throw (unchecked) to stop the reading; not public, so that
     * a library user keeps two entry points: the trainers reach it through {@link StoppableReading}.
     */
    static Read readAs(Path file, Reading reading, PrintStream notes, LayoutOption option, Runnable check)
            throws IOException {
        return readAs(file, reading, notes, option, check, CorpusMemory.Held.READ);
    }

    /**
     * As {@link #readAs(Path, Reading, PrintStream, LayoutOption, Runnable)}, the sentences' memory counted as
     * {@code held} says ({@link CorpusMemory}): a training run's corpus with the rows it packs, a dev split on top of
     * the corpus read before it.
     */
    static Read readAs(Path file, Reading reading, PrintStream notes, LayoutOption option, Runnable check,
            CorpusMemory.Held held) throws IOException {
        Objects.requireNonNull(reading, "reading (TaggedCorpus.Reading.DEFAULT guesses the layout)");
        Objects.requireNonNull(option, "option (LayoutOption.COMMAND_LINE names --layout in a remedy)");
        InputFiles.requireRegularFile(file, "corpus file");
        boolean gzip = file.toString().endsWith(".gz");
        OnDisk source = new OnDisk(file, gzip);
        CorpusLayout layout = reading.layout();
        CorpusMemory memory = new CorpusMemory(file, CorpusMemory.available(), held);
        // the layout's guess (or, for a file said to be plain, the note that it looks like columns) counted as the
        // lines are checked, not in a pass of its own; a CoNLL-U Plus file, read by its header's columns, needs none
        LayoutGuess.Counter guessing = new LayoutGuess.Counter();
        LinesCount[] counted = new LinesCount[1];
        Function<String, Consumer<String>> watch = first -> {
            Consumer<String> guess = layout == CorpusLayout.AUTO && !ConlluPlusColumns.heads(first)
                    || layout == CorpusLayout.PLAIN && notes != null ? guessing::add : null;
            // the fewest words the lines can make, so that a corpus too large is refused in this pass, not after it
            LinesCount count = linesCount(file, first, layout, memory, source);
            counted[0] = count;
            return guess == null ? count : count == null ? guess : guess.andThen(count);
        };
        TextLines text;
        try {
            // every line checked and counted before any is parsed; each pass below reads the file again
            text = TextLines.of(file, source, check, watch);
        } catch (ZipException | EOFException e) {
            throw new IOException(Visible.of(file) + ": " + (gzip ? brokenGzip(e) : String.valueOf(e)), e);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the lines counted so far outgrow the memory
        }
        if (counted[0] != null) {
            counted[0].finish(); // plain text that outgrew the memory, unless a line made it columns after all
        }
        memory.lines(text.size());
        try {
            return read(file, text, guessing.guess(), reading, notes, option, check, memory);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the file, read again for a pass, changed or failed
        }
    }

    /**
     * What is wrong with a gzip file that {@code e} stopped, and what to do: a file cut short (or empty) ends in an
     * EOFException, most without a message (it said "a broken gzip file (null)").
     */
    private static String brokenGzip(IOException e) {
        String again = "get the whole file again, or compress the corpus again (gzip -k FILE)";
        return e instanceof EOFException ? "a broken gzip file (it ends before its compressed text does: cut short, as"
                + " by an interrupted download or copy, or empty); " + again
                : "a broken gzip file (" + e.getMessage() + "); a file named .gz is read as gzip: if this one is not"
                + " compressed, rename it without .gz; if it is, " + again;
    }

    /** What counts the lines of {@code file}, whose first line is {@code first}, as the check pass finds them. */
    private static LinesCount linesCount(Path file, String first, CorpusLayout layout, CorpusMemory memory,
            OnDisk source) {
        boolean plus = ConlluPlusColumns.heads(first) && (layout == CorpusLayout.AUTO || layout == CorpusLayout.CONLLU);
        int idColumn = 0;
        int columns = 0;
        if (plus) {
            try {
                ConlluPlusColumns named = ConlluPlusColumns.of(file, List.of(first));
                idColumn = named.id();
                columns = named.count();
            } catch (IOException e) {
                return null; // refused with the header, after the check
            }
        }
        LinesCount.Reads reads = layout == CorpusLayout.PLAIN ? LinesCount.Reads.PLAIN
                : plus || layout != CorpusLayout.AUTO ? LinesCount.Reads.COLUMNS : LinesCount.Reads.EITHER;
        // a said layout of columns refuses a line of another (a CoNLL-U Plus file is checked by its header's count)
        CorpusLayout said = plus || layout == CorpusLayout.AUTO || layout == CorpusLayout.PLAIN ? null : layout;
        return new LinesCount(memory, source::share, reads, idColumn, columns, said);
    }

    /**
     * A corpus file's text, opened once for each pass, which knows the share of the file's bytes on disk its last
     * pass has read (for a gzip file, of its compressed bytes), for the whole file's estimate: the size on disk is
     * known at once, where the text's is not.
     */
    private static final class OnDisk implements TextLines.Source {
        private final Path file;
        private final boolean gzip;
        private final long size;
        private CountingStream raw;
        private Gzip inflating;

        OnDisk(Path file, boolean gzip) throws IOException {
            this.file = file;
            this.gzip = gzip;
            this.size = Files.size(file);
        }

        @Override
        public InputStream open() throws IOException {
            raw = new CountingStream(Files.newInputStream(file));
            inflating = null;
            try {
                if (gzip) {
                    inflating = new Gzip(raw);
                    return inflating;
                }
                return raw;
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }

        /** The share of the file read by the last pass opened: what its inflater has taken, for a gzip file. */
        double share() {
            long read = raw == null ? 0 : raw.count - (inflating == null ? 0 : inflating.buffered());
            return size == 0 ? 1 : Math.min(1, (double) read / size);
        }
    }

    /** A stream that counts the bytes read from it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** A gzip stream that says how many of the compressed bytes read it has not yet inflated. */
    private static final class Gzip extends GZIPInputStream {
        Gzip(InputStream in) throws IOException {
            super(in, 1 << 16);
        }

        long buffered() {
            return inf.getRemaining();
        }
    }

    /** What one pass over a corpus's lines makes of them. */
    private interface LinesPass<T> {
        T over(List<String> lines) throws IOException;
    }

    /** {@code pass} over {@code text}'s lines, read from the file once more and checked by {@code check}. */
    private static <T> T over(TextLines text, Runnable check, LinesPass<T> pass) throws IOException {
        try (TextLines.Pass lines = text.pass()) {
            return pass.over(CheckedList.of(lines, check));
        }
    }

    /** {@code guess}: the layout's guess, counted as the lines were checked (unless the layout is said). */
    private static Read read(Path file, TextLines text, LayoutGuess guess, Reading reading, PrintStream notes,
            LayoutOption option, Runnable check, CorpusMemory memory) throws IOException {
        CorpusLayout layout = reading.layout();
        MultiwordTokens multiword = reading.multiword();
        ConlluPlusColumns plus = ConlluPlusColumns.of(file, text.firstLine());
        if (plus != null && (layout == CorpusLayout.AUTO || layout == CorpusLayout.CONLLU)) {
            return new Read(over(text, check, lines -> readConlluPlus(file, lines, plus, multiword, notes, memory)),
                    reading.orLayout(CorpusLayout.CONLLU));
        }
        if (layout == CorpusLayout.AUTO) {
            // not a file of columns (at most a stray tab): tags written into the text would be trained as words
            InlineTags inline = guess.tabLines() * 2 < guess.lines() ? over(text, check, InlineTags::find) : null;
            if (inline != null) {
                throw new IOException(inline.refusal(file, option));
            }
            if (notes != null && !guess.clear()) {
                notes.println(guess.note(file, option));
            }
            // plain text reads the same guessed or said; the others only when every line is of that kind: a
            // file of columns that is mostly one-word lines is guessed as one word a line, which refuses its
            // word<TAB>UPOS lines, and read again so it would fail
            boolean oneKind = guess.layout() == CorpusLayout.PLAIN || guess.fitting() == guess.lines();
            Reading readAs = oneKind ? reading.orLayout(guess.layout()) : reading;
            return new Read(over(text, check, lines -> guess.layout() == CorpusLayout.PLAIN
                    ? readSentenceLines(file, lines, memory, notes)
                    : readColumns(file, lines, layout, guess, multiword, option, notes, memory)), readAs);
        }
        if (layout == CorpusLayout.PLAIN) {
            // said plain, a tab is whitespace between words, as any other (the guess takes a tab for columns)
            if (notes != null) {
                noteColumnsSaidToBePlain(file, guess, option, notes);
            }
            return new Read(over(text, check, lines -> readSentenceLines(file, lines, memory, notes)), reading);
        }
        return new Read(over(text, check, lines -> readColumns(file, lines, layout, null, multiword, option, notes,
                memory)), reading);
    }

    /**
     * Whether no word of {@code sentences} carries a UPOS tag but X: plain text and one word a line read so, and so
     * does a CoNLL-U Plus file without a UPOS column or a CoNLL-U file whose UPOS column is all {@code _}. A model
     * trained on such sentences saw one template condition only and cannot follow a POS template.
     */
    public static boolean untagged(List<TaggedSentence> sentences) {
        return sentences.stream().allMatch(s -> s.tags().stream().allMatch(Upos.X::equals));
    }

    /**
     * The layout a sentence line fits on its own: CoNLL-U (ten columns or more), {@code word<TAB>UPOS} (two),
     * one word (no tab), plain text (several tokens, no tab), or null (three to nine columns: none).
     */
    static CorpusLayout kindOf(String line) {
        // split as the reader splits a line: a tab at its end separates no column (holdsColumns)
        int columns = line.split("\t").length;
        return columns == 1 ? (severalTokens(line) ? CorpusLayout.PLAIN : CorpusLayout.WORDS)
                : columns == 2 ? CorpusLayout.COLUMNS : columns >= 10 ? CorpusLayout.CONLLU : null;
    }

    /**
     * Whether a line holds a tab between columns, as {@link #kindOf} and the reader split it: {@code word<TAB>}
     * does not (a tab at the line's end separates no column: its tag column is empty, as a one-word line's is), and
     * is read as one word, so the guess and the count of a file's lines read it so too.
     */
    static boolean holdsColumns(String line) {
        return line.split("\t").length > 1;
    }

    /**
     * A file said to be plain text is read so, its tabs as spaces; but when nine lines in ten or more look like
     * columns (as the guess reads them), its user may have named the wrong file or layout: a note says so, as the
     * words would be its tags and column numbers.
     */
    private static void noteColumnsSaidToBePlain(Path file, LayoutGuess guess, LayoutOption option,
            PrintStream notes) {
        if (guess.tabLine() > 0 && guess.clear()) {
            notes.println("note: " + Visible.of(file) + ": read as " + CorpusLayout.PLAIN.description()
                    + ", as " + option.of(CorpusLayout.PLAIN) + " says, each tab as a space, though its lines look"
                    + " like " + guess.layout().description() + ": if they are, give " + option.of(CorpusLayout.AUTO));
        }
    }

    private static IOException notFitting(Path file, int index, CorpusLayout layout, String why,
            LayoutOption option) {
        return new IOException(Visible.of(file) + ":" + (index + 1) + ": the line does not fit " + option.of(layout)
                + " (" + layout.description() + "): " + why + "; fix the line, or give the " + option.name()
                + " the file has (" + option.of(CorpusLayout.AUTO) + " guesses it)");
    }

    /** What a line that fits no forced layout holds, for {@link #notFitting}. */
    private static String describe(String line, CorpusLayout layout) {
        CorpusLayout kind = kindOf(line);
        int columns = line.split("\t").length;
        // a tab at the line's end is in it, but separates no column
        long tabs = line.chars().filter(c -> c == '\t').count();
        String noTab = tabs == 0 ? "no tab" : tabs == 1 ? "nothing after its tab (an empty column)"
                : "nothing after its " + tabs + " tabs (empty columns)";
        return kind == CorpusLayout.PLAIN ? "it holds several tokens and " + noTab
                : kind == CorpusLayout.WORDS ? "it holds one word and " + noTab
                : Counted.of(columns, "tab-separated column", "tab-separated columns") + columnsOf(layout);
    }

    /** What a line of {@code layout} holds, for a message about a line of another count of columns. */
    private static String columnsOf(CorpusLayout layout) {
        return layout == CorpusLayout.CONLLU ? ", where a CoNLL-U word line has 10 (ID FORM LEMMA UPOS XPOS FEATS HEAD"
                + " DEPREL DEPS MISC, _ for an empty one)"
                : layout == CorpusLayout.COLUMNS ? ", where a word<TAB>UPOS line has 2" : "";
    }

    /**
     * Plain text's sentences, a line each; a comment ({@link #isPlainComment}) is skipped, and the comments skipped are
     * said on {@code notes} (null: not said), the first shown, so that a user sees what was not read.
     */
    private static List<TaggedSentence> readSentenceLines(Path file, List<String> lines, CorpusMemory memory,
            PrintStream notes) throws IOException {
        List<TaggedSentence> sentences = new ArrayList<>();
        SharedWords shared = new SharedWords();
        long comments = 0;
        int firstComment = -1;
        String first = null; // kept when met: a pass reads forward
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // "#<TAB>SYM" is a word only in columns (a file said plain may hold tabs): here "#<TAB>" starts a comment
            if (isPlainComment(line)) {
                if (comments++ == 0) {
                    firstComment = i;
                    first = shown(line);
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> words = shared.all(tokens(line));
            memory.add(words.size(), i);
            sentences.add(new TaggedSentence(words, Collections.nCopies(words.size(), Upos.X)));
        }
        if (notes != null && comments > 0) {
            notes.printf(Locale.ROOT, "note: %s: %s skipped (plain text: a line of # alone or #"
                    + " then whitespace; a line such as #tag words is a sentence); the first, line %,d: %s%n",
                    Visible.of(file), Counted.of(comments, "comment line", "comment lines"), firstComment + 1,
                    Visible.of(first));
        }
        return sentences;
    }

    /** The longest part of a line a note shows, in characters. */
    private static final int SHOWN_CHARACTERS = 100;

    /** {@code line}, cut after {@value #SHOWN_CHARACTERS} characters (not inside a pair of surrogates), for a note. */
    private static String shown(String line) {
        if (line.length() <= SHOWN_CHARACTERS) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(SHOWN_CHARACTERS - 1)) ? SHOWN_CHARACTERS - 1
                : SHOWN_CHARACTERS;
        return line.substring(0, end) + "...";
    }

    /**
     * Lines of columns; {@code layout} AUTO takes CoNLL-U, word<TAB>UPOS and one-word lines alike, and {@code guess}
     * (null when the layout is said) is what most lines are, which an error about a line that fits no layout names,
     * as the note about the guess did.
     */
    private static List<TaggedSentence> readColumns(Path file, List<String> lines, CorpusLayout layout,
            LayoutGuess guess, MultiwordTokens multiword, LayoutOption option, PrintStream notes, CorpusMemory memory)
            throws IOException {
        WordLines sentences = new WordLines(file, notes, memory);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // a word<TAB>UPOS line may hold a word "#"; in the other layouts a # line is a comment
            if (layout == CorpusLayout.AUTO || layout == CorpusLayout.COLUMNS ? isComment(line)
                    : line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                sentences.endSentence(i);
                continue;
            }
            String[] cols = line.split("\t");
            String where = Visible.of(file) + ":" + (i + 1) + ": ";
            if (layout != CorpusLayout.AUTO && kindOf(line) != layout) {
                throw notFitting(file, i, layout, describe(line, layout), option);
            }
            // plain text with a stray tab is columns for that tab, not for most of its lines (LayoutGuess#note)
            boolean strayTab = guess != null && guess.tabLine() > 0 && guess.tabLines() * 2 < guess.lines();
            String readAs = guess == null ? "columns" : guess.layout().description() + (strayTab ? ", as its line "
                    + guess.tabLine() + " holds a tab" : ", guessed from most of its lines");
            if (cols.length == 1 && severalTokens(line)) {
                throw new IOException(where + "several tokens and no tab, in a file read as " + readAs + " (a token"
                        + " a line: one word, word<TAB>UPOS or CoNLL-U's ten columns); fix the line, or, if the whole"
                        + " file is plain text, one sentence a line, give " + option.of(CorpusLayout.PLAIN) + ", which"
                        + " reads a tab as a space");
            }
            boolean mostlyColumns = guess != null && guess.fitting() * 2 > guess.lines()
                    && (guess.layout() == CorpusLayout.CONLLU || guess.layout() == CorpusLayout.COLUMNS);
            if (cols.length > 2 && cols.length < 10 && mostlyColumns) {
                // one bad line among good ones: cutting the file's columns would wreck the good ones
                throw new IOException(where + cols.length + " tab-separated columns" + columnsOf(guess.layout())
                        + ", as the file's other lines are (" + readAs + "); fix the line (a column missing or"
                        + " split, or a tab lost)");
            }
            if (cols.length > 2 && cols.length < 10) {
                throw new IOException(where + cols.length + " tab-separated columns; allowed: word<TAB>UPOS (2) or"
                        + " CoNLL-U's ten (ID FORM LEMMA UPOS ...); cut the file to the word and UPOS columns (e.g."
                        + " cut -f1,3 for word<TAB>lemma<TAB>UPOS)");
            }
            boolean conllu = cols.length >= 10; // ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC
            if (conllu && cols[0].contains(".")) {
                continue; // an empty node (8.1) is no word of the sentence's text at all
            }
            if (conllu) {
                sentences.requireSentenceEnded(where, cols[0]);
            }
            if (conllu && cols[0].contains("-")) {
                i = readRange(file, lines, i, cols[0], cols[1], multiword, sentences, CONLLU_WORD, 0, 3);
                continue;
            }
            String form = conllu ? cols[1] : cols[0];
            String tag = conllu ? cols[3] : cols.length > 1 ? cols[1] : "_";
            if (conllu) {
                sentences.noteXpos(tag, cols[4]);
            }
            sentences.add(where, conllu ? "FORM" : "word", form, tag);
        }
        return sentences.finish(lines.size() - 1);
    }

    /**
     * CoNLL-U Plus: every word line has the columns its {@code global.columns} line names, FORM and UPOS
     * read by name; without UPOS every word is X, as in the other untagged layouts.
     */
    private static List<TaggedSentence> readConlluPlus(Path file, List<String> lines, ConlluPlusColumns columns,
            MultiwordTokens multiword, PrintStream notes, CorpusMemory memory) throws IOException {
        WordLines sentences = new WordLines(file, notes, memory);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                sentences.endSentence(i);
                continue;
            }
            String[] cols = line.split("\t", -1);
            String where = Visible.of(file) + ":" + (i + 1) + ": ";
            if (cols.length != columns.count()) {
                throw new IOException(where + Counted.of(cols.length, "tab-separated column", "tab-separated columns")
                        + ", where the global.columns line names " + columns.count() + "; every word line has them all"
                        + " (_ for an empty one)");
            }
            // empty nodes and multiword tokens as in CoNLL-U (see readColumns)
            if (columns.id() >= 0 && cols[columns.id()].contains(".")) {
                continue;
            }
            if (columns.id() >= 0) {
                sentences.requireSentenceEnded(where, cols[columns.id()]);
            }
            if (columns.id() >= 0 && cols[columns.id()].contains("-")) {
                i = readRange(file, lines, i, cols[columns.id()], cols[columns.form()], multiword, sentences,
                        columns::wordColumns, columns.id(), columns.upos());
                continue;
            }
            sentences.add(where, "FORM", cols[columns.form()], columns.upos() >= 0 ? cols[columns.upos()] : "_");
        }
        return sentences.finish(lines.size() - 1);
    }

    /** A CoNLL-U word line's columns (ten, or more), else null: what {@link MultiwordRange} takes a part from. */
    private static final Function<String, String[]> CONLLU_WORD = line -> {
        String[] cols = line.split("\t");
        return cols.length >= 10 ? cols : null;
    };

    /**
     * Reads the multiword token on line {@code index} (ID {@code id}, FORM {@code form}) as {@code multiword}
     * says, its parts checked either way; returns the index of the last line read, after which reading goes on.
     *
     * @param uposColumn the UPOS column of a part's line, or -1 (untagged: X)
     */
    private static int readRange(Path file, List<String> lines, int index, String id, String form,
            MultiwordTokens multiword, WordLines sentences, Function<String, String[]> wordColumns,
            int idColumn, int uposColumn) throws IOException {
        MultiwordRange range = MultiwordRange.of(file, lines, index, id, wordColumns, idColumn);
        if (multiword == MultiwordTokens.PARTS) {
            return index; // the parts are read next, as words of their own; the range line carries no UPOS
        }
        // The text's word ("del", "au", "vámonos"), which is what whitespace-tokenized input holds, takes one UPOS
        // because --pos templates give one tag per position; the first part's, as it is the one a reader meets
        // first (del: ADP, de; vámonos: VERB, vamos).
        String tag = uposColumn < 0 ? "_" : wordColumns.apply(lines.get(range.firstPart()))[uposColumn];
        // an unknown tag is on the part's line, not the range's: the error names both
        sentences.add(Visible.of(file) + ":" + (index + 1) + ": the multiword token " + id + " (tagged as its first"
                + " part, line " + (range.firstPart() + 1) + "): ", "FORM", form, tag);
        return range.lastPart();
    }

    /**
     * The sentences of a file of word lines, a blank line (or the file's end) ending each. A tag may be UPOS or Penn
     * Treebank ({@link PtbTags}: the two sets share no name but SYM, which means the same in both), as what CoreNLP's
     * and OpenNLP's English taggers write, and as the OpenNLP tool reads; said on {@code notes} when there are any.
     */
    private static final class WordLines {
        private final List<TaggedSentence> sentences = new ArrayList<>();
        private final List<String> words = new ArrayList<>();
        private final List<Upos> tags = new ArrayList<>();
        private final Path file;
        private final PrintStream notes;
        private final SortedSet<String> ptbTags = new TreeSet<>();
        private final SharedWords shared = new SharedWords();
        private final CorpusMemory memory;
        private long ptbWords;
        private final SortedSet<String> xposOnlyTags = new TreeSet<>();
        private long xposOnlyWords;

        WordLines(Path file, PrintStream notes, CorpusMemory memory) {
            this.file = file;
            this.notes = notes;
            this.memory = memory;
        }

        /** The awk program that copies a CoNLL-U word's XPOS into its UPOS column where that is {@code _}. */
        private static final String XPOS_INTO_UPOS =
                "awk 'BEGIN {FS = OFS = \"\\t\"} NF >= 10 && $4 == \"_\" {$4 = $5} 1'";

        /**
         * Counts a CoNLL-U word whose UPOS is {@code _} and whose XPOS is a Penn Treebank or UPOS tag, as CoreNLP's
         * {@code -outputFormat conllu} writes after {@code pos} alone: only UPOS is read, so {@link #finish} says
         * where its tags are and how to move them (a language's own XPOS tag set is no business of this reader).
         */
        void noteXpos(String upos, String xpos) {
            String tag = xpos.strip();
            if (upos.strip().equals("_") && (PtbTags.isPtb(tag) || PtbTags.isUpos(tag))) {
                xposOnlyWords++;
                xposOnlyTags.add(tag);
            }
        }

        /** Adds a word line's {@code form} tagged {@code tag} ("_" for X); {@code where} names the line in errors. */
        void add(String where, String column, String form, String tag) throws IOException {
            String[] parts = tokens(form);
            if (parts.length == 0) {
                throw new IOException(where + "no word: the " + column + " column is empty or only spaces");
            }
            Upos upos;
            String stripped = tag.strip();
            if (PtbTags.isPtb(stripped) && !PtbTags.isUpos(stripped)) {
                upos = PtbTags.of(form.strip(), stripped);
                ptbTags.add(stripped);
                ptbWords++;
            } else {
                try {
                    upos = stripped.equals("_") ? Upos.X : Upos.parse(tag); // _ is UD's "unspecified"
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + e.getMessage() + ", or a Penn Treebank tag (NN, VBD, ...; read as"
                            + " the UPOS tag it maps to)" + (BrownTags.isBrown(stripped) ? "; '" + stripped + "' is a"
                            + " Brown tag: map the tags to UPOS first (BrownTags.toUpos maps one)" : ""), e);
                }
            }
            // UD v2 allows a space inside a FORM ("học sinh", "400 000"); the model's words are whitespace
            // tokens, as every input it reads is split, so such a word becomes its tokens, each with its tag.
            for (String part : parts) {
                words.add(shared.of(part));
                tags.add(upos);
            }
        }

        /**
         * Fails when a CoNLL-U word line of ID {@code id} is word 1 (or a multiword token from it) of a new sentence
         * while the one before it has not ended: UD ends every sentence with a blank line, and two run together were
         * read as one, silently (a file of sentences joined without them, as one long sentence).
         */
        void requireSentenceEnded(String where, String id) throws IOException {
            String stripped = id.strip();
            if (!words.isEmpty() && (stripped.equals("1") || stripped.startsWith("1-"))) {
                throw new IOException(where + "word " + Visible.of(stripped) + " starts a new sentence, but no blank"
                        + " line ends the sentence before it (CoNLL-U ends every sentence with one); add a blank line"
                        + " before this line");
            }
        }

        /** Ends the sentence (if any) at the 0-based {@code line}. */
        void endSentence(int line) throws IOException {
            if (!words.isEmpty()) {
                memory.add(words.size(), line);
                sentences.add(new TaggedSentence(words, tags));
                words.clear();
                tags.clear();
            }
        }

        List<TaggedSentence> finish(int lastLine) throws IOException {
            endSentence(lastLine);
            if (notes != null && ptbWords > 0) {
                notes.printf(Locale.ROOT, "note: %s: %,d words are tagged with Penn Treebank tags (%s),"
                        + " read as the UPOS tags they map to (NN as NOUN, VBD as VERB, or AUX for a form of be, IN as"
                        + " ADP, or SCONJ for if, because, that ...: corpus/PtbTags)%n", Visible.of(file),
                        ptbWords, String.join(" ", ptbTags));
            }
            if (notes != null && xposOnlyWords > 0) {
                List<String> shown = new ArrayList<>(xposOnlyTags).subList(0, Math.min(12, xposOnlyTags.size()));
                notes.printf(Locale.ROOT, "note: %s: %,d words have no UPOS (_) but a tag in their XPOS"
                        + " column (%s%s), which is not read: they are X, and teach the model no tag. To train on"
                        + " these tags (Penn Treebank, as CoreNLP's -outputFormat conllu writes them after pos alone),"
                        + " copy them into the UPOS column, where Penn Treebank tags are read as the UPOS they map to:"
                        + " %s, then train on NEW%n", Visible.of(file), xposOnlyWords, String.join(" ", shown),
                        xposOnlyTags.size() > shown.size() ? " ..." : "", ShellQuoted.filteredIntoNew(
                                Visible.of(file), XPOS_INTO_UPOS));
            }
            return sentences;
        }
    }

    /**
     * One String for each spelling a read meets, which every sentence that holds it shares: a corpus's tokens
     * repeat (Brown's million are 50,000 spellings), and a String of its own for each took about 50 bytes a token
     * where a shared one takes the 4 of a reference. Not {@link String#intern}: these live as long as the
     * sentences read, not the JVM.
     */
    private static final class SharedWords {
        private final Map<String, String> spellings = new HashMap<>();

        String of(String word) {
            String kept = spellings.putIfAbsent(word, word);
            return kept == null ? word : kept;
        }

        List<String> all(String[] words) {
            for (int i = 0; i < words.length; i++) {
                words[i] = of(words[i]);
            }
            return List.of(words);
        }
    }

    /**
     * The reader splits each line at tabs and each word at whitespace: a word holding either, or a line break,
     * would come back as other words or tags, or shift every line after it.
     */
    private static void requireReadableBack(List<String> header, List<TaggedSentence> sentences) {
        for (String h : header) {
            if (h.indexOf('\n') >= 0 || h.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a corpus header line holds a line break, which would end the"
                        + " comment and make the rest a line of words: " + escaped(h));
            }
            if (!wellFormed(h)) {
                throw new IllegalArgumentException("a corpus header line holds an unpaired surrogate, no character,"
                        + " which UTF-8 cannot write: \"" + Visible.of(h) + "\"");
            }
        }
        for (int s = 0; s < sentences.size(); s++) {
            List<String> words = sentences.get(s).words();
            for (int w = 0; w < words.size(); w++) {
                String word = words.get(w);
                if (!wellFormed(word)) {
                    throw new IllegalArgumentException("sentence " + (s + 1) + " (\"" + Visible.of(String.join(" ",
                            words)) + "\"), word " + (w + 1) + " \"" + Visible.of(word) + "\": an unpaired surrogate,"
                            + " no character, which UTF-8 cannot write (it was written as ?, another word); mend the"
                            + " text it came from (a string cut between the two halves of a character)");
                }
                Matcher m = TOKEN.matcher(word);
                if (!m.matches()) {
                    throw new IllegalArgumentException("sentence " + (s + 1) + " (" + escaped(String.join(" ", words))
                            + "), word " + (w + 1) + " " + escaped(word) + ": " + (word.isEmpty() ? "an empty word"
                            : "a word holding a tab, line break or other whitespace") + " would not read back as"
                            + " one word; split it into words (or drop it) before writing the corpus");
                }
            }
        }
    }

    /** Whether every surrogate in {@code s} is half of a pair: what UTF-8 can write (else as "?"). */
    private static boolean wellFormed(String s) {
        // code points pair the surrogates that form a character: one left a surrogate is unpaired
        return s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    /** {@code text} quoted with its tabs and line breaks visible. */
    private static String escaped(String text) {
        return '"' + text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    /**
     * A line that starts with {@code #}, unless it is a {@code word<TAB>UPOS} line whose word does ("#",
     * "#hashtag"): {@link #write} writes those, and they must read back as words.
     */
    static boolean isComment(String line) {
        if (!line.startsWith("#")) {
            return false;
        }
        String[] cols = line.split("\t");
        return cols.length != 2 || severalTokens(cols[0]) || !isTag(cols[1]);
    }

    /**
     * A comment of plain text: {@code #} alone or followed by whitespace (CoNLL-U's {@code # text = ...}, the header
     * lines {@link #write} writes). A line whose first token starts with {@code #} and goes on ({@code #MeToo is
     * trending}, {@code #1 hit song}) is a sentence: a tweet's or a forum's, which was dropped without a word when
     * every {@code #} line was a comment. Public for the OpenNLP tool's plain-text reader, which skips the same lines.
     */
    public static boolean isPlainComment(String line) {
        if (!line.startsWith("#")) {
            return false;
        }
        Matcher m = TOKEN.matcher(line);
        return m.lookingAt() && m.end() == 1;
    }

    private static boolean isTag(String tag) {
        try {
            return tag.strip().equals("_") || PtbTags.isPtb(tag.strip()) || Upos.parse(tag) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the line holds more than one token, found without splitting it (every line is asked). */
    private static boolean severalTokens(String line) {
        Matcher m = TOKEN.matcher(line);
        return m.find() && m.find();
    }

    /** As the command-line tools read their input: whitespace (or a byte-order mark) separates tokens. */
    private static String[] tokens(String line) {
        return TOKEN.matcher(line).results().map(MatchResult::group).toArray(String[]::new);
    }

    /**
     * Writes {@code header} lines as comments and the sentences as {@code word<TAB>UPOS} lines.
     *
     * @throws IllegalArgumentException before anything is written, naming the sentence and word, when a word
     *     would not read back as itself (empty, or holding a tab, line break or other whitespace, or an unpaired
     *     surrogate, which UTF-8 cannot write, possible in sentences built in code), or a header line holds a line
     *     break or an unpaired surrogate
     */
    public static void write(Path file, List<String> header, List<TaggedSentence> sentences) throws IOException {
        requireReadableBack(header, sentences);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            for (String h : header) {
                writer.write("# " + h + "\n");
            }
            for (TaggedSentence s : sentences) {
                for (int i = 0; i < s.size(); i++) {
                    writer.write(s.words().get(i) + "\t" + s.tags().get(i) + "\n");
                }
                writer.write("\n");
            }
        }
    }
}
