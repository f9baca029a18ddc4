/**
 * Corpora: the tagged-corpus reader and writer ({@code TaggedCorpus}: CoNLL-U, word-and-tag columns, one
 * word a line, plain text; layouts guessed or named), Universal POS tags, the Brown corpus's preparation and
 * tag mapping, the AFINN-165 sentiment labeller that gives the training labels, and the rule the integrations'
 * n-gram corpus parameters share ({@code NgramCorpusParameters}).
 *
 * <p><b>Supported API:</b> {@link io.github.diffusionnlp.corpus.TaggedCorpus} ({@code read}, {@code readAs},
 * {@code write}, {@code untagged}), {@link io.github.diffusionnlp.corpus.TaggedSentence},
 * {@link io.github.diffusionnlp.corpus.Upos}, {@link io.github.diffusionnlp.corpus.CorpusLayout},
 * {@link io.github.diffusionnlp.corpus.MultiwordTokens} and {@link io.github.diffusionnlp.corpus.LayoutOption}.
 * <b>Internal:</b> the rest ({@code BrownCorpus}, {@code BrownTags}, {@code PtbTags}, {@code SentimentLabeller},
 * {@code NgramCorpusParameters}, {@code ReadingRules}): public for the other modules of this project; no
 * compatibility promise.
 */
package io.github.diffusionnlp.corpus;
