package io.github.diffusionnlp.corenlp;

import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.process.Morphology;
import edu.stanford.nlp.util.CoreMap;
import edu.stanford.nlp.util.Lazy;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.DefaultModel;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.FilledTagging;
import io.github.diffusionnlp.api.ModelClosedException;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SentenceNaming;
import io.github.diffusionnlp.api.Suggestion;
import io.github.diffusionnlp.corpus.LayoutOption;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.LengthPrior;
import io.github.diffusionnlp.model.MaskSpelling;
import io.github.diffusionnlp.model.Vocabulary;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The diffusion annotator's work once its {@code NAME.*} properties have been read and checked: infill,
 * rewrite or generate. {@link DiffusionAnnotator} is what CoreNLP makes and calls; it holds one of these.
 *
 * <p>Every {@code NAME.*} property is read and checked at construction ({@link DiffusionSettings}); the
 * model is loaded then too, once per JVM for each model directory, device and precision
 * ({@link SharedModels}). One instance may annotate many documents at once (CoreNLP's server and
 * {@code threads} do that): it keeps no state between calls, and the model is thread-safe. Sentence i of
 * a document is sampled with seed {@link SamplingOptions#sentenceSeed options.sentenceSeed(i)}, so a document gives
 * the same result whichever thread annotates it.
 *
 * <p>{@code NAME.sentiment}, {@code NAME.syntax} and {@code NAME.guidance} become core's {@link Constraints}:
 * {@code syntax=keep} conditions each rewritten sentence on its own tags ({@link PtbToUpos}); an explicit UPOS
 * template sets the length of generated and rewritten sentences, and the document follows a sentence whose
 * token count changed ({@link DocumentEditor#replaceSentences}).
 */
final class ConfiguredAnnotator implements Annotator {
    // logged under the annotator's public name, which is what users configure logging by
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiffusionAnnotator.class);
    /**
     * The annotator names that have warned of each loaded model's sentiment caveat: a pipeline makes its own
     * annotator (the server one per request), and the same user need not hear it for every one. Weak: a model
     * closed by SharedModels.closeAll and loaded anew is another instance, whose annotators warn again.
     */
    private static final Map<DiffusionLM, Set<String>> WARNED_OF_SENTIMENT =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final DiffusionSettings settings;
    private final Path modelDirectory; // resolved once: the default model is searched for on disk
    private final SamplingOptions options;
    private final Upstream madeAfter; // what the annotators list this instance was made with runs before it
    private final Constraints constraints; // the shared part: sentiment, explicit template, guidance
    private final Lazy<Annotator> tagger; // the pos of the pipeline this instance was made for: tags changed words
    private final TokenizerWords tokenizerWords; // the model's `` '' ( ) as this pipeline's tokenizer writes them
    private final ServerLimits limits; // null: made off the server (its properties are not a client's)

    ConfiguredAnnotator(String name, Properties props) {
        this(name, props, null);
    }

    /** For a server request when {@code limits} is not null: its paths and models are held to them. */
    ConfiguredAnnotator(String name, Properties props, ServerLimits limits) {
        this.limits = limits;
        this.settings = DiffusionSettings.read(name, props, limits);
        this.tokenizerWords = TokenizerWords.of(props);
        this.modelDirectory = settings.model != null ? settings.model : DefaultModel.locate();
        DiffusionLM lm = model();
        int maxLength = lm.info().config().maxLength();
        String shown = settings.shown; // the operator's customAnnotatorClass.NAME, as messages show it
        if (settings.length > maxLength) {
            throw new IllegalArgumentException("annotator \"" + shown + "\": bad " + shown + ".length = '"
                    + settings.length + "'; allowed: 0 (a free length) to " + maxLength
                    + " (the model's length)");
        }
        int words = lm.vocabulary().size() - 2; // as DiffusionLM.suggest: [PAD] and [UNK] are never suggested
        if (settings.suggestions > words) {
            throw new IllegalArgumentException("annotator \"" + shown + "\": bad " + shown + ".suggestions = '"
                    + settings.suggestions + "'; allowed: 0 (none) to " + words + " (the words the model knows)");
        }
        // a rewrite takes one longer for a sentence of its own length (core rewrites it window by window), and leaves
        // a sentence of another length as it is (templateOfAnotherLength); generate has no sentence
        if (settings.template != null && settings.template.size() > maxLength
                && settings.task != DiffusionSettings.Task.REWRITE) {
            throw new IllegalArgumentException("annotator \"" + shown + "\": bad " + shown + ".syntax = '"
                    + templateText(settings.template) + "'; allowed: a template of 1 to " + maxLength
                    + " UPOS tags (the model's length; " + shown + ".task=rewrite takes a longer one for a sentence of"
                    + " its length); this one has " + settings.template.size());
        }
        if (settings.template != null || settings.syntaxKeep) {
            try {
                lm.requireTemplates(); // a model trained without tags: now, not on the first document
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("annotator \"" + shown + "\": " + shown + ".syntax = '"
                        + (settings.syntaxKeep ? "keep" : templateText(settings.template)) + "': " + e.getMessage());
            }
        }
        if (Boolean.TRUE.equals(settings.drawLength) && !lm.info().recordsRowLengths()) {
            // now, not on the first document, as the template's check above
            throw new IllegalArgumentException("annotator \"" + shown + "\": " + LengthPrior.notRecorded(shown
                    + ".drawLength = 'true'", lm.name(), ", or leave " + shown + ".drawLength out"));
        }
        if (settings.ngramWeight > 0) {
            try {
                lm.countNgrams(); // a corpus to count from, read as said: now, not on every document
            } catch (ModelClosedException e) {
                throw e; // SharedModels.closeAll() meanwhile: no fault of the settings, and no corpus to name
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("annotator \"" + shown + "\": " + shown + ".ngramWeight = '"
                        + settings.ngramWeight + "' needs a corpus: set " + shown + ".ngramCorpus (" + e.getMessage()
                        + ")"); // not chained: CoreNLP shows the root cause, and this message holds it
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("annotator \"" + shown + "\": " + shown + ".ngramCorpus: "
                        + e.getMessage()); // not chained, as above
            }
        }
        // read from the model's record, not taken from the model (model() takes it, so the library stays silent):
        // the model tells it once, but another annotator sharing it (SharedModels) has a user who must hear it too;
        // once per model and annotator name, not for each pipeline's own instance of the same annotator
        String caveat = settings.sentiment == null || lm.info().training() == null ? null
                : lm.info().training().sentimentCaveat();
        if (caveat != null && WARNED_OF_SENTIMENT.computeIfAbsent(lm, m -> ConcurrentHashMap.newKeySet()).add(name)) {
            // a warning, not a refusal: the model still samples, and the user may know its labels are their own
            LOG.warn("annotator \"{}\": {}.sentiment = {} will mean little to this model: {}", shown, shown,
                    settings.sentiment, caveat);
        }
        this.constraints = settings.constraints();
        this.options = SamplingOptions.builder().steps(settings.steps).seed(settings.seed)
                .batchSize(settings.batchSize).optTemperature(settings.temperature).length(settings.length)
                .x0Temperature(settings.x0Temperature).ngramWeight(settings.ngramWeight)
                .guideLength(!settings.unguidedLength).optDrawLength(settings.drawLength).build();
        List<String> before = annotatorsBefore(name, props);
        this.madeAfter = new Upstream(before.contains("pos"), before.contains("lemma"), before.contains("ner"));
        this.tagger = PipelineTagger.of(props);
    }

    private static String templateText(List<Upos> template) {
        return String.join(" ", template.stream().map(Upos::name).toList());
    }

    /** The annotators listed before {@code name} in the pipeline's {@code annotators} property. */
    private static List<String> annotatorsBefore(String name, Properties props) {
        List<String> all = new ArrayList<>();
        for (String a : props.getProperty("annotators", "").split("[,\\s]+")) {
            if (a.equals(name)) {
                break;
            }
            all.add(a);
        }
        return all;
    }

    /**
     * Which of {@code pos}, {@code lemma} and {@code ner} ran on a document before this annotator: its changed
     * words are tagged and lemmatised again, and new tokens get an NER class, only then. The document's tokens
     * show what ran, whatever the {@code annotators} list says (an {@code Annotation} annotated before by another
     * pipeline, a pipeline built with {@code enforceRequirements=false} and {@code pos} after ours). An empty
     * document shows nothing; for it (generate) the list of the pipeline this instance was made for decides
     * ({@link DiffusionAnnotator} is made anew for each pipeline).
     */
    private record Upstream(boolean pos, boolean lemma, boolean ner) {}

    private Upstream upstream(Annotation doc) {
        List<CoreLabel> tokens = doc.get(CoreAnnotations.TokensAnnotation.class);
        if (tokens == null || tokens.isEmpty()) {
            return madeAfter;
        }
        return new Upstream(tokens.stream().anyMatch(t -> t.tag() != null),
                tokens.stream().anyMatch(t -> t.lemma() != null), tokens.stream().anyMatch(t -> t.ner() != null));
    }

    /**
     * A {@code pos:} or {@code ner:} rule, a UPOS {@code keep} or {@code syntax=keep} reads tags that annotators
     * before this one set. {@link #requires()} asks CoreNLP to check that they ran, but a pipeline built with
     * {@code enforceRequirements=false} (the command line's {@code -enforceRequirements false}) skips that check:
     * with {@code pos} after {@code diffusion}, say, the rules matched nothing and the document came back as
     * if they were not set. A document with tokens and no such tags fails instead, naming what must run first.
     */
    private void requireTags(Upstream upstream) {
        List<String> missing = new ArrayList<>();
        List<String> because = new ArrayList<>();
        if (settings.needsPos() && !upstream.pos()) {
            missing.add("pos");
            because.add(posRules());
        }
        if (!settings.maskNer.isEmpty() && !upstream.ner()) {
            missing.add("ner");
            because.add(settings.shown + ".mask = 'ner:" + Visible.of(String.join(",", settings.maskNer)) + "'");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("annotator \"" + settings.shown + "\": " + String.join(" and ", because)
                    + " needs the tokens' " + (missing.contains("pos") ? "part-of-speech tags" : "")
                    + (missing.size() > 1 ? " and " : "") + (missing.contains("ner") ? "NER classes" : "")
                    + ", and the document's tokens carry none: put " + String.join(" and ", missing) + " before "
                    + settings.shown + " in annotators (" + String.join(",", settings.requiredAnnotators()) + ","
                    + settings.shown + "); with enforceRequirements=false CoreNLP does not check the order");
        }
    }

    /** The settings that read part-of-speech tags, as the user wrote them. */
    private String posRules() {
        List<String> rules = new ArrayList<>();
        if (!settings.maskUpos.isEmpty()) {
            rules.add(settings.shown + ".mask = 'pos:"
                    + String.join(",", settings.maskUpos.stream().map(Upos::name).toList()) + "'");
        }
        if (!settings.keepUpos.isEmpty()) {
            rules.add(settings.shown + ".keep = '" + keepText() + "'");
        }
        if (settings.syntaxKeep) {
            rules.add(settings.shown + ".syntax = 'keep'");
        }
        return String.join(" and ", rules);
    }

    public DiffusionSettings settings() {
        return settings;
    }

    /**
     * The shared model this annotator samples from, looked up on every call rather than held: CoreNLP keeps
     * annotators in its pool (and a server's pipelines) after {@link SharedModels#closeAll()}, and an
     * annotator holding the closed model would fail every later document with "this DiffusionLM has been
     * closed (model ...)"; this way the next document loads the model again.
     */
    public DiffusionLM model() {
        DiffusionLM lm = SharedModels.get(modelDirectory, settings.device, settings.precision, settings.ngramCorpus,
                settings.ngramLayout, settings.ngramMultiword, LayoutOption.property(settings.shown + ".ngramLayout"),
                settings.bannedWords, settings.name, limits);
        if (settings.sentiment != null) {
            // this annotator warns of it when made, in its own words: taken so the library does not log it again,
            // on this instance nor on one loaded anew after closeAll()
            lm.takeSentimentCaveat();
        }
        return lm;
    }

    /**
     * Annotates {@code doc}; for a server request (this thread runs one: {@link ServerRequests}, whatever made this
     * instance, a server's {@code -preload} too) within the operator's limits on its work and time
     * ({@link ServerLimits}): too much work is refused before any sampling, and sampling that outlives the deadline
     * is stopped at its next step.
     */
    @Override
    public void annotate(Annotation doc) {
        if (!ServerRequests.isHandlerThread()) {
            againIfModelClosed(settings.name, () -> annotateAll(doc, null));
            return;
        }
        ServerLimits l = limits != null ? limits : ServerLimits.fromSystemProperties();
        ModelInput input = serverInput(doc); // counted and then sampled: read once
        SampledRows rows = rows(doc, input);
        // a suggestion pass reads each infill row's window once more, in one step (FillSuggestions)
        long suggestionRows = settings.suggestions > 0 ? rows.sampled() : 0;
        l.requireWork(settings.name, rows.sampled(), rows.filled(), rowsWithMaskedEntities(doc, input), "ner:"
                + String.join(",", settings.maskNer), RESAMPLE_TRIES, settings.steps, settings.candidates,
                settings.guidance != 1.0, suggestionRows);
        RequestDeadline deadline = new RequestDeadline(l.deadlineMillis);
        try {
            // the second run under the same deadline, on the same input (see serverInput)
            againIfModelClosed(settings.name, () -> annotateAll(doc, input));
        } catch (RuntimeException e) {
            throw deadline.passed() ? deadline.exceeded(settings.name, e) : e;
        } finally {
            deadline.close();
        }
    }

    /**
     * For infill and rewrite, what the model reads of {@code doc} ({@link ModelInput}), its literal masks' tokens
     * joined first as {@link #annotateAll} joins them (idempotent), so that {@code [MASK]} is one token here too; null
     * for generate, or a document {@link #annotateAll} samples nothing of ({@link #samplesNothing}). The server path
     * reads it once, for both its work limit and the sampling: nothing {@link #annotateAll} does before it reads the
     * input ({@link #forgetEarlierRun}, the warnings) changes what the input reads (words, tags, NER classes). Infill's
     * sampling only reads it; a rewrite clears {@code written} of the sentences it leaves as they are, which a second
     * run ({@link #againIfModelClosed}) leaves as they are again: such a sentence is left for its length or a kept
     * token past the template, which clearing does not change. With UPOS classes in {@code keep}, a rewrite also
     * writes into {@code written} the keep mask of each sentence holding a mask as its filled words' tags give it
     * ({@link #filledTagging}, inside core's call); a second run gives core that mask as the sentence's, which core
     * only checks (a filled keep mask keeps no mask and no token past the template, so the same sentences are left as
     * they are) and replaces with the one its own fill gives, made afresh from the settings: the same words.
     */
    private ModelInput serverInput(Annotation doc) {
        if (settings.task == DiffusionSettings.Task.GENERATE || samplesNothing(doc)) {
            return null;
        }
        DocumentEditor.joinMasks(doc);
        return ModelInput.read(doc.get(CoreAnnotations.SentencesAnnotation.class), settings, tokenizerWords);
    }

    /** Whether {@link #annotateAll} refuses {@code doc} or leaves it as it is, sampling nothing. */
    private static boolean samplesNothing(Annotation doc) {
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        return sentences == null || doc.get(CoreAnnotations.TextAnnotation.class) == null
                || sentences.stream().anyMatch(s -> s.get(CoreAnnotations.TokensAnnotation.class) == null);
    }

    /**
     * The rows {@code doc} has the model sample: generate's {@code count}, or its sentences' ({@link #rowsOf}).
     */
    private SampledRows rows(Annotation doc, ModelInput input) {
        if (settings.task == DiffusionSettings.Task.GENERATE) {
            return SampledRows.sampled(settings.count);
        }
        return rowsOf(doc, input, s -> true);
    }

    /**
     * The rows of the sentences {@link #resampleLeakedEntities} may sample again: with an {@code ner:} mask, those
     * holding a token it masks (a bound: a kept one is never written, so never leaks).
     */
    private long rowsWithMaskedEntities(Annotation doc, ModelInput input) {
        if (settings.task != DiffusionSettings.Task.INFILL || settings.maskNer.isEmpty()) {
            return 0;
        }
        return rowsOf(doc, input, s -> s.get(CoreAnnotations.TokensAnnotation.class).stream()
                .anyMatch(t -> ModelInput.isMaskedEntity(settings, t))).sampled();
    }

    /**
     * The rows the model samples for {@code doc}'s sentences that {@code counted} accepts, as core counts them: an
     * infill's for the words the model reads ({@link DiffusionLM#infillRows}: none for a sentence with nothing to
     * fill, more than one for a long one), a rewrite's as {@link #rewriteRows} makes them. {@code input}: what
     * {@link #serverInput} read, null for a document that samples nothing.
     */
    private SampledRows rowsOf(Annotation doc, ModelInput input, Predicate<CoreMap> counted) {
        if (input == null) {
            return SampledRows.NONE;
        }
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        DiffusionLM lm = model();
        List<boolean[]> keep = settings.task == DiffusionSettings.Task.REWRITE ? input.kept() : null;
        SampledRows rows = SampledRows.NONE;
        for (int i = 0; i < sentences.size(); i++) {
            if (counted.test(sentences.get(i))) {
                rows = rows.plus(keep == null ? SampledRows.sampled(lm.infillRows(input.words().get(i)))
                        : rewriteRows(lm, sentences.get(i).get(CoreAnnotations.TokensAnnotation.class),
                                input.words().get(i), keep.get(i)));
            }
        }
        return rows;
    }

    /**
     * The rows {@link #rewrite} has core sample for one sentence ({@link DiffusionLM#rewriteRows}): none for a
     * sentence left as it is (its masks included, {@link #rewrite}: the reasons {@link #sample}'s passes read, {@link
     * #leftAsItIs}) or empty; under {@code syntax=keep}, {@link
     * KeptSyntaxRewrite#rows}.
     */
    private SampledRows rewriteRows(DiffusionLM lm, List<CoreLabel> tokens, List<String> words, boolean[] keep) {
        boolean left = words.isEmpty() || leftAsItIs().stream().anyMatch(r -> r.why(lm, words, keep) != null);
        if (left) { // nothing of it sampled, its masks included (#rewrite)
            return SampledRows.NONE;
        }
        return settings.syntaxKeep ? KeptSyntaxRewrite.rows(lm, PtbToUpos.of(tokens), words, keep, constraints)
                : SampledRows.ofRewrite(lm, words, keep, constraints);
    }

    /**
     * Runs {@code annotateAll}, and once more when the model was closed under it ({@link SharedModels#closeAll()}, an
     * operator reloading models): the second run looks the model up again ({@link #model()}), so it samples from the
     * one loaded anew and the document comes out as if nothing had been closed (its seeds are fixed). A second
     * {@link ModelClosedException} (closed again meanwhile) propagates, as does any other failure, an interrupt's
     * ({@code IllegalStateException}: its caller gave up) included. Safe because {@link #annotateAll} writes nothing a
     * second run would read differently before its sampling ends (see there). Package-private for tests.
     */
    static void againIfModelClosed(String name, Runnable annotateAll) {
        try {
            annotateAll.run();
        } catch (ModelClosedException e) {
            LOG.warn("annotator \"{}\": the model {} was closed (SharedModels.closeAll) while this document was"
                    + " sampled; annotating the document again, on the model loaded anew", Visible.of(name),
                    Visible.of(e.model()));
            annotateAll.run();
        }
    }

    /**
     * Samples and writes the results into {@code doc}. Every call of the model (the only source of a
     * {@link ModelClosedException}: the sampling in {@link #sample}, {@link #rewrite}, {@link #resampleLeakedEntities}
     * and {@link #generate}; {@code info()} never throws it) comes before anything of this run is written into the
     * document but two things, both of which a second run on the same document redoes as they were:
     * {@link #forgetEarlierRun} removes our own keys (none are set again before sampling ends), and
     * {@link DocumentEditor#joinMasks} joins the tokens of a literal mask into one, leaving the text as it was (a
     * joined {@code [MASK]} is one token, joined no further). So running this again on a document whose run failed
     * there is a fresh run on the same input (whose warnings about the text, a mask in another case, are logged
     * again). {@code read}: the input {@link #serverInput} read (the server path), or null to read it here.
     */
    private void annotateAll(Annotation doc, ModelInput read) {
        forgetEarlierRun(doc);
        Upstream upstream = upstream(doc);
        if (settings.task == DiffusionSettings.Task.GENERATE) {
            generate(doc, upstream);
            return;
        }
        DiffusionLM lm = model();
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        String text = doc.get(CoreAnnotations.TextAnnotation.class);
        if (sentences == null && text != null && !text.isBlank()) {
            // CoreNLP checks that tokenize and ssplit ran only where it enforces requirements; an annotate of our
            // own is checked by nothing: the masks came back unfilled, nothing said
            throw new IllegalArgumentException("annotator \"" + settings.shown + "\": the document has text but no"
                    + " sentences: put tokenize,ssplit before " + settings.shown + " in annotators ("
                    + String.join(",", settings.requiredAnnotators()) + "," + settings.shown + "); with"
                    + " enforceRequirements=false CoreNLP does not check the order, and an annotator called on its"
                    + " own needs a document they annotated");
        }
        if (sentences == null || sentences.isEmpty() || text == null) {
            return; // an empty document: nothing to fill or rewrite
        }
        requireTags(upstream);
        DocumentEditor.joinMasks(doc);
        if (settings.task == DiffusionSettings.Task.INFILL) { // a rewrite's, in #sample: of the sentences rewritten
            warnOfMasksInAnotherCase(doc.get(CoreAnnotations.TextAnnotation.class), "is not filled");
            warnOfGluedMasks(doc.get(CoreAnnotations.TokensAnnotation.class), "is not filled");
        }
        ModelInput input = read != null ? read : ModelInput.read(sentences, settings, tokenizerWords);
        List<List<List<Suggestion>>> suggested = new ArrayList<>();
        List<List<String>> results = sample(lm, doc, sentences, input, suggested);
        if (!suggested.isEmpty()) { // on the tokens that are filled, before a split makes pieces of them
            FillSuggestions.write(sentences, suggested);
        }
        RecordedResults recorded = RecordedResults.record(doc, sentences, input, results, tokenizerWords,
                lm.info().config().maxLength());
        if (settings.replace && recorded.changedAnything()) {
            replace(doc, sentences, input, recorded, upstream);
        }
    }

    /**
     * Puts the recorded words into the document: same-length sentences word by word, resized sentences whole
     * ({@link DocumentEditor}), and a written word the pipeline's tokenizer would split as the tokens it makes;
     * then the changed sentences lose their stale analyses and entity values and are tagged and lemmatised again.
     */
    private void replace(Annotation doc, List<CoreMap> sentences, ModelInput input, RecordedResults recorded,
            Upstream upstream) {
        List<CoreLabel> changed = new ArrayList<>(recorded.newWords.keySet());
        List<CoreMap> changedSentences = recorded.touched.stream().filter(s -> recorded.resized.containsKey(s)
                || s.get(CoreAnnotations.TokensAnnotation.class).stream().anyMatch(recorded.newWords::containsKey))
                .toList();
        SentenceAnalyses.forget(changedSentences); // a parse before us would describe the old words
        if (!recorded.newWords.isEmpty()) {
            DocumentEditor.replaceWords(doc, recorded.newWords, tokenizerWords::tokenize);
            recorded.quotes.forEach(tokenizerWords::normalise);
        }
        if (!recorded.resized.isEmpty()) {
            changed.addAll(replaceResized(doc, sentences, input, recorded, upstream));
        }
        changed.addAll(splitAsTokenized(doc, changed));
        EntityValues.forget(doc, changed); // a replaced date keeps its class, not the old date's value
        retag(recorded.touched, changed, upstream);
    }

    /**
     * The shipped model writes contractions and possessives as its corpus spelt them, one word each ({@code didn't},
     * {@code man's}), where the pipeline's tokenizer makes two tokens of such a text ({@code did} {@code n't}):
     * annotators after ours would read a token the tokenizer never makes, and tokenizing the new text again would
     * give other tokens than the document holds. So a written token the tokenizer would split becomes the tokens
     * it makes ({@link DocumentEditor#splitAsTokenized}: its text stays); under {@code tokenize.whitespace} none
     * is split. Returns the new tokens besides the written ones (each split token is its own first piece).
     */
    private List<CoreLabel> splitAsTokenized(Annotation doc, Collection<CoreLabel> written) {
        List<CoreLabel> added = new ArrayList<>();
        DocumentEditor.splitAsTokenized(doc, written, tokenizerWords::tokenize).values()
                .forEach(pieces -> added.addAll(pieces.subList(1, pieces.size())));
        return added;
    }

    /**
     * Replaces the sentences a template gave a new length ({@link DocumentEditor#replaceSentences}) and gives
     * their new tokens words and records: kept tokens their old word and NER class, written ones the model's.
     * Returns the new tokens.
     */
    private List<CoreLabel> replaceResized(Annotation doc, List<CoreMap> sentences, ModelInput input,
            RecordedResults recorded, Upstream upstream) {
        List<CoreLabel> replaced = new ArrayList<>();
        Map<CoreMap, List<CoreLabel>> before = new IdentityHashMap<>();
        recorded.resized.keySet().forEach(s -> before.put(s, s.get(CoreAnnotations.TokensAnnotation.class)));
        DocumentEditor.replaceSentences(doc, recorded.resized);
        for (int s = 0; s < sentences.size(); s++) {
            List<CoreLabel> old = before.get(sentences.get(s));
            if (old == null) {
                continue;
            }
            List<CoreLabel> fresh = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
            for (int i = 0; i < fresh.size(); i++) {
                CoreLabel t = fresh.get(i);
                boolean kept = i < old.size() && !input.written().get(s)[i];
                if (kept) { // its text is the old originalText; its word is what the tokenizer made of it
                    t.setWord(old.get(i).word());
                    t.setValue(old.get(i).value());
                } else {
                    tokenizerWords.normalise(t, recorded.modelWords.get(sentences.get(s)).get(i));
                    t.set(DiffusionAnnotations.Word.class, t.word());
                    if (i < old.size()) {
                        t.set(DiffusionAnnotations.OriginalWord.class, old.get(i).word());
                    }
                }
                if (upstream.ner()) {
                    t.setNER(kept && old.get(i).ner() != null ? old.get(i).ner() : "O");
                }
                replaced.add(t);
            }
        }
        return replaced;
    }

    /**
     * The model's words for each sentence: infilled (with leaked entities sampled again) or rewritten (with the
     * sentences that cannot be rewritten left as they are, their {@code written} cleared). With {@code suggestions},
     * an infill adds each sentence's {@link FillSuggestions} to {@code suggested}.
     */
    private List<List<String>> sample(DiffusionLM lm, Annotation doc, List<CoreMap> sentences, ModelInput input,
            List<List<List<Suggestion>>> suggested) {
        if (settings.task == DiffusionSettings.Task.INFILL) {
            return infill(lm, sentences, input, suggested);
        }
        List<boolean[]> keep = input.kept();
        Set<Integer> leftAsTheyAre = new java.util.HashSet<>(); // sentence indexes the model must not see
        for (int s = 0; s < keep.size(); s++) {
            if (keep.get(s).length == 0) { // no tokens (a document built by hand): nothing to rewrite, nor to warn of
                leftAsTheyAre.add(s);
            }
        }
        for (LeftAsItIs reason : leftAsItIs()) { // pass by pass: a sentence is left for the first reason that holds
            for (int s = 0; s < keep.size(); s++) {
                String why = leftAsTheyAre.contains(s) ? null : reason.why(lm, input.words().get(s), keep.get(s));
                if (why != null) {
                    LOG.warn("annotator \"{}\": sentence {} left as it is: {}", settings.shown, s + 1, why);
                    leaveAsItIs(s, input.written(), keep, leftAsTheyAre);
                }
            }
        }
        warnOfLookAlikesRewritten(doc, sentences, leftAsTheyAre);
        return rewrite(lm, sentences, input, keep, leftAsTheyAre);
    }

    /**
     * The sentences infilled (with leaked entities sampled again), and with {@code suggestions} each sentence's
     * {@link FillSuggestions} added to {@code suggested}. Package-private for tests.
     */
    List<List<String>> infill(DiffusionLM lm, List<CoreMap> sentences, ModelInput input,
            List<List<List<Suggestion>>> suggested) {
        List<List<String>> results = lm.infillAll(input.words(), constraints, options, DOCUMENT);
        if (settings.suggestions > 0) { // from what this pass read, not what a pass sampled again reads
            suggested.addAll(FillSuggestions.read(lm, input.words(), results, constraints, options,
                    settings.suggestions, tokenizerWords));
        }
        resampleLeakedEntities(lm, sentences, input.words(), input.written(), results);
        return results;
    }

    /**
     * A rewrite reads a mask look-alike as a word (a light one keeps it as it was), which is said of the sentences it
     * rewrites: one left as it is is not rewritten, and its warning says so already. Their text is read in its place
     * in the document's (the others' blanked), so the warning gives the character as infill's does.
     */
    private void warnOfLookAlikesRewritten(Annotation doc, List<CoreMap> sentences, Set<Integer> leftAsTheyAre) {
        char[] text = doc.get(CoreAnnotations.TextAnnotation.class).toCharArray();
        List<CoreLabel> tokens = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            CoreMap sentence = sentences.get(s);
            Integer begin = sentence.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
            Integer end = sentence.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
            if (!leftAsTheyAre.contains(s)) {
                List<CoreLabel> its = sentence.get(CoreAnnotations.TokensAnnotation.class);
                tokens.addAll(its == null ? List.of() : its);
            } else if (begin != null && end != null) {
                int from = Math.min(Math.max(0, begin), text.length);
                Arrays.fill(text, from, Math.max(from, Math.min(text.length, end)), ' ');
            }
        }
        String instead = "is rewritten as a word";
        warnOfMasksInAnotherCase(new String(text), instead);
        warnOfGluedMasks(tokens, instead);
    }

    /**
     * A document annotated again (by this annotator, or another with other settings) is a new run on its
     * current text, as with CoreNLP's own annotators, which set their keys anew on every run: our keys must
     * say what this run did. Records an earlier run left on tokens and sentences this run does not write
     * would read as this run's edits (an {@code OriginalWord} on a token nobody changed now), so they go.
     */
    private static void forgetEarlierRun(Annotation doc) {
        doc.remove(DiffusionAnnotations.GeneratedSentences.class);
        List<CoreMap> sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
        for (CoreMap sentence : sentences == null ? List.<CoreMap>of() : sentences) {
            sentence.remove(DiffusionAnnotations.Text.class);
            sentence.remove(DiffusionAnnotations.OriginalText.class);
            sentence.remove(DiffusionAnnotations.Windows.class);
            sentence.remove(DiffusionAnnotations.Generated.class);
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            for (CoreLabel t : tokens == null ? List.<CoreLabel>of() : tokens) {
                t.remove(DiffusionAnnotations.OriginalWord.class);
                t.remove(DiffusionAnnotations.Word.class);
                t.remove(DiffusionAnnotations.Suggestions.class);
            }
        }
    }

    /**
     * A reason {@link #sample} leaves a rewrite's sentence as it is, with a warning (it depends on the text, so it does
     * not fail the document: under CoreNLP's {@code -threads} a failing document leaves the run waiting forever).
     */
    @FunctionalInterface
    private interface LeftAsItIs {
        /**
         * @param words the sentence's words as the model reads them; {@code keep} its keep mask
         * @return what the warning says after "sentence 2 left as it is: ", or null where this reason does not hold
         */
        String why(DiffusionLM lm, List<String> words, boolean[] keep);
    }

    /**
     * The reasons a rewrite's sentence is left as it is, in the order of {@link #sample}'s passes (each warns of the
     * sentences it leaves, the first that holds leaving a sentence): a {@code keep} index past its end, an explicit
     * template core refuses for its length, a kept token past that template. {@link #rewriteRows} reads the same,
     * counting no rows for such a sentence.
     */
    private List<LeftAsItIs> leftAsItIs() {
        return List.of(this::keptPastTheEnd, this::templateOfAnotherLength, this::keptOutsideTemplate);
    }

    /**
     * A {@code keep} index past a sentence's last token names a token the sentence does not have: the
     * rewrite the user asked for (that token kept) cannot be done. It was ignored without a word, the whole
     * sentence rewritten; the command line refuses such a line and the OpenNLP tool passes it through with a
     * message. Here, as with a kept token outside the template, the sentence is left as it is with a warning.
     */
    private String keptPastTheEnd(DiffusionLM lm, List<String> words, boolean[] keep) {
        int last = settings.keepIndexes.stream().mapToInt(Integer::intValue).max().orElse(0); // 1-based
        int size = keep.length;
        return last <= size ? null : settings.shown + ".keep = " + keepText() + " keeps token " + last
                + ", but the sentence has only " + size + " tokens (indexes 1-" + size + ")";
    }

    /** Sentence {@code s} left as it is: nothing of it written, every token kept, and the model never sees it. */
    private static void leaveAsItIs(int s, List<boolean[]> written, List<boolean[]> keep, Set<Integer> leftAsTheyAre) {
        Arrays.fill(written.get(s), false);
        Arrays.fill(keep.get(s), true);
        leftAsTheyAre.add(s);
    }

    /**
     * An explicit template longer than the model is taken only for a sentence of its own length, which core rewrites
     * window by window: a sentence of another length is left as it is, with a warning in core's words, as with a kept
     * token outside the template.
     */
    private String templateOfAnotherLength(DiffusionLM lm, List<String> words, boolean[] keep) {
        String refusal = templateRefusal(lm, keep.length);
        return refusal == null ? null : settings.shown + ".syntax: " + refusal;
    }

    /**
     * Core's refusal of the explicit template for a sentence of {@code tokens} tokens ({@link
     * Constraints#requireRewriteTemplateFits}: one longer than the model, and not of the sentence's length), or null.
     */
    private String templateRefusal(DiffusionLM lm, int tokens) {
        if (settings.template == null) {
            return null;
        }
        try {
            Constraints.requireRewriteTemplateFits(settings.template.size(), lm.info().config().maxLength(),
                    SentenceNaming.ONE.sentence(0), tokens);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * With an explicit template a rewritten sentence has the template's length, so a sentence that keeps a
     * token past it cannot be rewritten. That depends on the input, not the settings: such a sentence is
     * left as it is, with a warning, rather than failing the document.
     */
    private String keptOutsideTemplate(DiffusionLM lm, List<String> words, boolean[] keep) {
        if (settings.template == null) {
            return null;
        }
        int t = settings.template.size();
        int i = firstKeptOutside(keep, t);
        return i < 0 ? null : "it keeps token " + (i + 1) + " ('" + Visible.of(words.get(i)) + "'), but "
                + settings.shown + ".syntax has " + t + " tags, and a rewritten sentence has the template's length ("
                + settings.shown + ".keep = " + keepText() + ")";
    }

    private static int firstKeptOutside(boolean[] keep, int templateLength) {
        for (int i = templateLength; i < keep.length; i++) {
            if (keep[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How core's refusals name the document's sentences and their tokens: from 1, as the annotator's own warnings do
     * ("sentence 3 left as it is: it keeps token 2") and {@code keep} counts tokens (CoreNLP's {@code index}); in
     * every task's call: rewrite, infill (a sentence sampled again too) and its suggestions.
     */
    static final SentenceNaming DOCUMENT = new SentenceNaming("sentence", false, 1, 1);

    /**
     * Rewrites under the constraints. An explicit template gives every sentence the template's length (kept
     * tokens must lie inside it); {@code syntax=keep} gives each sentence its own tags ({@link KeptSyntaxRewrite}:
     * one core call, which rewrites a sentence longer than the model window by window). A sentence holding a {@code
     * [MASK]} is tagged again once core has filled it ({@link #filledTagging}). Kept tokens
     * come back verbatim, words the model does not know included. Sentences {@code leftAsTheyAre} stay as they
     * are: under a template, even a sentence with every token kept would come back at the template's length.
     * Package-private for tests.
     */
    List<List<String>> rewrite(DiffusionLM lm, List<CoreMap> sentences, ModelInput input, List<boolean[]> keep,
            Set<Integer> leftAsTheyAre) {
        List<List<String>> words = input.words();
        if (leftAsTheyAre.size() == words.size()) { // nothing to rewrite: core is not called
            return new ArrayList<>(words);
        }
        // One call, which core refuses before it samples any sentence, each sampled with the seed of its place in the
        // document. A sentence left as it is (an empty one among them) is given as an empty sentence without a
        // template, which core gives back empty, sampling nothing of it: given its words, every token kept, core would
        // still sample a row of it for nothing (it never keeps a mask: it would fill it and, under syntax=keep, tag
        // it), which the server's work count counts as none.
        List<List<String>> given = new ArrayList<>();
        List<boolean[]> keeps = new ArrayList<>();
        for (int s = 0; s < words.size(); s++) {
            boolean left = leftAsTheyAre.contains(s);
            given.add(left ? List.of() : words.get(s));
            keeps.add(left ? new boolean[0] : keep.get(s));
        }
        List<List<String>> out;
        if (settings.syntaxKeep) {
            List<List<Upos>> tags = new ArrayList<>();
            for (int s = 0; s < words.size(); s++) {
                tags.add(leftAsTheyAre.contains(s) ? List.of()
                        : PtbToUpos.of(sentences.get(s).get(CoreAnnotations.TokensAnnotation.class)));
            }
            // a sentence holding a [MASK] under the pipeline's tags of its words once core has filled it
            out = KeptSyntaxRewrite.rewrite(lm, tags, given, keeps, settings.strength, constraints, options, DOCUMENT,
                    filledTagging(sentences, input, keep));
        } else {
            List<Constraints> each = new ArrayList<>();
            for (int s = 0; s < words.size(); s++) {
                each.add(leftAsTheyAre.contains(s) ? constraints.withTemplate(null) : constraints);
            }
            out = lm.rewriteAll(given, keeps, settings.strength, each, options, DOCUMENT,
                    filledTagging(sentences, input, keep));
        }
        out = new ArrayList<>(out);
        for (int s : leftAsTheyAre) {
            out.set(s, words.get(s));
        }
        if (settings.template == null && !settings.syntaxKeep) {
            return out;
        }
        for (int s = 0; s < out.size(); s++) { // a template rewrite gives kept words back as the model knows them
            List<String> result = new ArrayList<>(out.get(s));
            for (int i = 0; i < keep.get(s).length && i < result.size(); i++) {
                if (keep.get(s)[i]) {
                    result.set(i, words.get(s).get(i));
                }
            }
            out.set(s, result);
        }
        return out;
    }

    /**
     * What core does with a sentence holding a {@code [MASK]} once it has filled it ({@link FilledTagging}), for the
     * call on the document's sentences; null for nothing (neither {@code syntax=keep} nor UPOS
     * classes in {@code keep}). The pipeline's {@code pos} tags the sentence's words as the document holds them, the
     * model's words only at its masks (a token the model reads as {@code [UNK]}, "3 1/2" with its no-break space, is
     * tagged as itself). Under {@code syntax=keep} those tags are its template; the classes {@code keep} names are
     * read off them (not off the masked sentence's tags, where the mask's moves its neighbours': "They [MASK] work
     * today." has "work" a noun, "They can work today." a verb), with its kept indexes; that keep mask, as core fits
     * it and tells it ({@link FilledTagging#replacingKeep(FilledTagging.Keep, FilledTagging.Kept)}: no mask's
     * position kept, nor a token past the template), is written into {@code keep} and {@code written} (what the
     * document takes of the model's words).
     */
    private FilledTagging filledTagging(List<CoreMap> sentences, ModelInput input, List<boolean[]> keep) {
        boolean classes = !settings.keepUpos.isEmpty();
        if (!settings.syntaxKeep && !classes) {
            return null;
        }
        FilledTagging filled = FilledTagging.by((s, words) -> {
            List<CoreLabel> tokens = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
            List<String> read = new ArrayList<>(words.size());
            for (int i = 0; i < words.size(); i++) { // the model's word only where it filled a mask
                boolean mask = input.words().get(s).get(i).equals(DiffusionLM.MASK);
                read.add(mask ? tokenizerWords.word(words.get(i)) : tokens.get(i).word());
            }
            return PipelineTagger.tags(tagger.get(), read);
        });
        if (settings.syntaxKeep) {
            filled = filled.replacingTemplates();
        }
        if (classes) {
            filled = filled.replacingKeep((s, words, tags) -> {
                boolean[] k = new boolean[words.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = settings.keepIndexes.contains(i + 1) || settings.keepUpos.contains(tags.get(i));
                }
                return k;
            }, (s, k) -> { // as core fitted it: no mask's position kept, nor a token past the template
                boolean[] write = input.written().get(s);
                for (int i = 0; i < k.length; i++) {
                    keep.get(s)[i] = k[i];
                    write[i] = !k[i];
                }
            });
        }
        return filled;
    }

    private String keepText() {
        List<String> parts = new ArrayList<>();
        settings.keepIndexes.forEach(i -> parts.add(String.valueOf(i)));
        settings.keepUpos.forEach(u -> parts.add(u.name()));
        return String.join(",", parts);
    }

    /**
     * Pseudonymisation must not give a name back: where a position masked by an {@code ner:} rule got its own
     * word again, that sentence is sampled again with another seed (at most {@value #RESAMPLE_TRIES} times;
     * the seeds are fixed, so the result stays deterministic). The retries sample even when the first
     * pass was greedy (infill's default), since a greedy pass gives the same word back whatever the seed.
     */
    private void resampleLeakedEntities(DiffusionLM lm, List<CoreMap> sentences, List<List<String>> words,
            List<boolean[]> written, List<List<String>> results) {
        if (settings.maskNer.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= RESAMPLE_TRIES; attempt++) {
            List<Integer> leaking = new ArrayList<>();
            for (int s = 0; s < sentences.size(); s++) {
                if (leaks(sentences.get(s), written.get(s), results.get(s))) {
                    leaking.add(s);
                }
            }
            if (leaking.isEmpty()) {
                return;
            }
            for (int s : leaking) {
                double t = options.temperature().orElse(SamplingOptions.INFILL_TEMPERATURE);
                SamplingOptions again = options.toBuilder().seed(options.sentenceSeed(s) + 1_000_003L * attempt)
                        .temperature(t > 0 ? t : SamplingOptions.SAMPLING_TEMPERATURE).build();
                // named as the document's sentence s, as the first pass names it
                results.set(s, lm.infillAll(List.of(words.get(s)), constraints, again, DOCUMENT.window(s, 0)).get(0));
            }
        }
    }

    private static final int RESAMPLE_TRIES = 4;

    private boolean leaks(CoreMap sentence, boolean[] write, List<String> result) {
        List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
        for (int i = 0; i < tokens.size(); i++) {
            CoreLabel t = tokens.get(i);
            if (write[i] && ModelInput.isMaskedEntity(settings, t)
                    && Vocabulary.normalized(result.get(i)).equalsIgnoreCase(Vocabulary.normalized(t.word()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A "[mask]" or "[Mask]" in the text is not a mask (only {@value DiffusionLM#MASK} is) and comes back
     * unfilled; without a word the user would not know why. So is one in full-width characters or another model's
     * "<mask>" ({@link CompatibleMasks}). It depends on the text, so it is a warning (a failing document would leave
     * CoreNLP's {@code -threads} run waiting), one per document, for the first. A rewrite reads it as a word, which a
     * light one keeps as it was, so it is named there too (in the sentences rewritten: {@link
     * #warnOfLookAlikesRewritten}): {@code instead} says what becomes of it ("is not filled", "is rewritten as a
     * word").
     */
    private void warnOfMasksInAnotherCase(String text, String instead) {
        int at = MaskSpelling.inAnotherCase(text);
        int[] compatible = CompatibleMasks.first(text);
        if (compatible != null && (at < 0 || compatible[0] < at)) {
            LOG.warn("annotator \"{}\": '{}' at character {} is not a mask and {}: a mask is {} in"
                    + " capitals, in ASCII characters", settings.shown,
                    Visible.of(text.substring(compatible[0], compatible[1])), compatible[0], instead,
                    DiffusionLM.MASK);
        } else if (at >= 0) {
            LOG.warn("annotator \"{}\": '{}' at character {} is not a mask and {}: a mask is {} in"
                    + " capitals", settings.shown, Visible.of(text.substring(at, at + DiffusionLM.MASK.length())), at,
                    instead, DiffusionLM.MASK);
        }
    }

    /**
     * A token that holds a mask with other characters ("[MASK]." under {@code tokenize.whitespace}, which
     * splits only at spaces) is a word, not a mask, and comes back unfilled; named like a mask in another
     * case, once per document. {@link MaskSpelling#isGlued}, not {@code isMisspelt}: a token "[mask]" is named by
     * {@link #warnOfMasksInAnotherCase} already, and is not glued to anything.
     */
    private void warnOfGluedMasks(List<CoreLabel> tokens, String instead) {
        for (CoreLabel t : tokens) {
            String w = t.originalText() != null ? t.originalText() : t.word();
            if (w != null && MaskSpelling.isGlued(w)) {
                LOG.warn("annotator \"{}\": the token '{}' at character {} holds a mask glued to other characters"
                        + " and {}: put spaces around {} (the tokenizer kept them together)",
                        // an ESC in it shown, not run
                        settings.shown, Visible.of(w), t.beginPosition(), instead, DiffusionLM.MASK);
                return;
            }
        }
    }

    private void generate(Annotation doc, Upstream upstream) {
        List<List<String>> generated = model().generate(settings.count, constraints, options);
        List<String> texts = new ArrayList<>();
        List<List<String>> written = new ArrayList<>(); // the model's quotes as the " a user types
        List<List<String>> nonEmpty = new ArrayList<>(); // as the model wrote them, one per sentence appended
        for (List<String> words : generated) {
            written.add(words.stream().map(TokenizerWords::text).toList());
            texts.add(String.join(" ", written.get(written.size() - 1)));
            if (!words.isEmpty()) {
                nonEmpty.add(words);
            }
        }
        doc.set(DiffusionAnnotations.GeneratedSentences.class, texts);
        if (settings.replace) {
            List<CoreMap> added = DocumentEditor.appendSentences(doc, written);
            for (int s = 0; s < added.size(); s++) {
                List<CoreLabel> tokens = added.get(s).get(CoreAnnotations.TokensAnnotation.class);
                for (int i = 0; i < tokens.size(); i++) {
                    tokenizerWords.normalise(tokens.get(i), nonEmpty.get(s).get(i));
                }
            }
            Set<CoreLabel> all = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            added.forEach(s -> all.addAll(s.get(CoreAnnotations.TokensAnnotation.class)));
            all.addAll(splitAsTokenized(doc, all));
            retag(added, all, upstream);
        }
    }

    /**
     * After replacing words: when {@code pos} ran before this annotator, the tagger of the pipeline this instance
     * was made for ({@link PipelineTagger}) tags the changed sentences again, and lemmas of changed tokens are
     * recomputed when {@code lemma} ran. NER tags are kept: a replaced slot keeps the class of what it replaced
     * (but not the values NER derived from the old words: {@link EntityValues}).
     */
    private void retag(List<CoreMap> sentences, Collection<CoreLabel> changed, Upstream upstream) {
        if (sentences.isEmpty()) {
            return;
        }
        if (upstream.pos()) {
            Annotation part = new Annotation("");
            part.set(CoreAnnotations.SentencesAnnotation.class, sentences);
            tagger.get().annotate(part);
        }
        if (upstream.lemma()) {
            for (CoreLabel t : changed) {
                if (t.tag() != null) {
                    t.setLemma(Morphology.lemmaStatic(t.word(), t.tag()));
                }
            }
        }
    }

    @Override
    public Set<Class<? extends CoreAnnotation>> requirementsSatisfied() {
        Set<Class<? extends CoreAnnotation>> s = new LinkedHashSet<>(Arrays.asList(DiffusionAnnotations.Text.class,
                DiffusionAnnotations.OriginalText.class, DiffusionAnnotations.Windows.class,
                DiffusionAnnotations.OriginalWord.class, DiffusionAnnotations.Word.class));
        if (settings.task == DiffusionSettings.Task.GENERATE) {
            s.add(DiffusionAnnotations.GeneratedSentences.class);
            s.add(DiffusionAnnotations.Generated.class);
        }
        if (settings.suggestions > 0) {
            s.add(DiffusionAnnotations.Suggestions.class);
        }
        return s;
    }

    @Override
    public Set<Class<? extends CoreAnnotation>> requires() {
        return settings.requires();
    }

    @Override
    public Collection<String> exactRequirements() {
        return settings.requiredAnnotators();
    }
}
