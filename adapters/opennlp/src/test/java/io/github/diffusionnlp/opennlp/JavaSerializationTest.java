package io.github.diffusionnlp.opennlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.diffusionnlp.TestModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import opennlp.tools.util.model.BaseModel;
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

    /**
     * A stream an older build wrote, before writeReplace refused it, read back into a model whose transient fields
     * were null. It is made as that build's ObjectOutputStream made it: the class descriptors of DiffusionModel and
     * BaseModel (written through {@link ObjectOutputStream#writeClassDescriptor}, the hook that may write another
     * class's descriptor), and BaseModel.writeObject's data, its component name and the package. Two stand-in
     * classes hold the data, since DiffusionModel itself can no longer be written.
     */
    @Test
    void aModelJavaSerializedByAnOlderBuildIsRefusedNamingTheLoader() throws Exception {
        ByteArrayOutputStream pkg = new ByteArrayOutputStream();
        try (DiffusionModel model = DiffusionModel.load(TestModels.tinyModel())) {
            model.serialize(pkg);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            @Override
            protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
                Class<?> as = desc.forClass() == OldDiffusionModel.class ? DiffusionModel.class
                        : desc.forClass() == OldBaseModel.class ? BaseModel.class : desc.forClass();
                super.writeClassDescriptor(ObjectStreamClass.lookup(as));
            }
        }) {
            out.writeObject(new OldDiffusionModel(pkg.toByteArray()));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            InvalidObjectException e = assertThrows(InvalidObjectException.class, in::readObject);
            assertEquals("io.github.diffusionnlp.opennlp.DiffusionModel is not read by Java serialization (a stream an"
                    + " older build wrote): load the model's package with new DiffusionModel(Path) or"
                    + " DiffusionModel.load(Path), written by serialize(OutputStream) or the Package tool",
                    e.getMessage());
        }
    }

    /** What BaseModel.writeObject wrote: its component name, then the package (BaseModel.serialize). */
    private static class OldBaseModel implements Serializable {
        private final transient byte[] pkg;

        OldBaseModel(byte[] pkg) {
            this.pkg = pkg;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeUTF(DiffusionModel.COMPONENT_NAME);
            out.write(pkg);
        }
    }

    /** DiffusionModel wrote nothing of its own: its fields are transient. */
    private static final class OldDiffusionModel extends OldBaseModel {
        OldDiffusionModel(byte[] pkg) {
            super(pkg);
        }
    }
}
