package io.github.diffusionnlp.corenlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.github.diffusionnlp.api.DefaultModel;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a remote client of the real CoreNLP server may ask of the annotator ({@link ServerLimits}): the security
 * audit h130 read /etc/passwd and the server's environment through {@code diffusion.bannedWords}, grew the server
 * by a model per request, and pinned its CPU for hours with a request timeout of its own.
 */
class ServerLimitsTest {
    static LoopbackServer server;
    static final String TEXT = "The [MASK] of the committee said that the [MASK] was late.";

    @TempDir
    Path allowed;
    @TempDir
    Path outside;

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackServer.start("diffusion-limits-test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void clearLimits() {
        for (String p : new String[] {ServerLimits.PATHS, ServerLimits.MAX_MODELS, ServerLimits.MAX_WORK,
            ServerLimits.DEADLINE}) {
            System.clearProperty(p);
        }
    }

    static HttpResponse<String> post(String text, String... pairs) throws Exception {
        Map<String, String> p = ServerTest.requestProps("outputFormat", "text", "diffusion.steps", "2");
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return server.post(p, text);
    }

    /** The refusal with the client's value taken out: what it says of the path itself. */
    private static String refusal(HttpResponse<String> r, String value) {
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("allowed in a server request: a path under the directories the server's"
                + " operator lets requests read"), r.body());
        assertTrue(r.body().contains("-D" + ServerLimits.PATHS), r.body());
        return r.body().replace(value, "VALUE");
    }

    @Test
    void aPathOutsideTheAllowedDirectoriesIsRefusedAlikeWhetherItExistsOrNot() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "hunter2 is the password\n");
        System.setProperty(ServerLimits.PATHS, allowed.toString());
        String there = refusal(post(TEXT, "diffusion.bannedWords", secret.toString()), secret.toString());
        Path missing = outside.resolve("missing.txt");
        String notThere = refusal(post(TEXT, "diffusion.bannedWords", missing.toString()), missing.toString());
        assertEquals(there, notThere, "an answer that differed would tell a client which files exist");
        assertFalse(there.contains("hunter2") || there.contains("exist ") || there.contains("not exist"), there);
        assertFalse(there.contains(allowed.toString()), "nor where the server's allowed files are: " + there);
        String passwd = post(TEXT, "diffusion.bannedWords", "/etc/passwd").body();
        assertFalse(passwd.contains("root:"), passwd);
        // the same rule for the other paths a request names; the model's refusal names the default it may use
        String model = refusal(post(TEXT, "diffusion.model", "/etc"), "/etc");
        assertTrue(model.contains("or no value for the server's default model"), model);
        refusal(post(TEXT, "diffusion.ngramWeight", "0.5", "diffusion.ngramCorpus", secret.toString()),
                secret.toString());
        // relative, or climbing out with ..
        refusal(post(TEXT, "diffusion.bannedWords", allowed + "/../" + outside.getFileName() + "/secret.txt"),
                allowed + "/../" + outside.getFileName() + "/secret.txt");
    }

    @Test
    void noDirectoryIsAllowedUntilTheOperatorSaysSoButTheDefaultModelIs() throws Exception {
        Path mine = Files.writeString(allowed.resolve("banned.txt"), "late\n");
        String refused = refusal(post(TEXT, "diffusion.bannedWords", mine.toString()), mine.toString());
        assertTrue(refused.contains("none: start the server's JVM with -D" + ServerLimits.PATHS + "=DIR"), refused);
        HttpResponse<String> defaultModel = post(TEXT, "diffusion.model", DefaultModel.locate().toString());
        assertEquals(200, defaultModel.statusCode(), defaultModel.body());

        System.setProperty(ServerLimits.PATHS, outside + java.io.File.pathSeparator + allowed);
        HttpResponse<String> ok = post(TEXT, "diffusion.bannedWords", mine.toString());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void aSymbolicLinkCannotLeadOut() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "hunter2\n");
        Path link = Files.createSymbolicLink(allowed.resolve("words.txt"), secret);
        Path linkedDir = Files.createSymbolicLink(allowed.resolve("sub"), outside);
        System.setProperty(ServerLimits.PATHS, allowed.toString());
        String direct = refusal(post(TEXT, "diffusion.bannedWords", secret.toString()), secret.toString());
        assertEquals(direct, refusal(post(TEXT, "diffusion.bannedWords", link.toString()), link.toString()));
        Path throughDir = linkedDir.resolve("missing.txt");
        assertEquals(direct, refusal(post(TEXT, "diffusion.bannedWords", throughDir.toString()),
                throughDir.toString()), "a link to a directory leads out too, for a file that is not there");
    }

    /** Off the server the user's own pipeline reads any path, as before. */
    @Test
    void aUsersOwnPipelineIsNotLimited() throws Exception {
        Path mine = Files.writeString(outside.resolve("banned.txt"), "late\n");
        new StanfordCoreNLP(Pipelines.props("tokenize,ssplit,diffusion", "diffusion.bannedWords", mine.toString()));
    }

    @Test
    void modelsBeyondTheOperatorsCapAreRefused() throws Exception {
        SharedModels.closeAll(); // none loaded for requests before this test's
        System.setProperty(ServerLimits.PATHS, allowed.toString());
        System.setProperty(ServerLimits.MAX_MODELS, "2");
        assertEquals(200, post(TEXT).statusCode(), "the default model: one");
        Path one = Files.writeString(allowed.resolve("one.txt"), "late\n");
        Path two = Files.writeString(allowed.resolve("two.txt"), "early\n");
        HttpResponse<String> second = post(TEXT, "diffusion.bannedWords", one.toString());
        assertEquals(200, second.statusCode(), "another list of banned words is another model: two");
        HttpResponse<String> third = post(TEXT, "diffusion.bannedWords", two.toString());
        assertEquals(500, third.statusCode(), third.body());
        assertTrue(third.body().contains("need a model of their own, and the server already holds 2 loaded for"
                + " requests, its limit (-D" + ServerLimits.MAX_MODELS + "=2)"), third.body());
        assertEquals(2, SharedModels.size());
        assertEquals(200, post(TEXT, "diffusion.seed", "5").statusCode(), "a loaded model still serves");
    }

    @Test
    void workAboveTheCeilingIsRefusedUpFrontWithItsNumbers() throws Exception {
        System.setProperty(ServerLimits.MAX_WORK, "100");
        HttpResponse<String> r = post("", "diffusion.task", "generate", "diffusion.count", "6", "diffusion.steps",
                "20", "timeout", "2147483647");
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("this request asks for 120 row-steps (6 rows x diffusion.steps 20 x"
                + " diffusion.candidates 1), above the server's limit of 100 (-D" + ServerLimits.MAX_WORK + ")"),
                r.body());
        HttpResponse<String> guided = post(TEXT.replace("[MASK]", "report"), "diffusion.task", "rewrite", "diffusion.steps", "60",
                "diffusion.sentiment", "positive", "diffusion.guidance", "2");
        assertTrue(guided.body().contains("120 row-steps (1 row x diffusion.steps 60 x diffusion.candidates 1 x 2"
                + " for guidance)"), guided.body());
        assertEquals(200, post("", "diffusion.task", "generate", "diffusion.count", "5", "diffusion.steps", "20")
                .statusCode(), "100 row-steps is within it");
    }

    /**
     * Infill fills a sentence longer than the model's 64 positions 32 positions at a time, each stretch in a window
     * of its own: 70 tokens are 3 rows (masks in each stretch), not the 2 windows a rewrite of them samples.
     */
    @Test
    void aLongSentencesInfillCountsItsStretches() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            text.append(i == 0 || i == 40 || i == 66 ? "[MASK]" : i % 2 == 0 ? "the" : "report").append(' ');
        }
        System.setProperty(ServerLimits.MAX_WORK, "5");
        HttpResponse<String> r = post(text.toString());
        assertEquals(500, r.statusCode(), "two windows' 4 row-steps, but three stretches are sampled: " + r.body());
        assertTrue(r.body().contains("this request asks for 6 row-steps (3 rows x diffusion.steps 2 x"
                + " diffusion.candidates 1), above the server's limit of 5"), r.body());
        HttpResponse<String> rewrite = post(text.toString().replace("[MASK]", "late"), "diffusion.task", "rewrite");
        assertEquals(200, rewrite.statusCode(), "a rewrite samples the 2 windows: " + rewrite.body());
    }

    /**
     * {@code diffusion.suggestions} reads each infill row's window once more, in one pass: a row-step per sentence
     * with a mask (per stretch of a long one). Uncounted, a request at the limit could ask for one pass more per row.
     */
    @Test
    void suggestionsCountAPassPerInfillRow() throws Exception {
        System.setProperty(ServerLimits.MAX_WORK, "2");
        assertEquals(200, post(TEXT).statusCode(), "1 row x 2 steps is within it");
        HttpResponse<String> r = post(TEXT, "diffusion.suggestions", "3");
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("this request asks for 3 row-steps (1 row x diffusion.steps 2 x"
                + " diffusion.candidates 1 + 1 row x 1 step for diffusion.suggestions), above the server's limit of 2"
                + " (-D" + ServerLimits.MAX_WORK + "): send fewer sentences or steps, or leave diffusion.suggestions"
                + " out"), r.body());
        System.setProperty(ServerLimits.MAX_WORK, "3");
        // another seed, another pipeline: the server answers a request with the same properties with its last one,
        // whose annotator read the limit of 2
        HttpResponse<String> within = post(TEXT + " It rained all day.", "diffusion.suggestions", "3",
                "diffusion.seed", "1");
        assertEquals(200, within.statusCode(), "a sentence without a mask is read by no pass: " + within.body());
        // 130 tokens, masks in the stretches from 0 and 96 of 32: 2 infill rows, 2 suggestion passes
        String longSentence = "[MASK] " + "word ".repeat(99) + "[MASK] " + "word ".repeat(29);
        System.setProperty(ServerLimits.MAX_WORK, "5");
        HttpResponse<String> stretches = post(longSentence.trim(), "diffusion.suggestions", "3", "diffusion.seed",
                "2");
        assertTrue(stretches.body().contains("this request asks for 6 row-steps (2 rows x diffusion.steps 2 x"
                + " diffusion.candidates 1 + 2 rows x 1 step for diffusion.suggestions), above the server's limit of"
                + " 5"), stretches.body());
        System.setProperty(ServerLimits.MAX_WORK, "6");
        assertEquals(200, post(longSentence.trim(), "diffusion.suggestions", "3", "diffusion.seed", "3").statusCode());
        // under guidance the suggestions' pass is guided too, as infill's first step: two passes a row
        System.setProperty(ServerLimits.MAX_WORK, "5");
        HttpResponse<String> guided = post(TEXT, "diffusion.suggestions", "3", "diffusion.sentiment", "positive",
                "diffusion.guidance", "2");
        assertTrue(guided.body().contains("this request asks for 6 row-steps (1 row x diffusion.steps 2 x"
                + " diffusion.candidates 1 x 2 for guidance + 1 row x 1 step x 2 for guidance for"
                + " diffusion.suggestions), above the server's limit of 5 (-D" + ServerLimits.MAX_WORK + "): send"
                + " fewer sentences or steps, or leave diffusion.guidance at 1 (one pass a step instead of two), or"
                + " leave diffusion.suggestions out"), guided.body());
    }

    /**
     * A rewrite's rows are counted as core makes them: a template rewrites a sentence longer than the model's 64
     * positions in one row (it was counted as its 2 windows, refusing a request that fits), and a literal {@code
     * [MASK]} is filled by an infill row before the rewrite (it was not counted, letting through a request that
     * asks for twice its limit's work).
     */
    @Test
    void aRewritesRowsAreTheRowsCoreSamples() throws Exception {
        System.setProperty(ServerLimits.MAX_WORK, "3");
        String longSentence = "the report ".repeat(35).trim();
        HttpResponse<String> templated = post(longSentence, "diffusion.task", "rewrite", "diffusion.syntax",
                "DET NOUN VERB ADJ PUNCT");
        assertEquals(200, templated.statusCode(), "one row x 2 steps: " + templated.body());
        HttpResponse<String> masked = post("The [MASK] was late.", "diffusion.task", "rewrite");
        assertEquals(500, masked.statusCode(), masked.body());
        assertTrue(masked.body().contains("this request asks for 4 row-steps (1 row x diffusion.steps 2 x"
                + " diffusion.candidates 1 + 1 row filling the text's [MASK]s before the rewrite x diffusion.steps 2,"
                + " one candidate, unguided), above the server's limit of 3 (-D" + ServerLimits.MAX_WORK + "): send"
                + " fewer sentences or steps"), masked.body());
    }

    /**
     * A rewrite fills its {@code [MASK]}s first, in infill rows core samples once each and unguided (under no
     * constraints): best of 2 candidates with guidance is 1 x 2 x 2 x 2 = 8 row-steps for the rewrite's row and 2 for
     * the mask's, 10. They were counted as the rewrite's, 16, refusing a request within the limit.
     */
    @Test
    void aRewritesMaskFillingRowsCountOnceUnguided() throws Exception {
        String[] guided = {"diffusion.task", "rewrite", "diffusion.sentiment", "positive", "diffusion.candidates",
            "2", "diffusion.guidance", "2"};
        System.setProperty(ServerLimits.MAX_WORK, "10");
        HttpResponse<String> within = post("The [MASK] was late.", guided);
        assertEquals(200, within.statusCode(), within.body());
        System.setProperty(ServerLimits.MAX_WORK, "9");
        // another seed, another pipeline (one with the same properties would hold the limit of 10 its annotator read)
        String[] again = java.util.Arrays.copyOf(guided, guided.length + 2);
        again[guided.length] = "diffusion.seed";
        again[guided.length + 1] = "4";
        HttpResponse<String> r = post("The [MASK] was late.", again);
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("this request asks for 10 row-steps (1 row x diffusion.steps 2 x"
                + " diffusion.candidates 2 x 2 for guidance + 1 row filling the text's [MASK]s before the rewrite x"
                + " diffusion.steps 2, one candidate, unguided), above the server's limit of 9 (-D"
                + ServerLimits.MAX_WORK + "): send fewer sentences, steps or candidates, or leave diffusion.guidance"
                + " at 1 (one pass a step instead of two)"), r.body());
    }

    /**
     * A sentence a rewrite leaves as it is (here a keep index past its end) is sampled nothing, its {@code [MASK]}
     * included, without a template too: under {@code syntax=keep} its mask was filled, the pipeline's tagger called on
     * it and its row rewritten, all thrown away, and counted (3 rows, 6 row-steps, where the 10-token sentence's one
     * row is 2).
     */
    @Test
    void aSentenceLeftAsItIsCostsNothingItsMaskIncluded() throws Exception {
        System.setProperty(ServerLimits.MAX_WORK, "2");
        String text = "The [MASK] was late. The old brown dog ran all the way home.";
        for (String syntax : new String[] {"keep", ""}) {
            HttpResponse<String> r = post(text, "annotators", "tokenize,ssplit,pos,diffusion", "diffusion.task",
                    "rewrite", "diffusion.keep", "9", "diffusion.syntax", syntax);
            assertEquals(200, r.statusCode(), "syntax '" + syntax + "': " + r.body());
            assertTrue(r.body().contains("The [MASK] was late."), r.body());
        }
    }

    /**
     * An {@code ner:} mask samples a sentence whose name came back again, up to 4 more times: the limit counts those
     * re-samplings at their most, for the sentences holding an entity the mask names only. Before, a request was
     * held to its first sampling, a fifth of what it could cost. The second sentence holds no name, so nothing of
     * it is sampled and it costs nothing (it was counted a row). CoreNLP's 3-class model alone, to load quickly.
     */
    @Test
    void anEntityMasksReSamplingsCountAtTheirMost() throws Exception {
        String text = "John Smith met Mary Jones in Paris. The report was late.";
        String[] ner = {"annotators", "tokenize,ssplit,pos,lemma,ner,diffusion", "diffusion.mask", "ner:PERSON",
            "ner.model", "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz", "ner.applyFineGrained",
            "false", "ner.useSUTime", "false", "ner.applyNumericClassifiers", "false", "diffusion.steps", "5"};
        System.setProperty(ServerLimits.MAX_WORK, "24");
        HttpResponse<String> r = post(text, ner);
        assertEquals(500, r.statusCode(), "the first sentence's 5 row-steps, but it may be sampled 4 times more: "
                + r.body());
        // which rows, and the mask's classes, said plainly (it was "4 x 1 rows holding an entity diffusion.mask's ner:
        // masks")
        assertTrue(r.body().contains("this request asks for 25 row-steps ((1 row + 4 x 1 row, the one holding a name"
                + " that diffusion.mask's ner:PERSON masks, sampled again up to 4 times while the name comes back) x"
                + " diffusion.steps 5 x diffusion.candidates 1), above the server's limit of 24"), r.body());
        System.setProperty(ServerLimits.MAX_WORK, "25");
        String[] again = java.util.Arrays.copyOf(ner, ner.length + 2); // another pipeline: its annotator reads 25
        again[ner.length] = "diffusion.seed";
        again[ner.length + 1] = "3";
        HttpResponse<String> within = post(text, again);
        assertEquals(200, within.statusCode(), within.body());
    }

    /**
     * Infill samples only what holds a mask: a document of 30 sentences with one {@code [MASK]} is one row (it was
     * counted 30, refusing a long document with a mask or two), and a literal {@code [MASK]}, which CoreNLP's
     * tokenizer splits into three tokens, counts as the one token the model reads: 63 words and a mask fit the
     * model's 64 positions in one row (they were counted as 66 tokens, 3 stretches).
     */
    @Test
    void infillCountsOnlyTheRowsThatHoldAMask() throws Exception {
        System.setProperty(ServerLimits.MAX_WORK, "2");
        String document = "The report was late. ".repeat(15) + "The [MASK] was late. " + "The report was late. "
                .repeat(14);
        HttpResponse<String> r = post(document);
        assertEquals(200, r.statusCode(), "one row x 2 steps: " + r.body());
        String longSentence = "word ".repeat(63) + "[MASK]";
        HttpResponse<String> joined = post(longSentence);
        assertEquals(200, joined.statusCode(), "64 tokens as the model reads them, one row: " + joined.body());
        HttpResponse<String> tooMuch = post(document.replace("The report", "The [MASK]"));
        assertTrue(tooMuch.body().contains("this request asks for 60 row-steps (30 rows x diffusion.steps 2"),
                tooMuch.body());
    }

    /**
     * A request that asks CoreNLP for a timeout of 2^31-1 ms is still stopped at the operator's deadline, at the
     * next sampling step, and the server goes on answering.
     */
    @Test
    void samplingStopsAtTheOperatorsDeadlineWhateverTheRequestsTimeout() throws Exception {
        System.setProperty(ServerLimits.DEADLINE, "300");
        long start = System.nanoTime();
        HttpResponse<String> r = post("", "diffusion.task", "generate", "diffusion.count", "20", "diffusion.steps",
                "400", "timeout", "2147483647");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("stopped after 300 ms, the server's deadline for a request's sampling (-D"
                + ServerLimits.DEADLINE + ";"), r.body());
        assertTrue(millis < 30_000, "answered after " + millis + " ms");
        System.clearProperty(ServerLimits.DEADLINE);
        HttpResponse<String> next = post(TEXT);
        assertEquals(200, next.statusCode(), "the thread serves the next request, uninterrupted: " + next.body());
    }
}
