package io.github.diffusionnlp.opennlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import opennlp.tools.util.model.ArtifactSerializer;

/**
 * An artifact serializer in the package OpenNLP's extension allowlist admits, top level and public so that OpenNLP's
 * loader could make one by the name a package's manifest gives ({@code serializer-class-ENTRY=...}): it counts the
 * instances made, which a model's loading must keep at none.
 */
public class RecordingArtifactSerializer implements ArtifactSerializer<byte[]> {
    /** How many were made. */
    static final AtomicInteger MADE = new AtomicInteger();

    /** For OpenNLP's loader. */
    public RecordingArtifactSerializer() {
        MADE.incrementAndGet();
    }

    @Override
    public byte[] create(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Override
    public void serialize(byte[] artifact, OutputStream out) throws IOException {
        out.write(artifact);
    }
}
