package io.github.diffusionnlp.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where CoNLL-U Plus puts its columns: its first line, {@code # global.columns = ID FORM UPOS ...}, names
 * them in order, any number and any order, so FORM and UPOS are found by name, not by CoNLL-U's positions.
 *
 * @param count how many columns a word line has
 * @param id the ID column, or -1 (without it no line is a multiword range or an empty node)
 * @param form the FORM column
 * @param upos the UPOS column, or -1: untagged text, every word X as in the other untagged layouts
 */
record ConlluPlusColumns(int count, int id, int form, int upos) {
    private static final Pattern HEADER = Pattern.compile("#\\s*global\\.columns\\s*=(.*)");

    /** Whether {@code firstLine} is a CoNLL-U Plus header (which {@link #of} then reads, or refuses naming no FORM). */
    static boolean heads(String firstLine) {
        return HEADER.matcher(firstLine.strip()).matches();
    }

    /**
     * The columns the file's first line names, or null when it names none; a {@code .conllup} file without
     * that line, and a line that names no FORM, are refused.
     */
    static ConlluPlusColumns of(Path file, List<String> lines) throws IOException {
        Matcher m = HEADER.matcher(lines.isEmpty() ? "" : lines.get(0).strip());
        if (!m.matches()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".conllup") || name.endsWith(".conllup.gz")) {
                throw new IOException(Visible.of(file) + ":1: a CoNLL-U Plus file starts with a '# global.columns = ID"
                        + " FORM UPOS ...' line naming its columns, and this one does not; add it (or rename a CoNLL-U"
                        + " file to .conllu)");
            }
            return null;
        }
        List<String> names = List.of(
                TaggedCorpus.TOKEN.matcher(m.group(1)).results().map(r -> r.group()).toArray(String[]::new));
        if (!names.contains("FORM")) {
            throw new IOException(Visible.of(file) + ":1: the global.columns line names no FORM column ("
                    + String.join(" ", names) + "), and the words are read from it; a CoNLL-U Plus corpus needs FORM");
        }
        return new ConlluPlusColumns(names.size(), names.indexOf("ID"), names.indexOf("FORM"), names.indexOf("UPOS"));
    }

    /** The columns of {@code line} when it has as many as the header names (a word line), else null. */
    String[] wordColumns(String line) {
        String[] cols = line.split("\t", -1);
        return cols.length == count ? cols : null;
    }
}
