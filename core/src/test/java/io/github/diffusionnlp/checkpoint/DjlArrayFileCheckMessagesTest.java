package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The text a damaged or crafted array file holds where a name belongs (a data type's) was quoted raw in the refusal
 * (audit h193): an ESC sequence in it ran in the terminal, a line break forged a line of the message.
 */
class DjlArrayFileCheckMessagesTest {
    @Test
    void aDataTypeNameReadFromTheFileIsQuotedVisibly() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1); // arrays
            out.writeUTF("NDAR");
            out.writeInt(1); // encoding version
            out.writeUTF(""); // sparse format
            out.writeUTF("FLOAT32\u001B[2J\nERROR forged");
        }
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> DjlArrayFileCheck.checkArrayList(Path.of("probe.bin"), bytes.toByteArray(), null));
        assertTrue(e.getMessage().contains("array 0 has data type 'FLOAT32<U+001B>[2J<U+000A>ERROR forged', which DJL"
                + " does not know"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001B") || e.getMessage().contains("\n"), e.getMessage());
    }
}
