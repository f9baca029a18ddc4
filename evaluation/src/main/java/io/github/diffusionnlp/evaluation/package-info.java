/**
 * The evaluation tool: constraint control (sentiment, POS template, length) judged by OpenNLP's POS tagger and
 * CoreNLP's sentiment model, neither trained on the model's data, with its metrics and report.
 *
 * <p><b>Internal:</b> no compatibility promise; no other module uses these classes. The tool's command line
 * and report, documented in this module's README, are the interface.
 */
package io.github.diffusionnlp.evaluation;
