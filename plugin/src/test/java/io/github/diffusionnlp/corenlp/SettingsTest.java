package io.github.diffusionnlp.corenlp;

import static io.github.diffusionnlp.corenlp.Pipelines.annotate;
import static io.github.diffusionnlp.corenlp.Pipelines.props;
import static io.github.diffusionnlp.corenlp.Pipelines.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.TestModels;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.TaggedCorpus;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.model.Precision;
import io.github.diffusionnlp.model.Sentiment;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Property checking at construction, requirements per task, the shared model. */
class SettingsTest {

    /**
     * Builds a pipeline that must fail; returns the message of the annotator's error, which the jar's main
     * prints alone instead of CoreNLP's wrapped stack trace.
     */
    static String failure(String annotators, String... pairs) {
        Throwable t = assertThrows(RuntimeException.class, () -> new StanfordCoreNLP(props(annotators, pairs)));
        Throwable ours = DiffusionCoreNLP.annotatorError(t);
        assertNotNull(ours, "no annotator error among the causes of " + t);
        return ours.getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' not in: " + message);
        }
    }

    /**
     * A path Java cannot take (a NUL here; under {@code LANG=C}, any non-ASCII name) is a bad value of its property:
     * it escaped as CoreNLP's reflection stack trace (an HTTP 500 from the server) with InvalidPathException at its root.
     */
    @Test
    void aPathJavaCannotTakeIsABadValue() {
        String pipe = "tokenize,ssplit,diffusion";
        // the value quoted with its NUL shown (Visible), as the other front ends quote values
        assertMentions(failure(pipe, "diffusion.model", "bad\u0000dir"), "bad diffusion.model = 'bad<U+0000>dir'",
                "a model directory", "Nul character not allowed");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "0.5", "diffusion.ngramCorpus", "bad\u0000file"),
                "bad diffusion.ngramCorpus = 'bad<U+0000>file'", "a readable corpus file", "Nul character not allowed");
    }

    /**
     * Java's Integer.parseInt reads any script's digits: diffusion.steps = ٣ (Arabic-Indic) and diffusion.seed = ３
     * (full-width) ran as 3. ASCII digits only, as the CLI and the OpenNLP tools read them, naming property and value
     * (a hidden character in it shown).
     */
    @Test
    void wholeNumbersInOtherDigitsAreRefused() {
        String pipe = "tokenize,ssplit,diffusion";
        String ascii = ", in ASCII digits (0-9)";
        assertEquals("annotator \"diffusion\": bad diffusion.steps = '\u0663'; allowed: "
                + SamplingRange.STEPS.allowed() + ascii, failure(pipe, "diffusion.steps", "\u0663"));
        assertEquals("annotator \"diffusion\": bad diffusion.seed = '\uFF13'; allowed: an integer (a 64-bit seed)"
                + ascii, failure(pipe, "diffusion.seed", "\uFF13"));
        assertEquals("annotator \"diffusion\": bad diffusion.batchSize = '1\u0660<U+200F>'; allowed: "
                + SamplingRange.BATCH_SIZE.allowed() + ascii, failure(pipe, "diffusion.batchSize", "1\u0660\u200F"));
        assertMentions(failure(pipe, "diffusion.candidates", "\u0662", "diffusion.sentiment", "positive"),
                "bad diffusion.candidates = '\u0662'", ascii);
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.count", "\u0968"),
                "bad diffusion.count = '\u0968'", ascii);
        assertMentions(failure(pipe, "diffusion.suggestions", "\uFF15"), "bad diffusion.suggestions = '\uFF15'",
                ascii);
        // a value in ASCII digits is read as before, and a mistake of another kind says nothing of digits
        assertFalse(failure(pipe, "diffusion.steps", "many").contains("ASCII"));
        assertFalse(failure(pipe, "diffusion.guidance", "2x", "diffusion.sentiment", "positive").contains("ASCII"));
    }

    @Test
    void badValuesNameThePropertyTheValueAndWhatIsAllowed() {
        String pipe = "tokenize,ssplit,diffusion";
        assertMentions(failure(pipe, "diffusion.task", "summarise"), "diffusion.task", "summarise",
                "infill, rewrite or generate");
        // a misspelt property is named with the one it most likely meant
        assertMentions(failure(pipe, "diffusion.stepz", "4"), "bad diffusion.stepz = '4'",
                "did you mean diffusion.steps?", "a known property: diffusion.model");
        assertMentions(failure(pipe, "diffusion.batchsize", "4"), "did you mean diffusion.batchSize?");
        assertMentions(failure(pipe, "diffusion.sentimnet", "positive"), "did you mean diffusion.sentiment?");
        assertTrue(!failure(pipe, "diffusion.colour", "red").contains("did you mean"), "nothing near: no guess");
        assertMentions(failure(pipe, "diffusion.steps", "0"), "diffusion.steps", "'0'", "from 1 to 10000");
        assertMentions(failure(pipe, "diffusion.steps", "many"), "diffusion.steps", "many");
        assertMentions(failure(pipe, "diffusion.seed", "x1"), "diffusion.seed", "x1", "integer");
        assertMentions(failure(pipe, "diffusion.batchSize", "-3"), "diffusion.batchSize", "-3");
        assertMentions(failure(pipe, "diffusion.temperature", "2"), "diffusion.temperature", "[0, 1]");
        assertMentions(failure(pipe, "diffusion.x0Temperature", "-1"), "diffusion.x0Temperature", "-1", ">= 0");
        assertMentions(failure(pipe, "diffusion.x0Temperature", "NaN"), "diffusion.x0Temperature", "NaN", ">= 0");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "-1"), "diffusion.ngramWeight", "-1", "0 to 100");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "1e39"), "diffusion.ngramWeight", "1e39", "0 to 100");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "0.7", "diffusion.ngramCorpus", "no/such.conllu"),
                "diffusion.ngramCorpus", "no/such.conllu", "readable corpus file");
        assertMentions(failure(pipe, "diffusion.ngramCorpus", "test-data/brown/train.conllu.gz"),
                "diffusion.ngramCorpus", "only with diffusion.ngramWeight above 0");
        for (String s : List.of("0", "1.5", "NaN", "strong")) {
            assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.strength", s),
                    "bad diffusion.strength = '" + s + "'; allowed: a number in (0, 1] (more than 0, at most 1)");
        }
        assertMentions(failure(pipe, "diffusion.replace", "yes"), "diffusion.replace", "yes", "true or false");
        assertMentions(failure(pipe, "diffusion.device", "tpu"), "diffusion.device", "tpu", "cpu, gpu or gpu:N");
        assertMentions(failure(pipe, "diffusion.precision", "fp8"), "diffusion.precision", "'fp8'", "fp32 or fp16");
        assertMentions(failure(pipe, "diffusion.precision", "bf16"), "diffusion.precision", "'bf16'", "fp32 or fp16",
                "bfloat16");
        // the allowed values once: core's own reason names them too
        for (String[] bad : List.of(new String[] {"diffusion.precision", "bf16"},
                new String[] {"diffusion.precision", "fp8"}, new String[] {"diffusion.device", "cuda"})) {
            String message = failure(pipe, bad[0], bad[1]);
            assertEquals(message.indexOf("allowed:"), message.lastIndexOf("allowed:"), message);
        }
        assertMentions(failure(pipe, "diffusion.model", "/no/such/model"), "diffusion.model", "/no/such/model",
                "does not exist");
        // a properties file reaches Java as written: ~ is not expanded, and the message says so
        assertMentions(failure(pipe, "diffusion.model", "~/no/such/model"), "does not exist",
                "Java does not expand ~");
        assertMentions(failure(pipe, "diffusion.keep", "1,NOUNS"), "diffusion.keep", "NOUNS", "UPOS", "PROPN");
        assertMentions(failure(pipe, "diffusion.keep", "0"), "diffusion.keep", "from 1");
        // past int's range: "allowed: an integer" said nothing of what was wrong with an integer
        assertMentions(failure(pipe, "diffusion.keep", "99999999999"), "diffusion.keep", "'99999999999'",
                "token indexes from 1 (CoreNLP's index of a sentence's first token) up to the sentence's token count");
        assertMentions(failure(pipe, "diffusion.mask", "ner"), "diffusion.mask", "ner:CLASS");
        assertMentions(failure(pipe, "diffusion.mask", "pos:ADJECTIVE"), "diffusion.mask", "ADJECTIVE", "ADJ");
        assertMentions(failure(pipe, "diffusion.mask", "lemma:be"), "diffusion.mask", "lemma:be", "ner:", "pos:");
        assertMentions(failure(pipe, "diffusion.steeps", "4"), "diffusion.steeps", "diffusion.steps");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.length", "65"), "diffusion.length",
                "'65'", "0 (a free length) to 64");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.length", "-1"), "diffusion.length",
                "'-1'", "0 (a free length) to the model's length");
        // the one cap the command line's --count and OpenNLP's -count lack: the annotator holds every sentence
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.count", "10001"), "diffusion.count",
                "'10001'", "from 0 to 10000", "held in the document", "generate --count", "Generate -count");
        // a property of another task is an error, not ignored
        assertMentions(failure(pipe, "diffusion.count", "3"), "diffusion.count", "task=generate");
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.mask", "pos:ADJ"), "diffusion.mask",
                "task=infill");
        assertMentions(failure(pipe, "diffusion.strength", "0.5"), "diffusion.strength", "task=rewrite");
    }

    /**
     * Properties given as {@code new Properties(defaults)} (how CoreNLP's own code layers them) were partly
     * ignored: containsKey does not see the defaults, so a temperature there read as unset and a strength with
     * task=infill was accepted. getProperty sees them.
     */
    @Test
    void propertiesInTheDefaultsAreReadAndChecked() {
        Properties defaults = new Properties();
        defaults.setProperty("diffusion.temperature", "0.3");
        defaults.setProperty("diffusion.task", "rewrite");
        defaults.setProperty("diffusion.strength", "0.9");
        DiffusionSettings s = DiffusionSettings.read("diffusion", new Properties(defaults));
        assertEquals(0.3, s.temperature);
        assertEquals(0.9, s.strength);

        defaults.setProperty("diffusion.task", "infill");
        Throwable e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionSettings.read("diffusion", new Properties(defaults)));
        assertMentions(e.getMessage(), "diffusion.strength", "only with diffusion.task=rewrite");
    }

    /**
     * A misspelt annotator prefix was another annotator's property to CoreNLP and nobody's: the user got the
     * defaults silently.
     */
    @Test
    void aMisspeltAnnotatorPrefixIsToldTheOneItMeant() {
        String pipe = "tokenize,ssplit,diffusion";
        assertEquals("annotator \"diffusion\": bad difusion.steps = '8'; allowed: did you mean diffusion.steps?"
                + " ('difusion' is not an annotator of this pipeline)",
                failure(pipe, "diffusion.seed", "1301", "difusion.steps", "8"));
        assertMentions(failure(pipe, "diffusion.seed", "1302", "Diffusion.task", "rewrite"),
                "bad Diffusion.task = 'rewrite'", "did you mean diffusion.task?");
        assertMentions(failure(pipe, "diffusion.seed", "1303", "diffsuion.mask", "pos:ADJ"),
                "did you mean diffusion.mask?");
        // a custom name is the name compared with
        Properties custom = props("tokenize,ssplit,rewriter", "customAnnotatorClass.rewriter",
                DiffusionAnnotator.class.getName(), "rewriter.task", "rewrite", "rewriter.seed", "1304",
                "rewritr.strength", "0.3");
        Throwable t = assertThrows(RuntimeException.class, () -> new StanfordCoreNLP(custom));
        assertMentions(DiffusionCoreNLP.annotatorError(t).getMessage(), "annotator \"rewriter\": bad rewritr.strength",
                "did you mean rewriter.strength?");
    }

    /**
     * An annotator given another name ({@code customAnnotatorClass.rw}) read its own {@code rw.*} and nobody read the
     * {@code diffusion.*} of every example: a request or file that renamed the annotator and kept
     * {@code diffusion.task = rewrite} got an infill at the defaults, silently (answered 200 by the server), as
     * {@code diffusion} is more than two edits from {@code rw}.
     */
    @Test
    void theUsualPrefixUnderAnotherNameIsToldTheOneItMeant() {
        Throwable t = assertThrows(RuntimeException.class,
                () -> new StanfordCoreNLP(renamed("1306", "diffusion.task", "rewrite")));
        assertEquals("annotator \"rw\": bad diffusion.task = 'rewrite'; allowed: did you mean rw.task? ('diffusion'"
                + " is not an annotator of this pipeline)", DiffusionCoreNLP.annotatorError(t).getMessage());
        // misspelt too, in any case
        t = assertThrows(RuntimeException.class, () -> new StanfordCoreNLP(renamed("1307", "Difusion.steps", "8")));
        assertMentions(DiffusionCoreNLP.annotatorError(t).getMessage(), "bad Difusion.steps = '8'",
                "did you mean rw.steps?");
        // where diffusion is an annotator of the pipeline, or registered, its properties are its own
        Properties both = renamed("1308", "diffusion.seed", "1309", "diffusion.steps", "1",
                "customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName());
        new StanfordCoreNLP(both);
        both.setProperty("annotators", "tokenize,ssplit,rw,diffusion");
        new StanfordCoreNLP(both);
    }

    /**
     * The jar's server and command line register this annotator as {@code diffusion} where the user did not
     * ({@code DefaultRegistrationTest}), so that registration, which CoreNLP hands every pipeline with the rest, says
     * nothing of the user's annotators: counted as one, it silenced the renamed annotator's check again. Another
     * class registered as {@code diffusion} is still that annotator's, and ours where the pipeline runs it.
     */
    @Test
    void theJarsDefaultRegistrationIsNotAnAnnotatorOfAPipelineThatDoesNotRunIt() {
        Properties registered = renamed("1314", "diffusion.task", "rewrite", "customAnnotatorClass.diffusion",
                DiffusionAnnotator.class.getName(), "diffusionnlp.registeredByDefault", "true");
        Throwable t = assertThrows(RuntimeException.class, () -> new StanfordCoreNLP(registered));
        assertEquals("annotator \"rw\": bad diffusion.task = 'rewrite'; allowed: did you mean rw.task? ('diffusion'"
                + " is not an annotator of this pipeline)", DiffusionCoreNLP.annotatorError(t).getMessage());
        new StanfordCoreNLP(renamed("1315", "diffusion.task", "rewrite", "customAnnotatorClass.diffusion",
                "org.example.TheirAnnotator", "diffusionnlp.registeredByDefault", "true"));
        Properties run = renamed("1316", "diffusion.seed", "1317", "diffusion.steps", "1",
                "customAnnotatorClass.diffusion", DiffusionAnnotator.class.getName(), "diffusionnlp.registeredByDefault",
                "true");
        run.setProperty("annotators", "tokenize,ssplit,rw,diffusion");
        new StanfordCoreNLP(run);
    }

    /** {@code tokenize,ssplit,rw}, {@code rw} our annotator at one step and {@code seed}, and {@code pairs}. */
    private static Properties renamed(String seed, String... pairs) {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,rw");
        p.setProperty("customAnnotatorClass.rw", DiffusionAnnotator.class.getName());
        p.setProperty("rw.steps", "1");
        p.setProperty("rw.seed", seed);
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    /**
     * The check runs for every pipeline: CoreNLP handed a pipeline whose {@code diffusion.*} properties equal an
     * earlier pipeline's that pipeline's annotator, made and checked without the misspelt key, and the user got the
     * defaults silently.
     */
    @Test
    void aMisspeltPrefixIsToldAfterAPipelineWithTheSameDiffusionProperties() {
        new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.seed", "1305"));
        assertMentions(failure("tokenize,ssplit,diffusion", "diffusion.seed", "1305", "difusion.steps", "8"),
                "bad difusion.steps = '8'", "did you mean diffusion.steps?");
    }

    /** What is near the name but another annotator's, or not one of our properties, is left alone. */
    @Test
    void prefixesOfOtherAnnotatorsAreNotTakenForMisspellings() {
        // a second diffusion annotator in the pipeline, and one registered but not run
        new StanfordCoreNLP(props("tokenize,ssplit,diffusion,diffusion2", "diffusion.seed", "1311",
                "customAnnotatorClass.diffusion2", DiffusionAnnotator.class.getName(), "diffusion2.seed", "1312",
                "customAnnotatorClass.diffusion3", DiffusionAnnotator.class.getName(), "diffusion3.steps", "2"));
        // the rest is not one of our properties: someone else's key that happens to look like our name
        new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.seed", "1313", "difusion.colour", "red"));
    }

    /**
     * With task=infill, which refuses diffusion.syntax, guidance and lexical alone name only diffusion.sentiment, as
     * core's infill names only --sentiment: they said "only with diffusion.sentiment or diffusion.syntax".
     */
    @Test
    void infillGuidanceOrLexicalAloneNameOnlyTheSentiment() {
        String pipe = "tokenize,ssplit,diffusion";
        String guidance = failure(pipe, "diffusion.guidance", "2");
        assertMentions(guidance, "bad diffusion.guidance = '2'; allowed: only with diffusion.sentiment (");
        assertFalse(guidance.contains("syntax"), guidance);
        String lexical = failure(pipe, "diffusion.lexical", "true");
        assertMentions(lexical, "bad diffusion.lexical = 'true'; allowed: only with diffusion.sentiment (");
        assertFalse(lexical.contains("syntax"), lexical);
    }

    @Test
    void badSentimentSyntaxAndGuidanceFailAtConstruction() {
        String pipe = "tokenize,ssplit,diffusion";
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.sentiment", "happy"),
                "diffusion.sentiment", "'happy'", "negative, neutral or positive");
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.sentiment", "very positive"),
                "diffusion.sentiment", "'very positive'", "negative, neutral or positive");
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.syntax", "DET NOUNN"),
                "diffusion.syntax", "'DET NOUNN'", "'NOUNN' is not one", "keep", "PROPN");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.syntax", " , "),
                "diffusion.syntax", "UPOS");
        for (String w : List.of("-1", "strong", "NaN", "Infinity", "101")) {
            assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.sentiment", "positive",
                    "diffusion.guidance", w), "bad diffusion.guidance = '" + w + "'; allowed: a number from 0 to 100 (0"
                    + " ignores the constraints, 1 conditions plainly, above 1 pushes harder)");
        }
        // nothing is ignored silently: guidance needs something to guide, syntax a task it applies to
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.guidance", "2"), "diffusion.guidance",
                "only with diffusion.sentiment or diffusion.syntax");
        assertMentions(failure(pipe, "diffusion.syntax", "DET NOUN"), "diffusion.syntax", "task=rewrite or generate");
        assertMentions(failure("tokenize,ssplit,pos,diffusion", "diffusion.task", "generate", "diffusion.syntax",
                "keep"), "diffusion.syntax", "'keep' only with diffusion.task=rewrite");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.syntax", "DET NOUN VERB",
                "diffusion.length", "5"), "diffusion.length", "'5'", "3 tags");
        for (String k : List.of("0", "65", "2.0", "many")) {
            assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.sentiment", "positive",
                    "diffusion.candidates", k), "bad diffusion.candidates = '" + k + "'; allowed: a whole number from 1"
                    + " to 64");
        }
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.candidates", "4"),
                "diffusion.candidates", "'4'", "only with diffusion.sentiment");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.lexical", "true"),
                "diffusion.lexical", "only with diffusion.sentiment or diffusion.syntax");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.sentiment", "neutral",
                "diffusion.lexical", "yes"), "diffusion.lexical", "'yes'");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.sentiment", "positive",
                "diffusion.guidance", "3", "diffusion.unguidedLength", "maybe"), "diffusion.unguidedLength", "'maybe'");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.sentiment", "positive",
                "diffusion.unguidedLength", "true"), "diffusion.unguidedLength", "guidance other than 1");
        assertMentions(failure(pipe, "diffusion.task", "generate", "diffusion.sentiment", "positive",
                "diffusion.guidance", "3", "diffusion.length", "7", "diffusion.unguidedLength", "true"),
                "diffusion.unguidedLength", "task=generate at a free length");
        assertMentions(failure(pipe, "diffusion.task", "rewrite", "diffusion.sentiment", "positive",
                "diffusion.guidance", "3", "diffusion.unguidedLength", "true"), "diffusion.unguidedLength",
                "task=generate at a free length");
        String tooLong = String.join(" ", java.util.Collections.nCopies(65, "NOUN"));
        // generate's alone since rewrite takes it for a sentence of its length: 'keep' is no way out for generate
        String longForGenerate = failure(pipe, "diffusion.task", "generate", "diffusion.syntax", tooLong);
        assertMentions(longForGenerate, "diffusion.syntax", "allowed: a template of 1 to 64", "has 65");
        assertFalse(longForGenerate.contains("keep"), longForGenerate);
    }

    /**
     * syntax=keep with infill (the default task) was refused with generate's reason ("generate has no input
     * sentence to take tags from"), which says nothing to someone infilling: the reason is the given task's.
     */
    @Test
    void syntaxKeepIsRefusedWithTheReasonOfTheTaskGiven() {
        String infill = failure("tokenize,ssplit,pos,diffusion", "diffusion.syntax", "keep");
        assertMentions(infill, "diffusion.syntax", "'keep' only with diffusion.task=rewrite", "diffusion.mask=pos:UPOS");
        assertFalse(infill.contains("generate"), infill);
        assertMentions(failure("tokenize,ssplit,pos,diffusion", "diffusion.task", "generate", "diffusion.syntax",
                "keep"), "diffusion.syntax", "'keep' only with diffusion.task=rewrite", "no input sentence");
    }

    /** A model trained on plain text cannot follow diffusion.syntax: the pipeline says so as it is built. */
    @Test
    void anUntaggedModelRefusesSyntax() {
        String untagged = TestModels.untaggedTinyModel().toString();
        String because = "model " + untagged + " was trained without UPOS tags (its tag-lexicon.tsv holds only X), so it"
                + " cannot follow a POS template; train it on word<TAB>UPOS or CoNLL-U data";
        assertEquals("annotator \"diffusion\": diffusion.syntax = 'DET NOUN VERB': " + because,
                failure("tokenize,ssplit,diffusion", "diffusion.model", untagged, "diffusion.task", "generate",
                        "diffusion.syntax", "DET NOUN VERB"));
        assertEquals("annotator \"diffusion\": diffusion.syntax = 'keep': " + because,
                failure("tokenize,ssplit,pos,diffusion", "diffusion.model", untagged, "diffusion.task", "rewrite",
                        "diffusion.syntax", "keep"));
        Throwable thrown = assertThrows(RuntimeException.class, () -> new StanfordCoreNLP(props(
                "tokenize,ssplit,diffusion", "diffusion.model", untagged, "diffusion.task", "rewrite",
                "diffusion.syntax", "DET NOUN VERB")));
        assertTrue(DiffusionCoreNLP.annotatorError(thrown) instanceof IllegalArgumentException, thrown.toString());
    }

    /** CoreNLP's own check of the pipeline's order is printed by the jar's main as one line too. */
    @Test
    void aMissingRequirementIsAConfigurationError() {
        assertMentions(failure("tokenize,ssplit,diffusion", "diffusion.mask", "pos:ADJ"),
                "annotator \"diffusion\" requires annotation", "PartOfSpeechAnnotation");
    }

    /**
     * With {@code annotators = diffusion} alone (no {@code tokenize}), CoreNLP's check names the first of the
     * annotator's {@code requires()}, in their order, that no earlier annotator set: that was TextAnnotation, which
     * every document has, so the message named nothing the user could see missing. It names the tokens now.
     */
    @Test
    void aPipelineWithoutTokenizeIsToldItLacksTheTokens() {
        String tokens = "annotator \"diffusion\" requires annotation \"TokensAnnotation\". The usual requirements for"
                + " this annotator are: tokenize,ssplit";
        assertEquals(tokens, failure("diffusion"));
        assertEquals(tokens, failure("diffusion", "diffusion.task", "rewrite"));
        assertEquals(tokens, failure("diffusion", "diffusion.task", "generate", "diffusion.replace", "true"));
        assertEquals(tokens.replace("tokenize,ssplit", "tokenize,ssplit,pos"),
                failure("diffusion", "diffusion.mask", "pos:ADJ"));
    }

    /**
     * A template or keep list copied from a web page may hold no-break spaces; they separate its items as they
     * do in the library, the CLI and the OpenNLP tools (one splitter for all), rather than make "'DET NOUN' is
     * not one".
     */
    @Test
    void anyUnicodeSpaceSeparatesTheSyntaxTemplate() {
        DiffusionSettings s = DiffusionSettings.read("diffusion", props("x", "diffusion.task", "generate",
                "diffusion.syntax", "DET\u00a0ADJ,\u2009NOUN"));
        assertEquals(List.of(Upos.DET, Upos.ADJ, Upos.NOUN), s.constraints().template());
        DiffusionSettings keep = DiffusionSettings.read("diffusion", props("x", "diffusion.task", "rewrite",
                "diffusion.keep", "1,\u00a03 PROPN"));
        assertEquals(java.util.Set.of(1, 3), keep.keepIndexes);
        assertEquals(java.util.Set.of(Upos.PROPN), keep.keepUpos);
    }

    @Test
    void validSentimentSyntaxAndGuidanceBecomeCoreConstraints() {
        DiffusionSettings s = DiffusionSettings.read("diffusion", props("x", "diffusion.task", "rewrite",
                "diffusion.sentiment", "Positive", "diffusion.syntax", "det, adj NOUN", "diffusion.guidance", "2.5"));
        Constraints c = s.constraints();
        assertEquals(Sentiment.POSITIVE, c.sentiment());
        assertEquals(List.of(Upos.DET, Upos.ADJ, Upos.NOUN), c.template());
        assertEquals(2.5, c.guidance());
        assertEquals(1, c.candidates());
        assertFalse(c.lexical());
        assertEquals(1.0, s.x0Temperature, "the model's own estimate unless set");
        assertEquals(0.5, DiffusionSettings.read("diffusion", props("x", "diffusion.x0Temperature", "0.5")).x0Temperature);
        assertEquals(0.0, s.ngramWeight, "no n-gram fusion unless asked");
        assertFalse(s.unguidedLength, "guidance extrapolates the length unless asked");
        assertTrue(DiffusionSettings.read("diffusion", props("x", "diffusion.task", "generate", "diffusion.sentiment",
                "positive", "diffusion.guidance", "3", "diffusion.unguidedLength", "true")).unguidedLength);
        assertEquals(null, s.ngramCorpus, "the model's training corpus unless named");
        assertEquals(0.7, DiffusionSettings.read("diffusion", props("x", "diffusion.ngramWeight", "0.7")).ngramWeight);
        assertTrue(DiffusionSettings.read("diffusion", props("x", "diffusion.task", "generate",
                "diffusion.sentiment", "neutral", "diffusion.lexical", "TRUE")).constraints().lexical());
        assertEquals(8, DiffusionSettings.read("diffusion", props("x", "diffusion.task", "generate",
                "diffusion.sentiment", "negative", "diffusion.candidates", "8")).constraints().candidates());
        DiffusionSettings keep = DiffusionSettings.read("diffusion", props("x", "diffusion.task", "rewrite",
                "diffusion.syntax", "keep"));
        assertEquals(Constraints.none(), keep.constraints(), "per-sentence templates are added when annotating");
        assertEquals(List.of("tokenize", "ssplit", "pos"), keep.requiredAnnotators());
        // the pipeline builds: pos is there for syntax=keep
        new StanfordCoreNLP(props("tokenize,ssplit,pos,diffusion", "diffusion.task", "rewrite", "diffusion.syntax",
                "keep", "diffusion.sentiment", "negative", "diffusion.guidance", "0"));
        // without pos CoreNLP refuses it and names what is missing
        Properties p = props("tokenize,ssplit,diffusion", "diffusion.task", "rewrite", "diffusion.syntax", "keep");
        Throwable t = assertThrows(IllegalArgumentException.class, () -> new StanfordCoreNLP(p));
        assertMentions(t.getMessage(), "PartOfSpeechAnnotation", "tokenize,ssplit,pos");
    }

    @Test
    void requirementsArePerTask() {
        Set<Class<?>> tokens = Set.of(CoreAnnotations.TokensAnnotation.class, CoreAnnotations.SentencesAnnotation.class);
        DiffusionSettings infill = DiffusionSettings.read("diffusion", props("x"));
        assertTrue(infill.requires().containsAll(tokens));
        assertTrue(!infill.requires().contains(CoreAnnotations.PartOfSpeechAnnotation.class));
        assertEquals(List.of("tokenize", "ssplit"), infill.requiredAnnotators());

        DiffusionSettings pos = DiffusionSettings.read("diffusion", props("x", "diffusion.mask", "pos:ADJ"));
        assertTrue(pos.requires().contains(CoreAnnotations.PartOfSpeechAnnotation.class));
        assertTrue(!pos.requires().contains(CoreAnnotations.NamedEntityTagAnnotation.class));

        DiffusionSettings ner = DiffusionSettings.read("diffusion", props("x", "diffusion.mask", "ner:PERSON"));
        assertTrue(ner.requires().contains(CoreAnnotations.NamedEntityTagAnnotation.class));
        assertEquals(List.of("tokenize", "ssplit", "pos", "lemma", "ner"), ner.requiredAnnotators());

        DiffusionSettings keepUpos = DiffusionSettings.read("diffusion",
                props("x", "diffusion.task", "rewrite", "diffusion.keep", "NOUN"));
        assertTrue(keepUpos.requires().contains(CoreAnnotations.PartOfSpeechAnnotation.class));
        DiffusionSettings keepIndex = DiffusionSettings.read("diffusion",
                props("x", "diffusion.task", "rewrite", "diffusion.keep", "1,2"));
        assertTrue(!keepIndex.requires().contains(CoreAnnotations.PartOfSpeechAnnotation.class));
        DiffusionSettings syntaxKeep = DiffusionSettings.read("diffusion",
                props("x", "diffusion.task", "rewrite", "diffusion.syntax", "keep"));
        assertTrue(syntaxKeep.requires().contains(CoreAnnotations.PartOfSpeechAnnotation.class));

        DiffusionSettings generate = DiffusionSettings.read("diffusion",
                props("x", "diffusion.task", "generate", "diffusion.replace", "false"));
        assertEquals(Set.of(), generate.requires());
    }

    @Test
    void coreNlpChecksOurRequirements() {
        // pos:ADJ needs pos before it; CoreNLP refuses the pipeline and names what is missing
        Properties p = props("tokenize,ssplit,diffusion", "diffusion.mask", "pos:ADJ");
        Throwable t = assertThrows(IllegalArgumentException.class, () -> new StanfordCoreNLP(p));
        assertMentions(t.getMessage(), "diffusion", "PartOfSpeechAnnotation", "tokenize,ssplit,pos");
        Properties n = props("tokenize,ssplit,pos,diffusion", "diffusion.mask", "ner:PERSON");
        t = assertThrows(IllegalArgumentException.class, () -> new StanfordCoreNLP(n));
        assertMentions(t.getMessage(), "NamedEntityTagAnnotation", "ner");
    }

    @Test
    void ngramFusionNeedsACorpusAtConstruction(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        // the shipped model moved where its training corpus (named relative to the repository) is not found
        java.nio.file.Path shipped = io.github.diffusionnlp.api.DefaultModel.locate();
        java.nio.file.Path moved = tmp.resolve("moved");
        java.nio.file.Files.createDirectories(moved);
        for (String f : List.of("config.json", "vocab.txt", "model.params", "warp.tsv", "tag-lexicon.tsv")) {
            java.nio.file.Files.copy(shipped.resolve(f), moved.resolve(f));
        }
        String pipe = "tokenize,ssplit,diffusion";
        assertMentions(failure(pipe, "diffusion.model", moved.toString(), "diffusion.ngramWeight", "0.7"),
                "diffusion.ngramWeight", "0.7", "diffusion.ngramCorpus", "test-data/brown/train.conllu.gz");
        java.nio.file.Path corpus = shipped.resolve("../../brown/dev.conllu.gz").normalize();
        DiffusionAnnotator named = new DiffusionAnnotator("diffusion", props("x", "diffusion.model", moved.toString(),
                "diffusion.ngramWeight", "0.7", "diffusion.ngramCorpus", corpus.toString()));
        assertEquals(corpus, named.model().ngramCorpus());
        assertNotSame(named.model(), SharedModels.get(moved, null, Precision.FP32), "another corpus, another model");
    }

    @Test
    void oneModelIsSharedByEveryAnnotatorOfTheSameModelAndDevice() {
        DiffusionAnnotator a = new DiffusionAnnotator("diffusion", props("x", "diffusion.steps", "4"));
        DiffusionAnnotator b = new DiffusionAnnotator("other", props("x", "other.task", "generate"));
        assertSame(a.model(), b.model());
    }

    @Test
    void eachPrecisionIsItsOwnSharedModel() {
        assertEquals(Precision.FP32, DiffusionSettings.read("diffusion", props("x")).precision);
        assertEquals(Precision.FP16, DiffusionSettings.read("diffusion", props("x", "diffusion.precision", " FP16 "))
                .precision);
        DiffusionAnnotator fp32 = new DiffusionAnnotator("diffusion", props("x", "diffusion.precision", "fp32"));
        DiffusionAnnotator fp16 = new DiffusionAnnotator("half", props("x", "half.precision", "fp16"));
        assertEquals(Precision.FP16, fp16.model().precision());
        assertNotSame(fp32.model(), fp16.model());
        assertSame(fp32.model(), new DiffusionAnnotator("other", props("x")).model(), "fp32 is the default");
        assertSame(fp16.model(), SharedModels.get(null, null, Precision.FP16));
        // one short sentence, one step: fp16 is slow on a CPU
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props("tokenize,ssplit,diffusion", "diffusion.precision",
                "fp16", "diffusion.steps", "1"));
        List<String> filled = words(annotate(pipeline, "A [MASK] day."));
        assertEquals(4, filled.size(), filled.toString());
        assertFalse(filled.contains(DiffusionLM.MASK), filled.toString());
    }

    /** diffusion.ngramLayout and diffusion.ngramMultiword say how the fusion corpus is read, as core's --layout and --multiword. */
    @Test
    void theNgramCorpusIsReadAsSaid() {
        String pipe = "tokenize,ssplit,diffusion";
        DiffusionSettings said = DiffusionSettings.read("diffusion", props("x", "diffusion.ngramWeight", "0.7",
                "diffusion.ngramCorpus", brownTrain(), "diffusion.ngramLayout", "Plain", "diffusion.ngramMultiword",
                "parts"));
        assertEquals(CorpusLayout.PLAIN, said.ngramLayout);
        assertEquals(MultiwordTokens.PARTS, said.ngramMultiword);
        DiffusionSettings unsaid = DiffusionSettings.read("diffusion", props("x", "diffusion.ngramWeight", "0.7"));
        assertEquals(null, unsaid.ngramLayout, "as DiffusionLM reads it unless set");
        assertEquals(null, unsaid.ngramMultiword);
        assertMentions(failure(pipe, "diffusion.ngramLayout", "plain"), "diffusion.ngramLayout",
                "only with diffusion.ngramWeight above 0 and diffusion.ngramCorpus");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "0.7", "diffusion.ngramLayout", "tsv"),
                "diffusion.ngramLayout", "'tsv'", "auto, conllu, columns, words, plain");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "0.7", "diffusion.ngramMultiword", "both"),
                "diffusion.ngramMultiword", "'both'", "surface", "parts");
        java.nio.file.Path corpus = java.nio.file.Path.of(brownTrain());
        DiffusionLM lm = SharedModels.get(null, null, null, corpus, CorpusLayout.PLAIN, MultiwordTokens.PARTS);
        assertEquals(new TaggedCorpus.Reading(CorpusLayout.PLAIN, MultiwordTokens.PARTS), lm.ngramCorpusReading());
        assertNotSame(lm, SharedModels.get(null, null, null, corpus), "another reading is another model");
    }

    /**
     * NAME.ngramLayout and NAME.ngramMultiword without NAME.ngramCorpus are refused, as the command line refuses
     * --layout without --ngram-corpus FILE: the model's own corpus is always read as the model records it was, so
     * a reading said for it would have misread it (e.g. its CoNLL-U read as plain text).
     */
    @Test
    void theModelsOwnCorpusIsNotReadAsSaid() {
        String pipe = "tokenize,ssplit,diffusion";
        assertMentions(failure(pipe, "diffusion.ngramWeight", "0.7", "diffusion.ngramLayout", "plain"),
                "bad diffusion.ngramLayout = 'plain'", "only with diffusion.ngramWeight above 0 and"
                        + " diffusion.ngramCorpus", "the model's own corpus, fused without it, is read as the model"
                        + " records it was");
        assertMentions(failure(pipe, "diffusion.ngramWeight", "0.7", "diffusion.ngramMultiword", "surface"),
                "bad diffusion.ngramMultiword = 'surface'", "diffusion.ngramCorpus");
        DiffusionSettings named = DiffusionSettings.read("diffusion", props("x", "diffusion.ngramWeight", "0.7",
                "diffusion.ngramCorpus", brownTrain(), "diffusion.ngramLayout", "conllu"));
        assertEquals(CorpusLayout.CONLLU, named.ngramLayout);
    }

    private static String brownTrain() {
        return TestModels.root().resolve("test-data/brown/train.conllu.gz").toString();
    }

    /**
     * A line of diffusion.ngramCorpus that does not fit the layout read names the property a CoreNLP user sets,
     * diffusion.ngramLayout, not the command line's --layout, which a pipeline has no way to take.
     */
    @Test
    void aCorpusLineThatDoesNotFitNamesTheAnnotatorsProperty(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        // plain text whose lines are mostly one word: guessed as one word a line, which refuses line 3
        java.nio.file.Path plain = java.nio.file.Files.writeString(tmp.resolve("plain.txt"),
                "Stop\nLook\nthe jury said it was fine .\nListen\nRun\n");
        // refused when the annotator is made (the corpus is counted then), not at the first document
        Properties props = props("tokenize,ssplit,fused", "customAnnotatorClass.fused",
                DiffusionAnnotator.class.getName(), "fused.model", TestModels.tinyModel().toString(), "fused.steps", "1",
                "fused.ngramWeight", "0.7", "fused.ngramCorpus", plain.toString());
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> new StanfordCoreNLP(props));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertMentions(messages.toString(), plain + ":3: several tokens and no tab",
                "give fused.ngramLayout = plain");
        assertFalse(messages.toString().contains("--layout"), messages.toString());
    }
}
