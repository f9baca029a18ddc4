package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import io.github.diffusionnlp.api.DefaultModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged model package is refused with a message that names what is wrong in terms of the package (its entry, its
 * manifest, its being no zip at all), not a ClassCastException, a file extension or a parser's internals.
 */
class PackageErrorsTest {
    @TempDir
    static Path tmp;
    private static byte[] shipped;

    @BeforeAll
    static void packageTheShippedModel() throws IOException {
        Path bin = tmp.resolve("shipped.bin");
        try (DiffusionModel model = DiffusionModel.load(DefaultModel.locate())) {
            model.serialize(bin);
        }
        shipped = Files.readAllBytes(bin);
    }

    /** The shipped package with each entry's bytes as {@code edit} gives them (null: left out), and {@code extra} added. */
    private static Path edited(String name, EntryEdit edit, String extra) throws IOException {
        return edited(name, edit, extra, new byte[] {1, 2, 3});
    }

    /** {@link #edited(String, EntryEdit, String)} with the added entry's bytes. */
    private static Path edited(String name, EntryEdit edit, String extra, byte[] extraContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(shipped));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = edit.apply(e.getName(), in.readAllBytes());
                if (content != null) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(content);
                }
            }
            if (extra != null) {
                out.putNextEntry(new ZipEntry(extra));
                out.write(extraContent);
            }
        }
        return Files.write(tmp.resolve(name), bytes.toByteArray());
    }

    interface EntryEdit {
        byte[] apply(String entry, byte[] content);
    }

    /** The refusal's message with its causes', as the command-line tools print it. */
    private static String refusal(Path file) {
        Throwable e = assertThrows(IOException.class, () -> DiffusionModel.load(file).close());
        StringBuilder sb = new StringBuilder(e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    @Test
    void aManifestNamingAnotherOpenNlpFactoryIsNamed() throws IOException {
        Path bin = edited("factory.bin", (name, content) -> name.equals("manifest.properties")
                ? new String(content, StandardCharsets.ISO_8859_1).replaceAll("(?m)^factory=.*$",
                        "factory=opennlp.tools.postag.POSTaggerFactory").getBytes(StandardCharsets.ISO_8859_1)
                : content, null);
        String message = refusal(bin);
        assertFalse(message.contains("ClassCast") || message.contains("cannot be cast"), message);
        assertTrue(message.contains("opennlp.tools.postag.POSTaggerFactory")
                && message.contains(DiffusionToolFactory.class.getName()), message);
    }

    /**
     * OpenNLP's loader makes the artifact serializer a manifest names for an entry ({@code serializer-class-vocab.txt=
     * CLASS}, within its extension allowlist) and runs it on the entry's bytes: a class chosen by the file, where only
     * the factory's name was checked. A package of ours names none, so such an entry is refused before any is made.
     */
    @Test
    void aManifestNamingAnArtifactSerializerIsRefusedBeforeItIsMade() throws IOException {
        Path bin = edited("serializer.bin", (name, content) -> name.equals("manifest.properties")
                ? (new String(content, StandardCharsets.ISO_8859_1) + "serializer-class-vocab.txt="
                        + RecordingArtifactSerializer.class.getName() + "\n").getBytes(StandardCharsets.ISO_8859_1)
                : content, null);
        int before = RecordingArtifactSerializer.MADE.get();
        String message = refusal(bin);
        assertEquals(before, RecordingArtifactSerializer.MADE.get(), "no serializer named by the file is made");
        assertTrue(message.contains("serializer.bin is not a usable model package: its manifest names the artifact"
                + " serializer " + RecordingArtifactSerializer.class.getName() + " for vocab.txt"), message);
    }

    @Test
    void anEntryOfNoModelFileIsNamed() throws IOException {
        String message = refusal(edited("extra.bin", (name, content) -> content, "model.ser"));
        assertTrue(message.contains("model.ser"), message);
    }

    @Test
    void anEmptyFileOrOneThatIsNoZipIsSaidToBeSo() throws IOException {
        String empty = refusal(Files.write(tmp.resolve("empty.bin"), new byte[0]));
        assertTrue(empty.contains("is empty"), empty);
        String text = refusal(Files.writeString(tmp.resolve("text.bin"), "not a zip at all\n"));
        assertTrue(text.contains("not a zip"), text);
    }

    @Test
    void anEmptyConfigIsNamedInOneLine() throws IOException {
        String message = refusal(edited("config.bin", (name, content) -> name.equals("config.json") ? new byte[0]
                : content, null));
        assertTrue(message.contains("config.bin: its entry config.json: not a valid model config"), message);
        assertFalse(message.contains("REDACTED") || message.contains("\n"), message);
        assertFalse(message.contains("diffusion-model"), "no temporary directory, gone after the run: " + message);
    }

    /**
     * Core's remedy for a damaged file of a model directory ("restore the directory from a copy") means nothing for a
     * package, whose directory is a temporary one gone after the load: the package's own remedy is given instead.
     */
    @Test
    void aDamagedEntryIsGivenThePackagesRemedy() throws IOException {
        String message = refusal(edited("vocab.bin", (name, content) -> name.equals("vocab.txt")
                ? "the\n[PAD]\n".getBytes(StandardCharsets.US_ASCII) : content, null));
        assertTrue(message.contains("vocab.bin: its entry vocab.txt: "), message);
        assertFalse(message.contains("restore the directory"), message);
        assertTrue(message.contains("copy the package again from where it came, or package the model again"), message);
    }

    /** An entry over core's size limit was named by the temporary file it was unpacked to, deleted after the run. */
    @Test
    void anOversizedEntryIsNamedInThePackage() throws IOException {
        String message = refusal(edited("big.bin", (name, content) -> name.equals("config.json")
                ? " ".repeat(2 << 20).getBytes(StandardCharsets.US_ASCII) : content, null));
        assertTrue(message.contains("big.bin: its entry config.json: "), message);
        assertFalse(message.contains("diffusion-model"), message);
    }

    /** The bytes of one of the shipped package's entries. */
    private static byte[] entry(String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(shipped))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("the shipped package has no " + name);
    }

    /** Where the local header of {@code name}'s entry starts in {@code zip}. */
    private static int localHeader(byte[] zip, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + bytes.length <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4
                    && (zip[i + 26] & 0xff | (zip[i + 27] & 0xff) << 8) == bytes.length
                    && Arrays.equals(zip, i + 30, i + 30 + bytes.length, bytes, 0, bytes.length)) {
                return i;
            }
        }
        throw new AssertionError("no local header of " + name);
    }

    /** Extra entries were judged by their extension alone: ../evil.json, notes.txt and sub/config.json loaded. */
    @Test
    void everyEntryThatIsNoneOfThePackagesFilesIsNamed() throws IOException {
        List<String> extras = List.of("../evil.json", "notes.txt", "sub/config.json", "README.md");
        for (int i = 0; i < extras.size(); i++) {
            String message = refusal(edited("extra" + i + ".bin", (name, content) -> content, extras.get(i)));
            assertTrue(message.contains("extra" + i + ".bin") && message.contains("its entry " + extras.get(i)
                    + " is none of a diffusion model package's files"), message);
        }
    }

    /** A second config.json loaded, OpenNLP keeping the last one (unzip shows the first). */
    @Test
    void anEntryTwiceIsNamed() throws IOException {
        Path bin = edited("twice.bin", (name, content) -> content, "CONFIG.json", entry("config.json"));
        byte[] bytes = Files.readAllBytes(bin);
        byte[] upper = "CONFIG.json".getBytes(StandardCharsets.US_ASCII);
        int renamed = 0; // in the entry's local header and in the central directory
        for (int i = 0; i + upper.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + upper.length, upper, 0, upper.length)) {
                System.arraycopy("config.json".getBytes(StandardCharsets.US_ASCII), 0, bytes, i, upper.length);
                renamed++;
            }
        }
        assertTrue(renamed == 2, renamed + " names changed");
        String message = refusal(Files.write(bin, bytes));
        assertTrue(message.contains("twice.bin") && message.contains("entry config.json more than once"), message);
    }

    /** The manifest's language loaded whatever it was, where Package -lang refuses anything but a language code. */
    @Test
    void aManifestLanguageThatIsNoLanguageCodeIsNamed() throws IOException {
        Path bin = edited("lang.bin", (name, content) -> name.equals("manifest.properties")
                ? new String(content, StandardCharsets.ISO_8859_1).replaceAll("(?m)^Language=.*$",
                        "Language=../../etc").getBytes(StandardCharsets.ISO_8859_1)
                : content, null);
        String message = refusal(bin);
        assertTrue(message.contains("lang.bin") && message.contains("Language=../../etc")
                && message.contains("is not a language code"), message);
        String none = refusal(edited("nolang.bin", (name, content) -> name.equals("manifest.properties")
                ? new String(content, StandardCharsets.ISO_8859_1).replaceAll("(?m)^Language=.*$", "")
                        .getBytes(StandardCharsets.ISO_8859_1)
                : content, null));
        assertTrue(none.contains("nolang.bin is not a usable model package: its manifest has no Language"), none);
    }

    /**
     * A package cut short or damaged was "not a zip: null", "malformed input off : 11, length : 1" or "has no
     * model.params": each now says it is truncated or damaged and what to do.
     */
    @Test
    void aCutOrDamagedPackageIsSaidToBeSo() throws IOException {
        int params = localHeader(shipped, "model.params");
        String[] cuts = {
            refusal(Files.write(tmp.resolve("cut30.bin"), Arrays.copyOf(shipped, 30))), // inside the first name
            refusal(Files.write(tmp.resolve("cutheader.bin"), Arrays.copyOf(shipped, params + 20))),
            refusal(Files.write(tmp.resolve("cutdata.bin"), Arrays.copyOf(shipped, params + 1_000_000)))};
        for (String message : cuts) {
            assertTrue(message.contains(".bin is truncated") && message.contains("copy it again"), message);
            assertFalse(message.contains("null") || message.contains("has no model.params"), message);
        }
        byte[] flipped = shipped.clone();
        flipped[26] ^= 64; // the first entry's name length: its name runs into its data
        String name = refusal(Files.write(tmp.resolve("flipped.bin"), flipped));
        assertTrue(name.contains("flipped.bin is damaged") && name.contains("copy it again"), name);
        assertFalse(name.contains("malformed input off"), name);
        String lacking = refusal(edited("lacking.bin", (entry, content) -> entry.equals("vocab.txt") ? null : content,
                null));
        assertTrue(lacking.contains("lacking.bin has no entry vocab.txt") && lacking.contains("package the model again"),
                lacking);
    }
}
