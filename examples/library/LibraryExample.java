// The plain-library API of diffusion-nlp in one file: the README's "Library" section, runnable.
// From the repository root, after `mvn -B -q package -DskipTests`, run it with Java's single-file
// launcher (under a minute on a 2-core CPU):
//
//   java --enable-native-access=ALL-UNNAMED -cp "core/target/diffusion-nlp.jar:core/target/lib/*" examples/library/LibraryExample.java [MODEL_DIR]
//
// (MODEL_DIR: another model than the shipped one; one trained on untagged text skips the POS templates.)
// The shipped model fills masks, rewrites, generates (free, under a sentiment and a POS template,
// best of 16, with lexical constraints), reads a sentence's sentiment, and is steered by a
// plug-and-play scorer of its noisy embeddings (the AFINN lexicon read through the model's embedding table).

import ai.djl.Device;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.model.Sentiment;
import io.github.diffusionnlp.sample.PlugAndPlay;
import io.github.diffusionnlp.steer.LexiconSentimentScorer;
import java.nio.file.Path;
import java.util.List;

public class LibraryExample {
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
        List<List<String>> sentences = List.of(
                List.of("The", "committee", "said", "on", "Friday", "that", "the", "report", "was", "late", "."),
                List.of("He", "went", "to", "the", "city", "to", "see", "his", "brother", "."));
        try (DiffusionLM lm = DiffusionLM.builder()
                .optModel(args.length > 0 ? Path.of(args[0]) : null) // a model directory; null: the shipped model
                .optDevice(Device.cpu())
                .build()) {
            // No temperature set: infill takes the most likely words, generate and rewrite sample.
            SamplingOptions options = SamplingOptions.builder().steps(16).seed(7).batchSize(32).build();
            show("infill", lm.infill(List.of("The", "[MASK]", "was", "late", "."), options));
            System.out.println("suggest: " + lm.suggest(List.of("The", "[MASK]", "was", "late", "."), 5).get(0));
            show("infill, fused with a trigram", lm.infill(
                    List.of("Scientists", "often", "turn", "[MASK]", "to", "be", "odd", "."),
                    options.toBuilder().ngramWeight(0.7).build()));
            boolean[] keep = {true, false, false, false, true}; // tokens that stay verbatim
            show("rewrite", lm.rewrite(List.of("The", "dog", "was", "late", "."), keep, 0.6, options));
            lm.generate(2, options.toBuilder().length(12).build()).forEach(s -> show("generate", s));

            generateTemplated(lm, options);
            List<boolean[]> keepNouns = List.of(
                    new boolean[] {false, true, false, false, true, false, false, true, false, false, true},
                    new boolean[] {false, false, false, false, true, false, false, false, true, true});
            lm.rewriteAll(sentences, keepNouns, 0.7, Constraints.none().withSentiment(Sentiment.NEGATIVE), options)
                    .forEach(s -> show("rewrite toward negative", s));
            System.out.println("the model's own reading of 'A fine day .': "
                    + lm.sentimentPosterior(List.of("A", "fine", "day", "."), 1));

            // Plug-and-play guidance: a differentiable scorer of the noisy embeddings steers sampling.
            try (LexiconSentimentScorer lexicon = LexiconSentimentScorer.of(lm)) {
                Constraints steer = Constraints.none()
                        .withSteering(PlugAndPlay.of(lexicon.toward(Sentiment.POSITIVE), 1));
                lm.generate(2, steer, options.toBuilder().length(10).build()).forEach(s -> show("steered", s));
            }
        }
    }

    /** Sentences under a sentiment and a POS template: plainly, best of 16, and with lexical constraints. */
    static void generateTemplated(DiffusionLM lm, SamplingOptions options) {
        // A model trained on untagged text (plain text: every tag X) refuses a template rather than ignore it.
        if (!lm.followsTemplates()) {
            System.out.println("positive, templated: skipped: this model was trained on untagged text, so it cannot"
                    + " follow a POS template (train it on word<TAB>UPOS or CoNLL-U data for that)");
            return;
        }
        Constraints c = Constraints.none().withSentiment(Sentiment.POSITIVE)
                .withTemplate(Constraints.parseTemplate("DET ADJ NOUN VERB ADV PUNCT")).withGuidance(2);
        lm.generate(2, c, options).forEach(s -> show("positive, templated", s));
        lm.generate(2, c.withGuidance(3).withCandidates(16), options).forEach(s -> show("best of 16", s));
        lm.generate(2, c.withLexical(true), options).forEach(s -> show("lexical", s));
    }

    private static void show(String what, List<String> tokens) {
        System.out.println(what + ": " + String.join(" ", tokens));
    }
}
