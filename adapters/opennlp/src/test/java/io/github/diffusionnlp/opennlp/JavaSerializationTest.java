package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link DiffusionModel} is an OpenNLP {@code BaseModel}, which is {@code Serializable}: Java serialization wrote the
 * whole package (27 MB) and read back a model whose network and lifecycle (transient) were null, so that its first
 * infill threw a NullPointerException. It is refused, naming the way a model is written.
 */
class JavaSerializationTest {
    @Test
    void javaSerializationIsRefusedNamingSerialize() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DiffusionModel model = DiffusionModel.loadDefault(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            NotSerializableException e = assertThrows(NotSerializableException.class, () -> out.writeObject(model));
            assertEquals("io.github.diffusionnlp.opennlp.DiffusionModel is not written by Java serialization: write its"
                    + " package with serialize(OutputStream) (or serialize(Path)) and read it with DiffusionModel.load(Path)"
                    + " or new DiffusionModel(InputStream)", e.getMessage());
            // and the model is as it was
            assertEquals(5, new InfillerME(model, io.github.diffusionnlp.api.SamplingOptions.builder().steps(2).build())
                    .infill(new String[] {"The", "[MASK]", "was", "late", "."}).length);
        }
        // the stream holds the refusal (ObjectOutputStream writes the exception in it), not the 27 MB package
        assertTrue(bytes.size() < 100_000, "no package written: " + bytes.size() + " bytes");
    }
}
