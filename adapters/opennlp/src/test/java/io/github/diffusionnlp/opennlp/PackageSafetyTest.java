package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import opennlp.tools.util.InvalidFormatException;
import org.junit.jupiter.api.Test;

/** Hostile model packages are refused with a message, before they can cost memory. */
class PackageSafetyTest {
    /** A package with a diffusion manifest and one entry of {@code size} zero bytes (deflated to a thousandth). */
    private static byte[] packageWithZeros(String entry, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("manifest.properties"));
            zip.write(("Component-Name=" + DiffusionModel.COMPONENT_NAME + "\n").getBytes(StandardCharsets.ISO_8859_1));
            zip.putNextEntry(new ZipEntry(entry));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                zip.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aZipBombIsRefusedBeforeOpenNlpReadsItIntoMemory() throws IOException {
        byte[] bomb = packageWithZeros("model.params", 200L << 20); // 200 MB in about 200 KB
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> new DiffusionModel(new ByteArrayInputStream(bomb)));
        assertTrue(e.getMessage().contains("model.params unpacks to more than"), e.getMessage());
    }
}
