package io.github.diffusionnlp.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.diffusionnlp.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config.json field this reader does not know, as a newer writer adds one without a format-version bump (the
 * training record's sentimentLexiconShare was added so, and a jar of before it loads such a model), is ignored:
 * the model loads with every field it knows as written.
 */
class UnknownConfigFieldsTest {
    @Test
    void fieldsOfANewerWriterAreIgnored(@TempDir Path tmp) throws IOException {
        Path model = TestModels.copyOfTinyModel(tmp);
        Path config = model.resolve(ModelCheckpoint.CONFIG);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode tree = (ObjectNode) json.readTree(config.toFile());
        tree.put("writtenBy", "diffusion-nlp 9.9");
        ((ObjectNode) tree.get("model")).put("futureNote", "informational");
        ((ObjectNode) tree.get("training")).putObject("futureRecord").put("share", 0.5);
        json.writeValue(config.toFile(), tree);

        try (NDManager manager = NDManager.newBaseManager()) {
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.load(model, manager);
            assertEquals(tree.get("model").get("vocabSize").asInt(), loaded.header().model().vocabSize());
            assertEquals(tree.get("training").get("step").asInt(), loaded.header().training().step());
            assertEquals(tree.get("training").get("sentimentLexiconShare").asDouble(),
                    loaded.header().training().sentimentLexiconShare());
        }
    }
}
