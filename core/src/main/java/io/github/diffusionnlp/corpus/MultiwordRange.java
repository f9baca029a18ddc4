package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CoNLL-U multiword token's range line ({@code 4-5 del}) and where its parts are: the word lines right after
 * it whose IDs are {@code first} to {@code last} in order (empty nodes such as {@code 4.1} may sit between them).
 * Both readings need the parts ({@link MultiwordTokens}): the surface one takes the first part's UPOS and skips
 * them all, and a range that does not match its parts means the file is broken either way.
 *
 * @param firstPart the index of the first part's line
 * @param lastPart the index of the last part's line
 */
record MultiwordRange(int firstPart, int lastPart) {
    /** At most nine digits a side, so that both parse as ints: a longer ID is refused as no range, naming its line. */
    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})-(\\d{1,9})");

    /**
     * The parts of the range whose ID is {@code id}, on line {@code index} of {@code lines}.
     *
     * @param columns a line's columns when it is a word line of the file, else null
     * @param idColumn the ID column among them
     * @throws IOException naming the range's line when its ID is no range of two or more words, and the line
     *     where a part was expected when one is missing
     */
    static MultiwordRange of(Path file, List<String> lines, int index, String id, Function<String, String[]> columns,
            int idColumn) throws IOException {
        String where = Visible.of(file) + ":" + (index + 1) + ": ";
        Matcher m = RANGE.matcher(id);
        if (!m.matches() || Integer.parseInt(m.group(1)) >= Integer.parseInt(m.group(2))) {
            throw new IOException(where + "the multiword-token ID '" + id + "' is not a range FIRST-LAST of two or"
                    + " more words (e.g. 4-5, over the parts' lines 4 and 5); fix the ID");
        }
        int first = Integer.parseInt(m.group(1));
        int last = Integer.parseInt(m.group(2));
        int firstPart = -1;
        int line = index + 1;
        for (int part = first; part <= last; line++) {
            String[] cols = line < lines.size() ? columns.apply(lines.get(line)) : null;
            if (cols != null && cols[idColumn].contains(".")) {
                continue; // an empty node between the parts
            }
            if (cols == null || !cols[idColumn].equals(Integer.toString(part))) {
                String found = line >= lines.size() ? "the file ends" : lines.get(line).isBlank()
                        ? "the sentence ends" : "line " + (line + 1) + " is not word " + part;
                throw new IOException(where + "the multiword token " + id + " covers words " + first + " to " + last
                        + ", but " + found + "; its parts follow it, a line each, with IDs " + first + " to " + last
                        + " (fix the range's ID, or add the missing parts)");
            }
            if (part == first) {
                firstPart = line;
            }
            part++;
        }
        return new MultiwordRange(firstPart, line - 1);
    }
}
