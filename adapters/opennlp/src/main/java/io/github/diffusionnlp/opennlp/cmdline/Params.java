package io.github.diffusionnlp.opennlp.cmdline;

import io.github.diffusionnlp.api.SamplingOptions;
import opennlp.tools.cmdline.ArgumentParser.OptionalParameter;
import opennlp.tools.cmdline.ArgumentParser.ParameterDescription;

/**
 * The tools' parameters, declared the way OpenNLP declares its own: annotated getter interfaces that
 * {@code ArgumentParser} validates, parses and turns into usage text. Booleans take a value
 * ({@code -tokenized true}); a bare {@code -tokenized} is read as {@code -tokenized true}.
 */
final class Params {
    private Params() {}

    interface ModelParams {
        @ParameterDescription(valueName = "modelDirOrPackage",
                description = "model directory or OpenNLP model package (default: the shipped model"
                        + " test-data/models/brown-cdcd, or -Ddiffusionnlp.model / $DIFFUSION_NLP_MODEL).")
        @OptionalParameter
        String getModel();

        @ParameterDescription(valueName = "auto|cpu|gpu|gpu:N",
                description = "where the model runs; auto takes a GPU when DJL sees one (default: auto).")
        @OptionalParameter(defaultValue = "auto")
        String getDevice();

        @ParameterDescription(valueName = "fp32|fp16",
                description = "number format of the transformer body: fp16 is mixed precision for GPUs (the"
                        + " vocabulary side stays fp32; on a CPU it is slower) (default: fp32).")
        @OptionalParameter(defaultValue = "fp32")
        String getPrecision();
    }

    /**
     * N-gram fusion: the sampling tools' ({@link SamplingParams}) and {@code Suggest}'s, which ranks its words so and
     * samples nothing.
     */
    interface NgramParams {
        @ParameterDescription(valueName = "w", description = "n-gram fusion, 0 to 100: every step leans on a trigram"
                + " counted from -ngramCorpus, and the last picks each word by the network's log-probability + w x the"
                + " trigram's (Suggest ranks its words so: the first is one fused step's) (default: 0, off; 0.7 was"
                + " tuned on dev sentences for infill).")
        @OptionalParameter
        String getNgramWeight();

        @ParameterDescription(valueName = "file", description = "corpus the fusion's trigram is counted from"
                + " (CoNLL-U, word<TAB>UPOS, one word or one sentence a line; .gz allowed; default: the model's"
                + " training corpus, found where its config names it, from the working directory or the model"
                + " directory's parents).")
        @OptionalParameter
        String getNgramCorpus();

        @ParameterDescription(valueName = "auto|conllu|columns|words|plain", description = "how -ngramCorpus is"
                + " laid out, as the command line's --layout (default: guessed from the file); only with -ngramCorpus,"
                + " as the model's training corpus is read as its config records it was.")
        @OptionalParameter
        String getNgramLayout();

        @ParameterDescription(valueName = "surface|parts", description = "how -ngramCorpus's CoNLL-U multiword"
                + " tokens (4-5 del over de el) are read, as the command line's --multiword (default: as the model's"
                + " training corpus was read, parts for models that do not record it, so that the counts are of the"
                + " model's words); only with -ngramCorpus.")
        @OptionalParameter
        String getNgramMultiword();
    }

    interface SamplingParams extends NgramParams {
        @ParameterDescription(valueName = "num", description = "sampling steps (network evaluations) per sentence,"
                + " 1-" + SamplingOptions.MAX_STEPS + " (default: the model's, " + SamplingOptions.DEFAULT_STEPS
                + " for a model directory).")
        @OptionalParameter
        Integer getSteps();

        @ParameterDescription(valueName = "num",
                description = "random seed, any 64-bit integer; sentence i of the run is sampled as sentence i of one"
                + " call, so seeds that differ give other sentences throughout (default: 0).")
        @OptionalParameter(defaultValue = "0")
        String getSeed(); // a long, as core's --seed: OpenNLP's parser reads no Long

        @ParameterDescription(valueName = "num", description = "sentences per forward pass, 1-"
                + SamplingOptions.MAX_BATCH_SIZE + " (default: 32).")
        @OptionalParameter(defaultValue = "32")
        Integer getBatch();

        @ParameterDescription(valueName = "t", description = "scale of the starting noise in [0, 1]: 1 samples,"
                + " 0 follows the model's best guess (default: the package's if it sets one, else 0 for Infill"
                + " and InfillEvaluator, 1 for Rewrite and Generate).")
        @OptionalParameter
        String getTemperature();

        @ParameterDescription(valueName = "tau", description = "softmax temperature of each step's estimate of the"
                + " clean words, >= 0: below 1 the text reads more fluently and varies less, 0 clamps each estimate"
                + " to the likeliest word (default: 1, the model's own).")
        @OptionalParameter
        String getX0Temperature();

        @ParameterDescription(valueName = "file", description = "words the model never writes: a UTF-8 file of one"
                + " word a line, '#' starting a comment line; it replaces the default list, a short list of slurs,"
                + " and an empty file bans none (default: that list). Words of the input stay as they are.")
        @OptionalParameter
        String getBannedWords();
    }

    interface OutputParams {
        @ParameterDescription(valueName = "true|false", description = "write detokenized text instead of"
                + " whitespace-separated tokens, with OpenNLP's DictionaryDetokenizer: -detokenizer's dictionary,"
                + " else the module's English rules, which only an English model takes (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getDetokenize();

        @ParameterDescription(valueName = "file", description = "OpenNLP detokenizer dictionary (XML, as"
                + " DetokenizationDictionary reads it) -detokenize joins tokens by, needed for a model of another"
                + " language than English; only with -detokenize true (default: the module's English rules).")
        @OptionalParameter
        String getDetokenizer();
    }

    /**
     * A sentiment, pushed by guidance and held to its lexicon: Generate's and Rewrite's, described beside their
     * {@code -posTemplate}, Suggest's, which {@link SuggestParams} describes for its rows, and Infill's, which
     * {@link InfillParams} describes for the words it fills.
     */
    interface SentimentParams {
        @ParameterDescription(valueName = "negative|neutral|positive", description = "sentiment every written"
                + " sentence should have (default: any).")
        @OptionalParameter
        String getSentiment();

        @ParameterDescription(valueName = "w", description = "classifier-free guidance weight, 0 to 100:"
                + " 1 conditions plainly on -sentiment and -posTemplate, above 1 pushes harder toward them (twice the"
                + " cost), 0 ignores them; only with one of them (default: 1).")
        @OptionalParameter
        String getGuidance();

        @ParameterDescription(valueName = "true|false", description = "also forbid words the lexicons contradict:"
                + " a -posTemplate slot takes only words the training corpus mostly tagged so, a -sentiment bans"
                + " negations and AFINN-165 words rated against it (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getLexical();
    }

    /**
     * {@link SentimentParams}, and best of k candidates, which ranks sampled sentences: Generate's, Rewrite's and
     * Infill's.
     */
    interface ConstraintParams extends SentimentParams {
        @ParameterDescription(valueName = "k", description = "best of k: sample each sentence k times and keep the"
                + " one the AFINN sentiment lexicon rates furthest toward -sentiment (k times the cost; default: 1).")
        @OptionalParameter(defaultValue = "1")
        String getCandidates();
    }

    /** The input of Infill and Suggest (Rewrite declares it first, ahead of its own parameters, in its usage). */
    interface TokenizedParams {
        @ParameterDescription(valueName = "true|false", description = "input lines are whitespace-separated"
                + " tokens; otherwise raw text, split into sentences and tokens by OpenNLP's English models"
                + " (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getTokenized();
    }

    /**
     * Infill's: {@link ConstraintParams} without a template (an infill keeps each line's tokens and length),
     * described for the words it fills, as core's {@code infill --sentiment} takes them.
     */
    interface InfillParams extends TokenizedParams, ModelParams, SamplingParams, OutputParams, ConstraintParams {
        @Override
        @ParameterDescription(valueName = "negative|neutral|positive", description = "the sentiment the filled words"
                + " are conditioned on (default: none).")
        @OptionalParameter
        String getSentiment();

        @Override
        @ParameterDescription(valueName = "w", description = "classifier-free guidance weight, 0 to 100: 1 conditions"
                + " the filled words plainly on -sentiment, above 1 pushes them harder toward it (twice the cost), 0"
                + " ignores it; only with -sentiment (default: 1).")
        @OptionalParameter
        String getGuidance();

        @Override
        @ParameterDescription(valueName = "true|false", description = "never fill a negation or an AFINN-165 word rated"
                + " against -sentiment; only with -sentiment (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getLexical();

        @Override
        @ParameterDescription(valueName = "k", description = "best of k: fill each sentence k times and keep the fill"
                + " the AFINN sentiment lexicon rates furthest toward -sentiment (k times the cost; default: 1).")
        @OptionalParameter(defaultValue = "1")
        String getCandidates();
    }

    interface SuggestParams extends TokenizedParams, ModelParams, NgramParams, SentimentParams {
        @ParameterDescription(valueName = "k", description = "words per mask, 1 to the words the model knows"
                + " (default: 5).")
        @OptionalParameter(defaultValue = "5")
        Integer getTop();

        @ParameterDescription(valueName = "file", description = "words never suggested: a UTF-8 file of one"
                + " word a line, '#' starting a comment line; it replaces the default list, a short list of slurs,"
                + " and an empty file bans none (default: that list).")
        @OptionalParameter
        String getBannedWords();

        // SentimentParams' three, described for what they do to Suggest's rows (it takes no -posTemplate)

        @Override
        @ParameterDescription(valueName = "negative|neutral|positive", description = "the sentiment each mask's words"
                + " are read under: the words and probabilities greedy infill's first step reads the line with under"
                + " it (default: none).")
        @OptionalParameter
        String getSentiment();

        @Override
        @ParameterDescription(valueName = "w", description = "classifier-free guidance weight, 0 to 100, of the pass"
                + " that reads each mask's words: 1 conditions it plainly on -sentiment, above 1 pushes the"
                + " probabilities harder toward -sentiment (twice the cost), 0 ignores it; only with -sentiment"
                + " (default: 1).")
        @OptionalParameter
        String getGuidance();

        @Override
        @ParameterDescription(valueName = "true|false", description = "true leaves out of each mask's words the"
                + " negations and the AFINN-165 words rated against -sentiment, as infill never writes them under"
                + " -lexical; only with -sentiment (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getLexical();
    }

    interface GenerateParams extends ModelParams, SamplingParams, OutputParams, ConstraintParams {
        @ParameterDescription(valueName = "num", description = "sentences to write, one a line (default: 10).")
        @OptionalParameter(defaultValue = "10")
        Integer getCount();

        @ParameterDescription(valueName = "num", description = "tokens per sentence, at most the model's"
                + " positions; 0 is a free length, drawn or the model's choice as -drawLength says, or -posTemplate's"
                + " (default: 0).")
        @OptionalParameter(defaultValue = "0")
        Integer getLength();

        @ParameterDescription(valueName = "tags", description = "UD UPOS template, one tag per token"
                + " (space- or comma-separated, e.g. \"DET ADJ NOUN VERB ADV PUNCT\"): each sentence has that"
                + " many tokens, at most the model's positions (default: none).")
        @OptionalParameter
        String getPosTemplate();

        @ParameterDescription(valueName = "true|false", description = "guidance leaves the length alone: the words"
                + " are pushed toward the constraints and [PAD], which ends a free-length sentence, keeps the"
                + " conditioned pass's probability; only with -guidance other than 1 and a free length (default:"
                + " false, [PAD] guided too, which lengthens positive and shortens neutral sentences).")
        @OptionalParameter(defaultValue = "false")
        Boolean getUnguidedLength();

        @ParameterDescription(valueName = "true|false", description = "draw each sentence's length from the lengths"
                + " of the model's training rows before sampling it, with the sentence's seed; false lets the model"
                + " choose (it writes too long and too even sentences). true is refused with -length, -posTemplate or"
                + " -unguidedLength true, and for a model that records no row lengths (default: drawn where the"
                + " length is free, guided and recorded; else the model's choice).")
        @OptionalParameter
        Boolean getDrawLength();
    }

    interface RewriteParams extends ModelParams, SamplingParams, OutputParams, ConstraintParams {
        @ParameterDescription(valueName = "true|false", description = "input lines are whitespace-separated"
                + " tokens; otherwise raw text, split into sentences and tokens by OpenNLP's English models"
                + " (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getTokenized();

        @ParameterDescription(valueName = "s", description = "how far the input is noised (through the model's"
                + " learned warping) before it is denoised, in (0, 1]: small changes little, 1 keeps nothing of"
                + " the tokens not kept (default: 0.5).")
        @OptionalParameter(defaultValue = "0.5")
        String getStrength();

        @ParameterDescription(valueName = "spec", description = "tokens that stay verbatim: comma-separated"
                + " 0-based token indexes of the line and/or UD UPOS classes tagged by OpenNLP's POSTaggerME"
                + " (opennlp-models-pos-en), e.g. \"0,3\", \"NOUN,PROPN\", \"0,NUM\" (default: nothing). A line"
                + " with fewer tokens than an index passes through unchanged, with a message.")
        @OptionalParameter
        String getKeep();

        @ParameterDescription(valueName = "tags|keep", description = "UD UPOS template every"
                + " rewritten sentence follows, one tag per token (space- or comma-separated, at most the model's"
                + " positions, or more for a sentence of exactly that many tokens, rewritten window by window): each"
                + " sentence gets that many tokens, and kept tokens must lie inside it; or keep:"
                + " each sentence's own tags from OpenNLP's POSTaggerME, same length (a sentence holding a [MASK]:"
                + " the tags of its words once the mask is filled) (default: none).")
        @OptionalParameter
        String getPosTemplate();
    }

    interface PackageParams {
        @ParameterDescription(valueName = "modelDir", description = "the model directory to package (config.json,"
                + " vocab.txt, model.params, warp.tsv and, when it has one, tag-lexicon.tsv), as train writes it.")
        String getModel();

        @ParameterDescription(valueName = "modelFile", description = "the model package to write (an OpenNLP model"
                + " zip, e.g. my-model.bin).")
        String getOut();

        @ParameterDescription(valueName = "num", description = "sampling steps the package's tools take unless told"
                + " otherwise, 1-10000 (default: " + io.github.diffusionnlp.api.SamplingOptions.DEFAULT_STEPS + ").")
        @OptionalParameter(defaultValue = "" + io.github.diffusionnlp.api.SamplingOptions.DEFAULT_STEPS)
        Integer getSteps();

        @ParameterDescription(valueName = "t", description = "temperature in [0, 1] every tool of the package takes"
                + " unless told otherwise (default: none, each tool's own: 0 for Infill and InfillEvaluator, 1 for"
                + " Rewrite and Generate).")
        @OptionalParameter
        String getTemperature();

        @ParameterDescription(valueName = "language", description = "language code of the model, written into the"
                + " package's manifest (default: en). For another language Rewrite refuses -keep by UPOS class and"
                + " -posTemplate keep, which need OpenNLP's English POS tagger.")
        @OptionalParameter(defaultValue = io.github.diffusionnlp.opennlp.DiffusionModel.DEFAULT_LANGUAGE)
        String getLang();
    }

    interface TrainParams {
        @ParameterDescription(valueName = "modelFile", description = "the model package to write (an OpenNLP model"
                + " zip, e.g. my-model.bin).")
        String getModel();

        @ParameterDescription(valueName = "sampleData", description = "training sentences, one a line: word_TAG"
                + " tokens (OpenNLP's POS training format; UD UPOS or Penn Treebank tags), or with -format plain"
                + " tokens separated by white space.")
        String getData();

        @ParameterDescription(valueName = "tagged|plain", description = "how -data is written: tagged (word_TAG"
                + " tokens, the default) or plain (untagged, whitespace-tokenized; the model then cannot follow POS"
                + " templates, and every other constraint works).")
        @OptionalParameter(defaultValue = "tagged")
        String getFormat();

        @ParameterDescription(valueName = "paramsFile", description = "training parameters (a properties file):"
                + " Iterations (steps, default 5000), Size (tiny|small|base), BatchSize, LearningRate, WarmupSteps,"
                + " Seed, VocabSize, MaxLength, TimeBudget (e.g. 90m, 1h30m or PT90M), RelativePositions,"
                + " ContextEmbeddings (false: word embeddings start at random, using less memory), Average,"
                + " CheckpointEvery (steps between checkpoints, default 250), CheckpointDir (keep checkpoints and plots"
                + " there, and resume from them).")
        @OptionalParameter
        String getParams();

        @ParameterDescription(valueName = "language", description = "language code of the model (default: en).")
        @OptionalParameter(defaultValue = "en")
        String getLang();

        @ParameterDescription(valueName = "charsetName", description = "encoding of the sample data (default:"
                + " UTF-8).")
        @OptionalParameter(defaultValue = "UTF-8")
        String getEncoding();
    }

    interface EvaluatorParams extends ModelParams, SamplingParams {
        @ParameterDescription(valueName = "sampleData", description = "reference sentences, one a line as word_TAG"
                + " tokens (OpenNLP's POS format). With -span 1, punctuation is never masked: it is told by its tag"
                + " (UD UPOS or Penn Treebank) or, under any other tag, by its characters.")
        String getData();

        @ParameterDescription(valueName = "charsetName", description = "encoding of the sample data (default:"
                + " UTF-8).")
        @OptionalParameter(defaultValue = "UTF-8")
        String getEncoding();

        @ParameterDescription(valueName = "true|false", description = "print each sentence filled wrongly, with"
                + " the reference and the filled words, on stderr (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getMisclassified();

        @ParameterDescription(valueName = "1|3", description = "words masked per sentence: 1, a non-punctuation"
                + " word, or 3, consecutive words, punctuation included (core evaluate's two tasks) (default: 1).")
        @OptionalParameter(defaultValue = "1")
        Integer getSpan();
    }
}
