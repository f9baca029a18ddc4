/**
 * The OpenNLP-style command-line tools ({@code Infill}, {@code Rewrite}, {@code Generate}, {@code Train},
 * {@code InfillEvaluator}, {@code Package}) and their launcher, the jar's main class.
 *
 * <p><b>Internal:</b> no compatibility promise; {@code DiffusionNlpTool} is public only as the jar's
 * {@code Main-Class}, the rest is package-private. The tools' command lines, documented in this module's
 * README, are the interface.
 */
package io.github.diffusionnlp.opennlp.cmdline;
