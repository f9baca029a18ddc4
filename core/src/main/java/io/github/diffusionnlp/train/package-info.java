/**
 * Training: the diffusion model's training step ({@code DiffusionStep}) and loop ({@code DiffusionTrainer}),
 * the autoregressive baseline's ({@code ArTrainer}), the corpus reading and rows both share
 * ({@code TrainingData}), AdamW, the conditioning masks, the moving average of the weights, the output
 * directory's checks and the training log and plots.
 *
 * <p><b>Supported API:</b> {@link io.github.diffusionnlp.train.TrainOptions} (built with
 * {@code TrainOptions.builder}, starting at the {@code train} command's defaults; its {@code Builder} and
 * {@code Setting}), {@link io.github.diffusionnlp.train.DiffusionTrainer}'s constructor
 * {@code (TrainOptions, PrintStream)}, {@code run()} and {@code stop()},
 * {@link io.github.diffusionnlp.train.TrainingRun} (what {@code run()} and {@code stop()} promise),
 * {@link io.github.diffusionnlp.train.TrainingStopped} (what {@code run()} throws once stopped) and
 * {@link io.github.diffusionnlp.train.SettingNames} (how a front end of its own names the settings in the run's
 * refusals and notes, given to {@code TrainOptions.Builder.settingNames}). <b>Internal:</b> the rest
 * ({@code ArTrainer}, {@code OutputDirectory}, {@code Reproducible}, {@code Throughput}, {@code TrainingCharts},
 * the trainer's throughput readings, its constructor on sentences already read and
 * {@code TrainingData.requireSentences}, which the benchmark and {@code evaluate} use): public for the other
 * modules of this project; no compatibility promise.
 */
package io.github.diffusionnlp.train;
