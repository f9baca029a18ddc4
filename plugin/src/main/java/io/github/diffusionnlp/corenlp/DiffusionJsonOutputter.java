package io.github.diffusionnlp.corenlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.JSONOutputter;
import edu.stanford.nlp.util.CoreMap;
import io.github.diffusionnlp.api.Suggestion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.List;

/**
 * CoreNLP's JSON output plus this plugin's keys, for {@code outputFormat=custom} and
 * {@code customOutputter=io.github.diffusionnlp.corenlp.DiffusionJsonOutputter}: each touched sentence gets
 * {@code "diffusion": {"text", "originalText", "windows", "generated"}}, each written token
 * {@code "diffusionWord"} and {@code "diffusionOriginalWord"} (and, with {@code suggestions}, {@code
 * "diffusionSuggestions": [{"word", "probability"}, ...]}, best first), the document {@code "diffusionGenerated"}.
 * CoreNLP's own JSON (and text) outputters print a fixed set of keys; with {@code replace=true} the results
 * are in those keys anyway (the tokens and text are the new ones), with {@code replace=false} only here.
 */
public class DiffusionJsonOutputter extends JSONOutputter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void print(Annotation doc, OutputStream target, Options options) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        super.print(doc, plain, options);
        Charset charset = Charset.forName(options.encoding);
        ObjectNode root = (ObjectNode) MAPPER.readTree(plain.toString(charset));
        List<String> generated = doc.get(DiffusionAnnotations.GeneratedSentences.class);
        if (generated != null) {
            ArrayNode g = root.putArray("diffusionGenerated");
            generated.forEach(g::add);
        }
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        JsonNode jsonSentences = root.get("sentences");
        if (sentences != null && jsonSentences != null) {
            for (int s = 0; s < sentences.size() && s < jsonSentences.size(); s++) {
                CoreMap sentence = sentences.get(s);
                ObjectNode js = (ObjectNode) jsonSentences.get(s);
                if (sentence.get(DiffusionAnnotations.Text.class) != null) {
                    ObjectNode d = js.putObject("diffusion");
                    d.put("text", sentence.get(DiffusionAnnotations.Text.class));
                    if (sentence.get(DiffusionAnnotations.OriginalText.class) != null) {
                        d.put("originalText", sentence.get(DiffusionAnnotations.OriginalText.class));
                    }
                    if (sentence.get(DiffusionAnnotations.Windows.class) != null) {
                        d.put("windows", sentence.get(DiffusionAnnotations.Windows.class));
                    }
                    d.put("generated", Boolean.TRUE.equals(sentence.get(DiffusionAnnotations.Generated.class)));
                }
                List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
                JsonNode jsonTokens = js.get("tokens");
                for (int i = 0; tokens != null && jsonTokens != null && i < tokens.size()
                        && i < jsonTokens.size(); i++) {
                    CoreLabel t = tokens.get(i);
                    ObjectNode jt = (ObjectNode) jsonTokens.get(i);
                    if (t.get(DiffusionAnnotations.Word.class) != null) {
                        jt.put("diffusionWord", t.get(DiffusionAnnotations.Word.class));
                    }
                    if (t.get(DiffusionAnnotations.OriginalWord.class) != null) {
                        jt.put("diffusionOriginalWord", t.get(DiffusionAnnotations.OriginalWord.class));
                    }
                    if (t.get(DiffusionAnnotations.Suggestions.class) != null) {
                        ArrayNode alternatives = jt.putArray("diffusionSuggestions");
                        for (Suggestion x : t.get(DiffusionAnnotations.Suggestions.class)) {
                            alternatives.addObject().put("word", x.word()).put("probability", x.probability());
                        }
                    }
                }
            }
        }
        byte[] out = (options.pretty ? MAPPER.writerWithDefaultPrettyPrinter() : MAPPER.writer())
                .writeValueAsString(root).getBytes(charset);
        target.write(out);
        target.flush();
    }
}
