package io.github.diffusionnlp.train;

import io.github.diffusionnlp.corpus.Listed;
import io.github.diffusionnlp.train.TrainOptions.Setting;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the caller of a training run names its settings, so that a refusal, note or remedy names what its user can
 * actually give: {@code --lr} on the command line ({@link #COMMAND_LINE}), {@code learningRate(...)} to the
 * library's {@link TrainOptions.Builder} ({@link #BUILDER}, the default), {@code LearningRate} to the OpenNLP
 * adapter's training parameters ({@link #of}). Given on {@link TrainOptions.Builder#settingNames}.
 */
public final class SettingNames {
    /** The builder's methods: {@code learningRate(...)}, {@code batchSize(32)}, {@code resume(true)}. */
    public static final SettingNames BUILDER = new SettingNames(SettingNames::builderName,
            (setting, value) -> setting.method() == null ? builderName(setting) + " " + javaLiteral(value)
                    : setting == Setting.DEV && Boolean.FALSE.equals(value) ? "noDev()"
                    : setting.method() + "(" + javaLiteral(value) + ")", SettingNames::builderName);

    /**
     * The {@code train} and {@code train-ar} options: {@code --lr}, {@code --batch 32}, a flag as itself
     * ({@code --relative-positions}); a refused value names the command too ({@code train --lr}). No dev split, the
     * dev split given {@code false}, is {@code --no-dev} ({@code noDev()} to the builder).
     */
    public static final SettingNames COMMAND_LINE = commandLine("train");

    /**
     * {@link #COMMAND_LINE}'s names, a refused value naming {@code command} ({@code train-ar --lr}): {@code train-ar}'s
     * refusals named {@code train}'s options.
     */
    public static SettingNames commandLine(String command) {
        return new SettingNames(Setting::option,
                (setting, value) -> Boolean.TRUE.equals(value) ? setting.option()
                        : setting == Setting.CONTEXT_EMBEDDINGS && Boolean.FALSE.equals(value)
                                ? "--no-context-embeddings"
                        : setting == Setting.DEV && Boolean.FALSE.equals(value) ? "--no-dev"
                        : setting.option() + " " + value,
                setting -> command + " " + setting.option());
    }

    private final Function<Setting, String> name;
    private final BiFunction<Setting, Object, String> given;
    private final Function<Setting, String> refused;

    private SettingNames(Function<Setting, String> name, BiFunction<Setting, Object, String> given,
            Function<Setting, String> refused) {
        this.name = name;
        this.given = given;
        this.refused = refused;
    }

    /**
     * A front end's own names: {@code name} as in a remedy ("give a shorter {@code WarmupSteps}"), {@code given} a
     * setting with its value as its user writes it ({@code BatchSize=32}); a refused value names {@code name} too.
     */
    public static SettingNames of(Function<Setting, String> name, BiFunction<Setting, Object, String> given) {
        Objects.requireNonNull(name, "name (the setting as its user names it, e.g. --lr)");
        Objects.requireNonNull(given, "given (the setting with its value, e.g. --batch 32)");
        return new SettingNames(name, given, name);
    }

    /** The setting as its user names it, as in a remedy: "give a shorter --warmup". */
    public String name(Setting setting) {
        return name.apply(setting);
    }

    /** The setting given {@code value}, as its user writes it: "--batch 32", "batchSize(32)". */
    public String given(Setting setting, Object value) {
        return given.apply(setting, value);
    }

    /** Where a refused value was given, in the refusal's parentheses: "train --lr", "learningRate(...)". */
    public String refused(Setting setting) {
        return refused.apply(setting);
    }

    /** The settings' names as a list in words: "--size, --length and --vocab". */
    public String list(List<Setting> settings) {
        return Listed.of(settings.stream().map(this::name).toList());
    }

    private static String builderName(Setting setting) {
        return switch (setting) {
            case OUTPUT -> "TrainOptions.builder's output";
            case CORPUS -> "TrainOptions.builder's corpus";
            case VOCAB_FROM -> "ArTrainer's vocabularyFrom";
            case RESUME -> "resume(true)";
            default -> setting.method() + "(...)";
        };
    }

    /** A value as Java code gives it: a size as "base", a layout as CorpusLayout.PLAIN. */
    private static String javaLiteral(Object value) {
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        if (value instanceof Enum<?> constant) {
            return constant.getDeclaringClass().getSimpleName() + "." + constant.name();
        }
        return String.valueOf(value);
    }
}
