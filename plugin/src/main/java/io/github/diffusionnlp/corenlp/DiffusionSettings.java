package io.github.diffusionnlp.corenlp;

import com.google.common.primitives.Ints;
import edu.stanford.nlp.ling.CoreAnnotation;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotator;
import edu.stanford.nlp.pipeline.ProtobufAnnotationSerializer;
import edu.stanford.nlp.util.EditDistance;
import io.github.diffusionnlp.api.Constraints;
import io.github.diffusionnlp.api.Devices;
import io.github.diffusionnlp.api.DiffusionLM;
import io.github.diffusionnlp.api.SamplingOptions;
import io.github.diffusionnlp.api.SamplingRange;
import io.github.diffusionnlp.checkpoint.MissingPath;
import io.github.diffusionnlp.checkpoint.ModelCheckpoint;
import io.github.diffusionnlp.corpus.CorpusLayout;
import io.github.diffusionnlp.corpus.MultiwordTokens;
import io.github.diffusionnlp.corpus.Upos;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.model.Numbers;
import io.github.diffusionnlp.model.Precision;
import io.github.diffusionnlp.model.Sentiment;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The {@code NAME.*} properties of one {@link DiffusionAnnotator}, read and checked. Every bad value fails
 * with an {@link IllegalArgumentException} naming the property, the value and what is allowed.
 */
public final class DiffusionSettings {
    public enum Task { INFILL, REWRITE, GENERATE }

    /** The property suffixes this annotator reads ({@code NAME.suffix}). */
    public static final List<String> KEYS = List.of("model", "device", "precision", "task", "steps", "seed",
            "batchSize", "temperature", "x0Temperature", "ngramWeight", "ngramCorpus", "ngramLayout", "ngramMultiword",
            "bannedWords", "strength", "keep", "mask", "count", "length", "replace", "sentiment", "syntax",
            "guidance", "unguidedLength", "drawLength", "candidates", "lexical", "suggestions");

    /** The UPOS tags, for messages. */
    static final String UPOS_TAGS = Upos.names();

    /** The name every example gives this annotator ({@code customAnnotatorClass.diffusion}). */
    static final String USUAL_NAME = "diffusion";

    /**
     * Set (to {@code true}) by this jar's main where it registered ours as {@value #USUAL_NAME} itself, the user
     * having registered no annotator of that name ({@code DiffusionCoreNLP.REGISTRATION}).
     */
    static final String REGISTERED_BY_DEFAULT = "diffusionnlp.registeredByDefault";

    private static final Pattern NER_CLASS = Pattern.compile("[A-Z][A-Z0-9_-]*");

    final String name;
    /** {@link #name} as a message shows it ({@link Visible#of}): a name with a line break or ESC is legal. */
    final String shown;
    final Path model; // null: the shipped default model
    final String device; // null: the engine's default
    final Precision precision;
    final Task task;
    final int steps;
    final long seed;
    final int batchSize;
    final Double temperature;
    final double x0Temperature;
    final double ngramWeight; // 0: no n-gram fusion
    final Path ngramCorpus; // null: the model's training corpus
    final CorpusLayout ngramLayout; // null: unsaid (guessed; the model's own corpus as the model recorded)
    final MultiwordTokens ngramMultiword; // null: unsaid (as the model's corpus was read; parts unrecorded)
    final Set<String> bannedWords; // the words the model never writes: the default list unless a file is named
    final double strength;
    final Set<Integer> keepIndexes; // 1-based token indexes, as CoreNLP's IndexAnnotation
    final Set<Upos> keepUpos;
    final Set<String> maskNer;
    final Set<Upos> maskUpos;
    final int count;
    final int length;

    /**
     * The most sentences one generate call writes. The annotator samples them all at once and holds them in
     * the document (a server request's answer too), so a request cannot ask for unbounded memory; the
     * command line and the OpenNLP tool write each batch as it is sampled and need no cap.
     */
    static final int MAX_COUNT = 10_000;
    /** What {@code suggestions} allows, less the model's own bound, which the annotator adds once it is loaded. */
    static final String SUGGESTIONS_ALLOWED = "an integer from 0 (none) to the words the model knows (11998 for the"
            + " shipped model): each filled token's likeliest words with their probabilities";
    final boolean replace;
    final Sentiment sentiment; // null: none
    final boolean syntaxKeep; // syntax=keep: each sentence's own tags are its template
    final List<Upos> template; // null: none; an explicit syntax template
    final double guidance;
    final boolean unguidedLength; // guidance leaves [PAD] (the length) at the conditioned pass's probability
    // each generated sentence's length drawn from the model's training rows' first; null: the library's default,
    // drawn where the length is free, guided and recorded
    final Boolean drawLength;
    final int candidates; // best of k, ranked by the sentiment lexicon
    final boolean lexical; // also forbid words the tag and sentiment lexicons contradict
    final int suggestions; // infill: each filled token's k likeliest words (DiffusionLM.suggest); 0: none

    private final ServerLimits limits; // null: not a server request, every path may be read

    /** Reads {@code name.*} from the pipeline's properties; does not check that features exist in core. */
    public static DiffusionSettings read(String name, Properties props) {
        return new DiffusionSettings(name, props, null);
    }

    /**
     * As {@link #read(String, Properties)}, for a server request when {@code limits} is not null: a path-valued
     * property ({@code model}, {@code ngramCorpus}, {@code bannedWords}) must be one the operator allows
     * ({@link ServerLimits#requireAllowed}), checked before anything is read from it.
     */
    static DiffusionSettings read(String name, Properties props, ServerLimits limits) {
        return new DiffusionSettings(name, props, limits);
    }

    private DiffusionSettings(String name, Properties props, ServerLimits limits) {
        this.name = name;
        this.shown = Visible.of(name);
        this.limits = limits;
        String prefix = name + ".";
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix) && !KEYS.contains(key.substring(prefix.length()))) {
                String unknown = key.substring(prefix.length());
                throw bad(unknown, props.getProperty(key), closestKey(unknown).map(k -> "did you mean " + prefix + k
                        + "? ").orElse("") + "a known property: " + prefix + String.join(", " + prefix, KEYS));
            }
        }
        checkMisspeltPrefixes(props);
        String taskValue = get(props, "task", "infill").toLowerCase(Locale.ROOT);
        switch (taskValue) {
            case "infill" -> task = Task.INFILL;
            case "rewrite" -> task = Task.REWRITE;
            case "generate" -> task = Task.GENERATE;
            default -> throw bad("task", taskValue, "infill, rewrite or generate");
        }
        String modelValue = props.getProperty(prefix + "model");
        if (modelValue == null || modelValue.isBlank()) {
            model = null;
        } else {
            String allowed = "a model directory (one with config.json, vocab.txt, model.params, warp.tsv), or no value"
                    + " for the shipped model";
            model = pathValue("model", modelValue.trim(), allowed, true);
            if (!Files.isRegularFile(model.resolve(ModelCheckpoint.CONFIG))) {
                throw bad("model", modelValue, allowed + "; " + MissingPath.named(model)
                        + (Files.isDirectory(model) ? " has no config.json" : " does not exist"
                                + MissingPath.tildeHint(model)));
            }
        }
        String deviceValue = props.getProperty(prefix + "device");
        if (deviceValue == null || deviceValue.isBlank() || deviceValue.trim().equalsIgnoreCase("auto")) {
            device = null;
        } else {
            try {
                Devices.parse(deviceValue); // an unknown name or a GPU this machine lacks fails here
            } catch (IllegalArgumentException e) {
                throw bad("device", deviceValue, Devices.ALLOWED + " (" + reason(e) + ")");
            }
            device = deviceValue.trim().toLowerCase(java.util.Locale.ROOT);
        }
        String precisionValue = get(props, "precision", "");
        if (precisionValue.isEmpty()) {
            precision = Precision.FP32;
        } else {
            try {
                precision = Precision.parse(precisionValue); // bf16 is refused here with its reason
            } catch (IllegalArgumentException e) {
                throw bad("precision", precisionValue, Precision.ALLOWED + " (" + reason(e) + ")");
            }
        }
        steps = (int) rangedValue(props, "steps", SamplingOptions.DEFAULT_STEPS, SamplingRange.STEPS,
                Numbers::parseInt);
        seed = longValue(props, "seed", 0);
        batchSize = (int) rangedValue(props, "batchSize", 32, SamplingRange.BATCH_SIZE, Numbers::parseInt);
        // unset: the task's default (infill the most likely words, generate and rewrite samples)
        temperature = isSet(props, "temperature")
                ? rangedValue(props, "temperature", 1.0, SamplingRange.TEMPERATURE, Double::parseDouble) : null;
        x0Temperature = rangedValue(props, "x0Temperature", 1.0, SamplingRange.X0_TEMPERATURE, Double::parseDouble);
        ngramWeight = rangedValue(props, "ngramWeight", 0.0, SamplingRange.NGRAM_WEIGHT, Double::parseDouble);
        String corpusValue = get(props, "ngramCorpus", "");
        check(corpusValue.isEmpty() || ngramWeight > 0, "ngramCorpus", corpusValue,
                "only with " + prefix + "ngramWeight above 0 (the corpus is what fusion counts its trigrams from)");
        if (corpusValue.isEmpty()) {
            ngramCorpus = null;
        } else {
            String allowed = "a readable corpus file (CoNLL-U, word<TAB>UPOS, one word a line or a sentence a line; .gz"
                    + " allowed), or no value for the model's training corpus";
            ngramCorpus = pathValue("ngramCorpus", corpusValue, allowed, false);
            if (!Files.isRegularFile(ngramCorpus) || !Files.isReadable(ngramCorpus)) {
                throw bad("ngramCorpus", corpusValue, allowed + "; " + Visible.of(ngramCorpus.toAbsolutePath())
                        + " is not one");
            }
        }
        // how the corpus is read, in core's names (train --layout, --multiword); unset: as DiffusionLM reads it
        ngramLayout = fusionReading(props, "ngramLayout", CorpusLayout::parse);
        ngramMultiword = fusionReading(props, "ngramMultiword", MultiwordTokens::parse);
        String bannedValue = get(props, "bannedWords", "");
        String bannedAllowed = "a UTF-8 file of one word a line ('#' starts a comment line), the words the model never"
                + " writes, replacing the default list of slurs (an empty file bans none), or no value for that list";
        Path bannedFile = bannedValue.isEmpty() ? null : pathValue("bannedWords", bannedValue, bannedAllowed, false);
        try {
            // read now, as the other properties are checked: a bad file is named before any model loads
            bannedWords = bannedFile == null ? DiffusionLM.defaultBannedWords()
                    : DiffusionLM.readBannedWords(bannedFile);
        } catch (IllegalArgumentException e) {
            throw bad("bannedWords", bannedValue, bannedAllowed + "; " + e.getMessage());
        }
        count = intValue(props, "count", 1, 0, MAX_COUNT, "an integer from 0 to " + MAX_COUNT + " (all of them are"
                + " sampled at once and held in the document; for more, the command line's generate --count and"
                + " OpenNLP's Generate -count write them as they go)");
        length = intValue(props, "length", 0, 0, 10_000,
                "an integer from 0 (a free length) to the model's length (64 for the shipped model)");
        strength = rangedValue(props, "strength", 0.5, SamplingRange.STRENGTH, Double::parseDouble);
        replace = boolValue(props, "replace", true);
        if (limits != null && !replace) {
            checkShownByTheServer(props);
        }
        // the upper bound is the model's, checked once it is loaded (ConfiguredAnnotator)
        suggestions = intValue(props, "suggestions", 0, 0, Integer.MAX_VALUE, SUGGESTIONS_ALLOWED);

        keepIndexes = new TreeSet<>();
        keepUpos = EnumSet.noneOf(Upos.class);
        String keepValue = get(props, "keep", "");
        for (String item : Constraints.listItems(keepValue)) {
            if (item.matches("\\d+")) {
                Integer index = Ints.tryParse(item); // null: past int's range
                if (index == null || index < 1) {
                    throw bad("keep", keepValue,
                            "token indexes from 1 (CoreNLP's index of a sentence's first token) up to"
                            + " the sentence's token count, or UPOS tags " + UPOS_TAGS);
                }
                keepIndexes.add(index);
            } else {
                keepUpos.add(upos(item, () -> bad("keep", keepValue, "a list of token indexes (1 ="
                        + " first token of a sentence) and UPOS tags " + UPOS_TAGS + "; '" + item + "' is neither")));
            }
        }

        maskNer = new TreeSet<>();
        maskUpos = EnumSet.noneOf(Upos.class);
        String maskValue = get(props, "mask", "");
        String maskAllowed = "rules separated by ';', each ner:CLASS[,CLASS...] (NER classes such as PERSON,"
                + " LOCATION, ORGANIZATION) or pos:UPOS[,UPOS...] (UPOS tags " + UPOS_TAGS + ")";
        for (String rule : items(maskValue, ";")) {
            int colon = rule.indexOf(':');
            String kind = colon < 0 ? rule : rule.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            List<String> classes = colon < 0 ? List.of() : items(rule.substring(colon + 1), ",");
            if (classes.isEmpty() || !(kind.equals("ner") || kind.equals("pos"))) {
                throw bad("mask", maskValue, maskAllowed);
            }
            for (String c : classes) {
                java.util.function.Supplier<IllegalArgumentException> notAClass = () -> bad("mask", maskValue,
                        maskAllowed + "; '" + c + "' is not a " + kind.toUpperCase(Locale.ROOT) + " class");
                if (kind.equals("ner") && NER_CLASS.matcher(c).matches() && !c.equals("O")) {
                    maskNer.add(c);
                } else if (kind.equals("pos")) {
                    maskUpos.add(upos(c, notAClass));
                } else {
                    throw notAClass.get();
                }
            }
        }

        String sentimentValue = get(props, "sentiment", "");
        if (sentimentValue.isEmpty()) {
            sentiment = null;
        } else {
            try {
                sentiment = Sentiment.parse(sentimentValue);
            } catch (IllegalArgumentException e) {
                throw bad("sentiment", sentimentValue, "negative, neutral or positive (the sentiment labels the model"
                        + " is conditioned on; CoreNLP's 'very negative' and 'very positive' are not among them)");
            }
        }
        String syntaxValue = get(props, "syntax", "");
        if (syntaxValue.isEmpty()) {
            syntaxKeep = false;
            template = null;
        } else if (syntaxValue.equalsIgnoreCase("keep")) {
            syntaxKeep = true;
            template = null;
        } else {
            syntaxKeep = false;
            List<Upos> tags = new ArrayList<>();
            for (String t : Constraints.listItems(syntaxValue)) {
                tags.add(upos(t, () -> bad("syntax", syntaxValue, "'keep' (each sentence's own tags from the pos"
                        + " annotator) or a template of UPOS tags separated by spaces or commas, from " + UPOS_TAGS
                        + "; '" + t + "' is not one")));
            }
            if (tags.isEmpty()) {
                throw bad("syntax", syntaxValue,
                        "'keep' or a template of UPOS tags separated by spaces or commas, from " + UPOS_TAGS);
            }
            template = List.copyOf(tags);
        }
        guidance = rangedValue(props, "guidance", Constraints.DEFAULT_GUIDANCE, SamplingRange.GUIDANCE,
                Double::parseDouble);
        unguidedLength = boolValue(props, "unguidedLength", false);
        drawLength = isSet(props, "drawLength") ? boolValue(props, "drawLength", false) : null;
        boolean drawAsked = Boolean.TRUE.equals(drawLength);
        candidates = (int) rangedValue(props, "candidates", 1, SamplingRange.CANDIDATES, Numbers::parseInt);
        lexical = boolValue(props, "lexical", false);

        // properties that belong to another task are a mistake, not something to ignore
        check(task == Task.INFILL || maskValue.isEmpty(), "mask", maskValue, "only with " + prefix + "task=infill");
        check(task == Task.REWRITE || !isSet(props, "strength"), "strength",
                props.getProperty(prefix + "strength"), "only with " + prefix + "task=rewrite");
        check(task != Task.GENERATE || keepValue.isEmpty(), "keep", keepValue,
                "only with " + prefix + "task=infill or rewrite");
        check(task == Task.GENERATE || !isSet(props, "count"), "count",
                props.getProperty(prefix + "count"), "only with " + prefix + "task=generate");
        check(task == Task.GENERATE || !isSet(props, "length"), "length",
                props.getProperty(prefix + "length"), "only with " + prefix + "task=generate");
        check(task == Task.INFILL || !isSet(props, "suggestions"), "suggestions",
                props.getProperty(prefix + "suggestions"), "only with " + prefix + "task=infill (the likeliest"
                        + " words at each position infill fills)");
        // the reason is the given task's: generate's alone said nothing to someone infilling
        String infillInstead = "infill keeps each sentence's length and words; to refill words of one class use "
                + prefix + "mask=pos:UPOS";
        check(!syntaxKeep || task == Task.REWRITE, "syntax", syntaxValue, "'keep' only with " + prefix
                + "task=rewrite (" + (task == Task.INFILL ? infillInstead
                        : "generate has no input sentence to take tags from") + ")");
        check(template == null || task != Task.INFILL, "syntax", syntaxValue,
                "only with " + prefix + "task=rewrite or generate (" + infillInstead + ")");
        if (template != null && length != 0 && length != template.size()) {
            throw bad("length", String.valueOf(length), "0 or the length of " + prefix + "syntax (" + template.size()
                    + " tags): the template sets the length");
        }
        check(sentiment != null || candidates == 1, "candidates", props.getProperty(prefix + "candidates"),
                "above 1 only with " + prefix + "sentiment (candidates are ranked by how far the AFINN lexicon rates"
                        + " them toward it)");
        // infill takes no syntax (refused above): name only what it takes, as core's infill names only --sentiment
        check(sentiment != null || syntaxKeep || template != null || !lexical, "lexical", "true", task == Task.INFILL
                ? "only with " + prefix + "sentiment (it holds the filled words to its lexicon)"
                : "only with " + prefix + "sentiment or " + prefix + "syntax (it holds their words to the lexicons)");
        check(sentiment != null || syntaxKeep || template != null || !isSet(props, "guidance"),
                "guidance", props.getProperty(prefix + "guidance"), task == Task.INFILL
                        ? "only with " + prefix + "sentiment (it weighs how hard it is pushed)"
                        : "only with " + prefix + "sentiment or " + prefix + "syntax (it weighs how hard they are"
                                + " pushed)");
        // a drawn length is sentence i's, drawn with its seed: a set length, a template or an input's own is not
        check(!drawAsked || task == Task.GENERATE, "drawLength", "true", "only with " + prefix + "task=generate ("
                + task.name().toLowerCase(Locale.ROOT) + " keeps each sentence's length)");
        check(!drawAsked || length == 0 && template == null, "drawLength", "true", "only at a free length: it draws"
                + " each sentence's length, and " + (length != 0 ? prefix + "length = " + length : prefix + "syntax")
                + " sets it; give one or the other");
        // drawn, [PAD] is given beyond the length and banned before it: no choice of length is left to guide
        check(!drawAsked || !unguidedLength, "unguidedLength", "true", "not with " + prefix + "drawLength = true,"
                + " which chooses the length before sampling; give one or the other");
        // only free-length generation chooses a length ([PAD]), and at guidance 1 nothing is extrapolated
        check(!unguidedLength || task == Task.GENERATE && length == 0 && template == null, "unguidedLength", "true",
                "only with " + prefix + "task=generate at a free length (no " + prefix + "length, no " + prefix
                        + "syntax): elsewhere the length is fixed and there is none to leave out of guidance");
        check(!unguidedLength || guidance != 1, "unguidedLength", "true", "only with " + prefix + "guidance other"
                + " than 1 (at 1 the conditioned pass alone sets every logit, the length's included)");
    }

    /**
     * Refuses {@code replace = false} in a server request unless its answer is written by a custom outputter
     * ({@code outputFormat = custom}, such as {@link DiffusionJsonOutputter}) or a serializer that writes every key
     * ({@link #writesOwnAnnotations}): the results are then only in our own annotations, which CoreNLP's other output
     * formats do not write (they print a fixed list of keys; ours for protobuf writes the document without them), so
     * the request sampled and its answer held the document untouched. The
     * server answers with {@code outputFormat} as CoreNLP's handler reads it: the request's, else the server's
     * (json unless its operator set another). Checked with the properties, before the model loads or anything is
     * sampled, as the jar's main refuses such a run ({@link DiffusionCoreNLP#unshownResults}).
     */
    private void checkShownByTheServer(Properties props) {
        String format = Visible.of(props.getProperty("outputFormat", "json").trim());
        if (!writesOwnAnnotations(format, props)) {
            // worded as ServerLimits words a request's refusal: what the server allows, then the fix
            throw new IllegalArgumentException("annotator \"" + shown + "\": bad " + shown + ".replace = '"
                    + Visible.of(props.getProperty(name + ".replace")) + "'; allowed in a server request answered as "
                    + format + ": true (the default), which writes the results into the document; false keeps them"
                    + " only in the annotator's own annotations, which the " + format + " answer does not hold"
                    + " (CoreNLP's outputters print a fixed list of keys): send outputFormat=custom and"
                    + " customOutputter=" + DiffusionJsonOutputter.class.getName() + " (or DiffusionTextOutputter)"
                    + " with the request, or leave " + shown + ".replace at true");
        }
    }

    /**
     * Whether output of {@code format} under {@code props} may hold the annotator's own annotations: a custom
     * outputter may print them ({@code outputFormat = custom}), and so {@code serialized} writes them through a
     * serializer other than the protobuf ones (CoreNLP's {@code GenericAnnotationSerializer}, Java serialization of
     * the whole document, which a Java caller reads back); CoreNLP's other outputters print a fixed list of keys, and
     * the protobuf serializers (CoreNLP's, the default, and {@link DiffusionProtobufSerializer}) none of ours. The
     * serializer is read as CoreNLP's {@code createOutputter} reads it, for its main and its server alike:
     * {@code outputSerializer}, else {@code serializer}.
     */
    static boolean writesOwnAnnotations(String format, Properties props) {
        if (format.equalsIgnoreCase("custom")) {
            return true;
        }
        String serializer = props.getProperty("outputSerializer",
                props.getProperty("serializer", ProtobufAnnotationSerializer.class.getName())).trim();
        return format.equalsIgnoreCase("serialized")
                && !serializer.equals(ProtobufAnnotationSerializer.class.getName())
                && !serializer.equals(DiffusionProtobufSerializer.class.getName());
    }

    /**
     * The annotations an earlier annotator must have set for this configuration, in the order CoreNLP's check
     * ({@code StanfordCoreNLP}'s constructor under {@code enforceRequirements}) reads them: it names the first that
     * no earlier annotator set. The tokens come first: {@code tokenize} sets TextAnnotation too, so first in the list
     * it was the one named without {@code tokenize}, although every document has a text.
     */
    public Set<Class<? extends CoreAnnotation>> requires() {
        Set<Class<? extends CoreAnnotation>> r = new LinkedHashSet<>();
        if (task != Task.GENERATE) {
            Collections.addAll(r, CoreAnnotations.TokensAnnotation.class, CoreAnnotations.SentencesAnnotation.class,
                    CoreAnnotations.TextAnnotation.class, CoreAnnotations.CharacterOffsetBeginAnnotation.class,
                    CoreAnnotations.CharacterOffsetEndAnnotation.class, CoreAnnotations.OriginalTextAnnotation.class);
        } else if (replace) {
            Collections.addAll(r, CoreAnnotations.TokensAnnotation.class, CoreAnnotations.SentencesAnnotation.class,
                    CoreAnnotations.TextAnnotation.class);
        }
        if (needsPos()) {
            r.add(CoreAnnotations.PartOfSpeechAnnotation.class);
        }
        if (!maskNer.isEmpty()) {
            r.add(CoreAnnotations.NamedEntityTagAnnotation.class);
        }
        return r;
    }

    /** The same as {@link #requires()} in CoreNLP's annotator names, for its error message. */
    public List<String> requiredAnnotators() {
        List<String> names = new ArrayList<>();
        if (task != Task.GENERATE || replace) {
            names.add("tokenize");
            names.add("ssplit");
        }
        if (needsPos() || !maskNer.isEmpty()) {
            names.add("pos");
        }
        if (!maskNer.isEmpty()) {
            names.add("lemma");
            names.add("ner");
        }
        return names;
    }

    boolean needsPos() {
        return !keepUpos.isEmpty() || !maskUpos.isEmpty() || syntaxKeep;
    }

    /** The constraints every sentence shares (with {@code syntax=keep}, each sentence adds its own template). */
    public Constraints constraints() {
        return new Constraints(sentiment, template, guidance, null, candidates, lexical);
    }

    /** Parses one UPOS tag (any case, {@link Upos#parse}), or throws what {@code error} gives. */
    private static Upos upos(String tag, java.util.function.Supplier<IllegalArgumentException> error) {
        try {
            return Upos.parse(tag);
        } catch (IllegalArgumentException e) {
            throw error.get();
        }
    }

    /**
     * The known property a misspelt one most likely meant: the same but for case, or at most two edits away
     * (CoreNLP's {@link EditDistance}, transpositions counting as one), the nearest first.
     */
    static Optional<String> closestKey(String unknown) {
        EditDistance distance = new EditDistance(true);
        String lower = unknown.toLowerCase(Locale.ROOT);
        return KEYS.stream().filter(k -> distance.score(lower, k.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingDouble(k -> distance.score(lower, k.toLowerCase(Locale.ROOT))));
    }

    /**
     * Fails on a key like {@code difusion.steps} for an annotator named {@code diffusion}. CoreNLP hands each
     * annotator the whole properties and each reads its own prefix, so such a key is read by nobody and the user
     * silently gets the default. It is taken for ours when its prefix is near our name (in any case), is no other
     * annotator's (the pipeline's {@code annotators}, a {@code customAnnotatorClass.*}, CoreNLP's own names) and
     * the rest is one of our properties. Near {@value #USUAL_NAME} counts as near for an annotator given another
     * name ({@code customAnnotatorClass.rw}): every example names ours so, and a {@code diffusion.task} kept after
     * renaming it was nobody's too (unless an annotator of the pipeline is so named: a misspelling is then its).
     */
    private void checkMisspeltPrefixes(Properties props) {
        Set<String> annotators = annotatorNames(props);
        EditDistance distance = new EditDistance(true);
        // a short name has short neighbours that are other annotators' (pos, ner): one edit only
        int nearEnough = name.length() > 4 ? 2 : 1;
        for (String key : props.stringPropertyNames()) {
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? "" : key.substring(0, dot);
            String rest = key.substring(dot + 1);
            String lower = prefix.toLowerCase(Locale.ROOT);
            if (dot > 0 && !prefix.equals(name) && KEYS.contains(rest) && !annotators.contains(prefix)
                    && (distance.score(lower, name.toLowerCase(Locale.ROOT)) <= nearEnough
                            || !annotators.contains(USUAL_NAME) && distance.score(lower, USUAL_NAME) <= 2)) {
                throw badProperty(key, props.getProperty(key), "did you mean " + name + "." + rest + "? ('" + prefix
                        + "' is not an annotator of this pipeline)");
            }
        }
    }

    /**
     * Every name a property prefix may belong to other than misspelling ours. Ours registered as {@value #USUAL_NAME}
     * by this jar's main ({@value #REGISTERED_BY_DEFAULT}) is not one unless the pipeline runs it: CoreNLP hands
     * that registration to every pipeline of the server or command line, so it says nothing of the user's.
     */
    private static Set<String> annotatorNames(Properties props) {
        Set<String> names = new TreeSet<>(Annotator.DEFAULT_REQUIREMENTS.keySet()); // CoreNLP's own annotators
        names.addAll(Arrays.asList(props.getProperty("annotators", "").split("[,\\s]+")));
        String custom = "customAnnotatorClass.";
        boolean byDefault = Boolean.parseBoolean(props.getProperty(REGISTERED_BY_DEFAULT, "false").trim())
                && DiffusionAnnotator.class.getName().equals(props.getProperty(custom + USUAL_NAME, "").trim());
        props.stringPropertyNames().stream().filter(k -> k.startsWith(custom))
                .filter(k -> !(byDefault && k.equals(custom + USUAL_NAME)))
                .forEach(k -> names.add(k.substring(custom.length())));
        return names;
    }

    /**
     * A setting of how fusion reads its corpus, parsed as core's options are; only with an n-gram weight and a
     * named corpus, as the command line's --layout only with --ngram-corpus FILE: the model's own corpus is always
     * read as the model records it was, so a reading said for it would misread it (its CoNLL-U read as plain text).
     */
    private <T> T fusionReading(Properties props, String key, Function<String, T> parse) {
        String value = get(props, key, "");
        if (value.isEmpty()) {
            return null;
        }
        T reading;
        try {
            reading = parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("annotator \"" + shown + "\": bad " + shown + "." + key + " = '"
                    + Visible.of(value) + "': " + Visible.of(e.getMessage()), e);
        }
        check(ngramWeight > 0 && ngramCorpus != null, key, value, "only with " + shown + ".ngramWeight above 0 and "
                + shown + ".ngramCorpus (it says how that corpus is read; the model's own corpus, fused without it, is"
                + " read as the model records it was)");
        return reading;
    }

    /**
     * {@code value} as a path, or a bad value of {@code key} when Java cannot take it (a NUL; under {@code LANG=C}, a
     * character outside ASCII), which escaped as CoreNLP's reflection stack trace (the server's HTTP 500). In a
     * server request, only a path the operator allows ({@link ServerLimits#requireAllowed}; {@code isModel}: the
     * default model too), before anything looks at it.
     */
    private Path pathValue(String key, String value, String allowed, boolean isModel) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw bad(key, value, allowed + "; " + Visible.of(e.getMessage())); // Java's message quotes the path
        }
        if (limits != null) {
            limits.requireAllowed(name, key, value, path, isModel);
        }
        return path;
    }

    /** Core's refusal without the allowed values it ends with, which this annotator's message names first. */
    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage();
        int allowed = message.indexOf("; allowed: ");
        return allowed < 0 ? message : message.substring(0, allowed);
    }

    private IllegalArgumentException bad(String key, String value, String allowed) {
        return badProperty(name + "." + key, value, allowed);
    }

    private IllegalArgumentException badProperty(String property, String value, String allowed) {
        // the value as written, but for what a terminal or log would not show (a NUL, an ESC sequence, a bidi mark);
        // the property and what is allowed name the annotator (NAME.steps), which the operator's properties name:
        // quoted as a whole, as what they quote of the user's is quoted already (Visible.of leaves its output so)
        return new IllegalArgumentException("annotator \"" + shown + "\": bad " + Visible.of(property) + " = '"
                + Visible.of(value) + "'; allowed: " + Visible.of(allowed));
    }

    private void check(boolean ok, String key, String value, String allowed) {
        if (!ok) {
            throw bad(key, value, allowed);
        }
    }

    /**
     * Whether {@code NAME.key} is given: by getProperty, which also reads a {@code new Properties(defaults)}'s
     * defaults (containsKey does not), and not empty (a property set to nothing is not set, as in CoreNLP).
     */
    private boolean isSet(Properties props, String key) {
        return !get(props, key, "").isEmpty();
    }

    private String get(Properties props, String key, String def) {
        String v = props.getProperty(name + "." + key);
        return v == null ? def : v.trim();
    }

    private static List<String> items(String value, String separator) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(separator)) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private int intValue(Properties props, String key, int def, int min, int max, String allowed) {
        String v = get(props, key, null);
        if (v == null) {
            return def;
        }
        int n;
        try {
            n = Numbers.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, numberAllowed(allowed, v));
        }
        if (n < min || n > max) {
            throw bad(key, v, allowed);
        }
        return n;
    }

    private long longValue(Properties props, String key, long def) {
        String v = get(props, key, null);
        if (v == null) {
            return def;
        }
        try {
            return Numbers.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, numberAllowed("an integer (a 64-bit seed)", v));
        }
    }

    /**
     * A setting whose range every front end shares ({@link SamplingRange}): read by {@code parse}, refused in this
     * annotator's form ("bad diffusion.strength = '1.5'; allowed: ...") with the range's own allowed words.
     */
    private double rangedValue(Properties props, String key, double def, SamplingRange range,
            ToDoubleFunction<String> parse) {
        String v = get(props, key, null);
        if (v == null) {
            return def;
        }
        double d;
        try {
            d = parse.applyAsDouble(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, numberAllowed(range.allowed(), v));
        }
        return range.check(d, v, name + "." + key, this::badProperty);
    }

    /**
     * What a number property allows, saying that its digits are ASCII's when {@code value} is written in others
     * ({@code ٣}, {@code ３}), which Java's Integer.parseInt would have read as 3 ({@link Numbers#parseInt}).
     */
    private static String numberAllowed(String allowed, String value) {
        return Numbers.hasOtherDigits(value) ? allowed + ", " + Numbers.IN_ASCII_DIGITS : allowed;
    }

    private boolean boolValue(Properties props, String key, boolean def) {
        String v = get(props, key, null);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(key, v, "true or false");
    }

    public Task task() {
        return task;
    }

    public boolean replace() {
        return replace;
    }
}
