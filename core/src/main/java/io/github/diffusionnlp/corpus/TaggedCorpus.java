package io.github.diffusionnlp.corpus;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes tagged sentences in a two-column CoNLL-style text: one token a line as
 * {@code word<TAB>UPOS}, a blank line after each sentence, {@code #} lines as comments.
 * Files ending in {@code .gz} are gzip-compressed. A file with only words (one column) is read
 * with every tag {@link Upos#X}, so plain tokenised text can be a training corpus too.
 */
public final class TaggedCorpus {
    private TaggedCorpus() {}

    public static List<TaggedSentence> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "corpus file not found");
        }
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<TaggedSentence> sentences = new ArrayList<>();
            List<String> words = new ArrayList<>();
            List<Upos> tags = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    if (!words.isEmpty()) {
                        sentences.add(new TaggedSentence(words, tags));
                        words.clear();
                        tags.clear();
                    }
                    continue;
                }
                String[] cols = line.split("\t");
                try {
                    words.add(cols[0]);
                    tags.add(cols.length > 1 ? Upos.parse(cols[1]) : Upos.X);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
            if (!words.isEmpty()) {
                sentences.add(new TaggedSentence(words, tags));
            }
            return sentences;
        }
    }

    public static void write(Path file, List<String> header, List<TaggedSentence> sentences) throws IOException {
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
