/**
 * The command-line tool ({@code java -jar diffusion-nlp.jar}): {@code Main} and one picocli command per
 * subcommand, with the options, input and output handling they share.
 *
 * <p><b>Internal:</b> public for the other modules of this project (the OpenNLP tool, the CoreNLP jar's main,
 * the evaluation tool); no compatibility promise. The commands and their options, documented in README.md
 * and by {@code --help}, are the interface.
 */
package io.github.diffusionnlp.cli;
