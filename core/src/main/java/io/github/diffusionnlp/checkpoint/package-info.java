/**
 * The on-disk model format and everything that reads or writes a model directory: the checkpoint files and
 * their checks ({@code ModelCheckpoint}, {@code CheckpointReading}, {@code WholeFile}, {@code DjlArrayFileCheck}),
 * a checkpoint written as one set ({@code CheckpointCommit}), the training state, the model directory's
 * lock and checks ({@code ModelDirectory}) and copying a model into a larger network ({@code ModelGrowth}).
 *
 * <p><b>Supported API:</b> {@link io.github.diffusionnlp.checkpoint.TrainingInfo} (what a training run
 * returns and a model records of its training), {@link io.github.diffusionnlp.checkpoint.InvalidModelException}
 * (a model directory refused, naming the file and what was wrong) and
 * {@link io.github.diffusionnlp.checkpoint.ModelGrowth} (the {@code grow} command). <b>Internal:</b> the rest:
 * public for the other modules of this project; no compatibility promise. The file format itself is
 * documented in core/README.md, not promised through these classes.
 */
package io.github.diffusionnlp.checkpoint;
