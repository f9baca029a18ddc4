package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** What an OpenNLP user hands the model's loaders: a null, a stream they own. */
class ModelArgumentsTest {
    /** {@code load(null)} (a path a configuration lookup did not find) loaded the shipped model, and said nothing. */
    @Test
    void loadOfNullIsRefusedRatherThanLoadingTheShippedModel() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> DiffusionModel.load((Path) null));
        assertTrue(e.getMessage().contains("dirOrPackage") && e.getMessage().contains("loadDefault()"),
                e.getMessage());
    }

    /**
     * {@code new DiffusionModel(InputStream)} closed the caller's stream, where OpenNLP's {@code XModel(InputStream)}
     * leaves it to the caller's try-with-resources: a model read from one entry of a zip of models closed the zip, and
     * its next entry could not be read ("Stream closed").
     */
    @Test
    void theStreamConstructorLeavesTheCallersStreamOpen() throws IOException {
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try (DiffusionModel tiny = DiffusionModel.load(TestModels.tinyModel());
                ZipOutputStream zip = new ZipOutputStream(bundle)) {
            zip.putNextEntry(new ZipEntry("tiny.bin"));
            tiny.serialize(zip);
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("read after the model".getBytes(StandardCharsets.UTF_8));
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bundle.toByteArray()))) {
            assertEquals("tiny.bin", in.getNextEntry().getName());
            try (DiffusionModel model = new DiffusionModel(in)) {
                assertEquals("en", model.getLanguage());
            }
            assertEquals("notes.txt", in.getNextEntry().getName());
            assertEquals("read after the model", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
