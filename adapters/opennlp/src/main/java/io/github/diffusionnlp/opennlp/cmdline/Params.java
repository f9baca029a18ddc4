package io.github.diffusionnlp.opennlp.cmdline;

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
    }

    interface SamplingParams {
        @ParameterDescription(valueName = "num", description = "sampling steps (network evaluations) per sentence,"
                + " 1-10000 (default: the model's, 32 for a model directory).")
        @OptionalParameter
        Integer getSteps();

        @ParameterDescription(valueName = "num", description = "random seed; sentence i of the run uses seed + i (default: 0).")
        @OptionalParameter(defaultValue = "0")
        Integer getSeed();

        @ParameterDescription(valueName = "num", description = "sentences per forward pass, 1-4096 (default: 32).")
        @OptionalParameter(defaultValue = "32")
        Integer getBatch();

        @ParameterDescription(valueName = "t", description = "scale of the starting noise in [0, 1]: 1 samples,"
                + " 0 follows the model's best guess (default: the model's, 1.0 for a model directory).")
        @OptionalParameter
        String getTemperature();
    }

    interface OutputParams {
        @ParameterDescription(valueName = "true|false", description = "write detokenized text instead of"
                + " whitespace-separated tokens, with OpenNLP's DictionaryDetokenizer and the module's English"
                + " rules (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getDetokenize();
    }

    interface InfillParams extends ModelParams, SamplingParams, OutputParams {
        @ParameterDescription(valueName = "true|false", description = "input lines are whitespace-separated"
                + " tokens; otherwise raw text, split into sentences and tokens by OpenNLP's English models"
                + " (default: false).")
        @OptionalParameter(defaultValue = "false")
        Boolean getTokenized();
    }

    interface GenerateParams extends ModelParams, SamplingParams, OutputParams {
        @ParameterDescription(valueName = "num", description = "sentences to write, one a line (default: 10).")
        @OptionalParameter(defaultValue = "10")
        Integer getCount();

        @ParameterDescription(valueName = "num", description = "tokens per sentence, at most the model's"
                + " positions; 0 lets the model choose (default: 0).")
        @OptionalParameter(defaultValue = "0")
        Integer getLength();
    }

    /**
     * The designed parameters of the {@code Rewrite} tool. NOT a tool yet: the core library has no
     * rewrite-under-constraints operation, so the tool list leaves Rewrite out until it does. Input
     * would be one sentence a line (raw or {@code -tokenized}); output the rewritten sentence, or the
     * input line unchanged with a message when the constraints cannot be met.
     */
    interface RewriteParams extends ModelParams, SamplingParams, OutputParams {
        @ParameterDescription(valueName = "true|false", description = "input lines are whitespace-separated tokens.")
        @OptionalParameter(defaultValue = "false")
        Boolean getTokenized();

        @ParameterDescription(valueName = "positive|negative", description = "target sentiment of the rewrite.")
        @OptionalParameter
        String getSentiment();

        @ParameterDescription(valueName = "tags", description = "UD UPOS template the rewrite must follow,"
                + " e.g. \"DET ADJ NOUN VERB .\" (judged with OpenNLP's POSTaggerME, opennlp-models-pos-en).")
        @OptionalParameter
        String getPosTemplate();

        @ParameterDescription(valueName = "num", description = "length of the rewrite in tokens (default: the input's).")
        @OptionalParameter
        Integer getLength();

        @ParameterDescription(valueName = "positions|words", description = "tokens to keep: comma-separated"
                + " 0-based positions or words, e.g. \"0,3\" or \"committee,late\".")
        @OptionalParameter
        String getKeep();

        @ParameterDescription(valueName = "fraction", description = "share of the other tokens that may change,"
                + " in (0, 1] (default: 1).")
        @OptionalParameter
        String getStrength();
    }
}
