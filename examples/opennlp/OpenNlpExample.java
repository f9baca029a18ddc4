// The OpenNLP-style API of diffusion-nlp in one file. From the repository root, after
// `mvn -B -q package -DskipTests`, run it with Java's single-file launcher:
//
//   java --enable-native-access=ALL-UNNAMED -cp "adapters/opennlp/target/diffusion-nlp-opennlp.jar:adapters/opennlp/target/lib/*" \
//        examples/opennlp/OpenNlpExample.java
//
// Sentences and tokens come from OpenNLP's own SentenceDetectorME and TokenizerME (the English
// models of Maven Central, on the classpath); the shipped diffusion model fills the masks, rewrites
// sentences around the nouns and proper nouns (UPOS tags from OpenNLP's POSTaggerME), writes new
// sentences, and does both under a sentiment and a POS template.

import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.opennlp.ConstraintSpec;
import io.github.diffusionnlp.opennlp.DiffusionDetokenizer;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.EnglishText;
import io.github.diffusionnlp.opennlp.GeneratorME;
import io.github.diffusionnlp.opennlp.InfillerME;
import io.github.diffusionnlp.opennlp.KeepSpec;
import io.github.diffusionnlp.opennlp.RewriterME;
import java.io.InputStream;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

public class OpenNlpExample {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true"); // the PyTorch natives ship in lib/: never download
        // DJL's start-up notes hidden: a few INFO lines and, on a machine without a GPU,
        // "WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU count", which is no error (the model runs on
        // the CPU). Set before DJL logs its first line. This is a setting of slf4j-simple, the SLF4J binding in
        // lib/; with logback or log4j, set the logger ai.djl to ERROR in their configuration instead
        // (docs/library.md). -Dorg.slf4j.simpleLogger.log.ai.djl=info on the command line shows them again.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
        SentenceDetectorME sentences;
        TokenizerME tokenizer;
        try (InputStream s = OpenNlpExample.class.getResourceAsStream("/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin");
             InputStream t = OpenNlpExample.class.getResourceAsStream("/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")) {
            sentences = new SentenceDetectorME(new SentenceModel(s));
            tokenizer = new TokenizerME(new TokenizerModel(t));
        }

        try (DiffusionModel model = DiffusionModel.loadDefault()) {    // or DiffusionModel.load(Path.of(dirOrBin))
            // an OpenNLP Detokenizer for the model's words, as the tools' -detokenize: the module's English rules
            // (Detokenizers.fromDictionary(path) reads a dictionary of another language: new DiffusionDetokenizer(it)),
            // and the model's Brown quotes `` and '' written as the " a user types (a plain DictionaryDetokenizer
            // leaves them: grain''.)
            DiffusionDetokenizer detokenizer = DiffusionDetokenizer.forModel(model);
            SamplingOptions options = SamplingOptions.builder().steps(16).seed(7).build();
            InfillerME infiller = new InfillerME(model, options);          // thread-safe: share it
            // strength 0.7 in (0, 1]; keep nouns and proper nouns verbatim (or token indexes: "0,3")
            RewriterME rewriter = new RewriterME(model, options, 0.7, KeepSpec.parse("NOUN,PROPN"));

            String text = "The committee met on Monday. The chairman said that the report was late.";
            for (String sentence : sentences.sentDetect(text)) {
                String[] tokens = tokenizer.tokenize(sentence);
                // replace tokens 1..2 ("committee met" / "chairman said") with new words
                String[] filled = infiller.infill(tokens, new Span(1, 3));
                // with the tokens given beside it, a `` or '' the user wrote is written back as it was
                System.out.println(String.join(" ", tokens) + "  ->  " + detokenizer.detokenize(filled, tokens, null));
                String[] rewritten = rewriter.rewrite(tokens);             // same length, nouns kept
                System.out.println(String.join(" ", tokens) + "  =>  "
                        + detokenizer.detokenize(rewritten, tokens, null));
            }

            // [MASK] tokens to fill: TokenizerME splits "[MASK]" into "[ MASK ]", three words that are not filled
            // (the log warns); EnglishText's tokenizer, the same model, keeps the mask whole
            String[] masked = EnglishText.get().tokenize("The [MASK] met on Monday.");
            System.out.println(String.join(" ", masked) + "  ->  "
                    + detokenizer.detokenize(infiller.infill(masked), null));
            // the mask's three likeliest words with their probabilities (fill-mask), instead of one filled word
            System.out.println(java.util.Arrays.toString(infiller.suggest(masked, 3)[0]));

            GeneratorME generator = new GeneratorME(model, options);
            for (String[] s : generator.generate(3, 12)) {                 // three sentences of twelve tokens
                System.out.println(detokenizer.detokenize(s, null));
            }

            // constraints: a sentiment and a POS template (UPOS tags; its length is the result's length)
            ConstraintSpec positive = ConstraintSpec.NONE.withSentiment("positive")
                    .parseTemplate("DET ADJ NOUN VERB ADV PUNCT");
            for (String[] s : new GeneratorME(model, options, positive).generate(2)) {   // six tokens each
                System.out.println("positive: " + detokenizer.detokenize(s, null));
            }
            // a rewrite to a sentiment keeping each sentence's own tags (POSTaggerME) and its proper nouns
            RewriterME negative = new RewriterME(model, options, 0.8, KeepSpec.parse("PROPN"),
                    ConstraintSpec.NONE.withSentiment("negative").withInputTemplate().withGuidance(2));
            String[] tokens = tokenizer.tokenize("The committee met on Monday in Boston.");
            System.out.println("negative: " + detokenizer.detokenize(negative.rewrite(tokens), null));
        }
    }
}
