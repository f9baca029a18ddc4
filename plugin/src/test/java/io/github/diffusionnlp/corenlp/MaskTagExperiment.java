package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.props;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.corpus.Upos;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (off unless {@code -Dexperiment.maskTag=true}): the UPOS tag CoreNLP's English {@code
 * pos} gives a masked word, against Brown's gold tag, two ways. Guessed: the tag the annotator read for the mask
 * before {@code syntax=keep} retagged filled words, that of the {@code MASK} piece the tokenizer split off
 * {@code [MASK]} ({@code [} {@code MASK} {@code ]}, which {@link DocumentEditor#joinMasks} joins, keeping that
 * piece's tag), the sentence read as text by {@code tokenize,ssplit,pos} under the plugin tests' settings. After
 * filling: the tag {@link PipelineTagger#tags} gives the filled word, the words through {@link TokenizerWords#word},
 * as {@code ConfiguredAnnotator} calls it under {@code syntax=keep}. The 600 held-out Brown sentences (3 to 64
 * words), one non-punctuation word masked in each, and the fill (shipped model, 32 steps, seed 0, temperature 1)
 * are those of the probe that measured OpenNLP's tagger (adapters/opennlp/README.md):
 *
 * <pre>
 * mvn -B -o -q -pl plugin -am test -Dtest=MaskTagExperiment -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dexperiment.maskTag=true [-Dexperiment.sentences=600]
 * </pre>
 */
@EnabledIfSystemProperty(named = "experiment.maskTag", matches = "true")
class MaskTagExperiment {
    @Test
    void tagAtTheMaskGuessedAndAfterFilling() throws Exception {
        int n = Integer.getInteger("experiment.sentences", 600);
        List<List<String>> masked = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (List<String[]> s : heldOut()) {
            if (masked.size() == n) {
                break;
            }
            if (s.size() < 3 || s.size() > 64) {
                continue;
            }
            List<Integer> words = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i)[1].equals("PUNCT")) {
                    words.add(i);
                }
            }
            if (words.isEmpty()) {
                continue;
            }
            int p = words.get(new Random(1000L + masked.size()).nextInt(words.size()));
            List<String> t = new ArrayList<>();
            for (String[] w : s) {
                t.add(w[0]);
            }
            t.set(p, DiffusionLM.MASK);
            masked.add(t);
            at.add(p);
            gold.add(s.get(p)[1]);
        }
        Properties props = props("tokenize,ssplit,pos", "ssplit.isOneSentence", "true");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        Annotator pos = PipelineTagger.of(props).get();
        TokenizerWords tokenizerWords = TokenizerWords.of(props);

        int guessed = 0;
        Map<String, Integer> guessedTags = new TreeMap<>();
        for (int i = 0; i < masked.size(); i++) {
            Annotation doc = new Annotation(String.join(" ", masked.get(i)));
            pipeline.annotate(doc);
            DocumentEditor.joinMasks(doc);
            CoreLabel mask = doc.get(CoreAnnotations.TokensAnnotation.class).stream()
                    .filter(t -> DiffusionLM.MASK.equals(t.word())).findFirst().orElseThrow();
            Upos u = PtbToUpos.of(mask.word(), mask.tag());
            guessedTags.merge(mask.tag() + "=" + u, 1, Integer::sum);
            if (u != null && u.name().equals(gold.get(i))) {
                guessed++;
            }
        }
        System.out.printf("sentences %d; guessed at the mask: %d matched (%.1f%%); tags read %s%n", masked.size(),
                guessed, 100.0 * guessed / masked.size(), guessedTags);

        try (DiffusionLM lm = DiffusionLM.builder().optModel(TestModels.shippedModel()).build()) {
            SamplingOptions options = SamplingOptions.builder().steps(32).seed(0).batchSize(32).temperature(1.0)
                    .build();
            List<List<String>> filled = lm.infillAll(masked, options);
            int ok = 0;
            for (int i = 0; i < masked.size(); i++) {
                List<Upos> tags = PipelineTagger.tags(pos, filled.get(i).stream().map(tokenizerWords::word).toList());
                if (tags.get(at.get(i)).name().equals(gold.get(i))) {
                    ok++;
                }
            }
            System.out.printf("after filling (32 steps, seed 0, temperature 1): %d matched (%.1f%%)%n", ok,
                    100.0 * ok / masked.size());
        }
    }

    /** The held-out Brown sentences as {@code word, UPOS} pairs, read as the OpenNLP probe read them. */
    private static List<List<String[]>> heldOut() throws Exception {
        Path file = TestModels.root().resolve("test-data/brown/heldout.conllu.gz");
        List<List<String[]>> sents = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            List<String[]> cur = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    if (!cur.isEmpty()) {
                        sents.add(cur);
                    }
                    cur = new ArrayList<>();
                    continue;
                }
                String[] f = line.split("\t");
                cur.add(new String[] {f[0], f[1]});
            }
            if (!cur.isEmpty()) {
                sents.add(cur);
            }
        }
        return sents;
    }
}
