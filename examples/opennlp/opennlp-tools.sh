#!/usr/bin/env bash
# The OpenNLP command-line tools of diffusion-nlp, one line each. Run from the repository root
# after `mvn -B -q package -DskipTests`. Results go to stdout, throughput to stderr.
# OpenNlpToolsScriptTest runs each tool line here that reads no temporary file (all but Package, Train and
# InfillEvaluator) in one JVM, checking that it succeeds and writes the lines it should.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=adapters/opennlp/target/diffusion-nlp-opennlp.jar

# the tools, and one tool's parameters (usage generated from its annotated parameter interface)
java -jar "$JAR"
java -jar "$JAR" Infill -help

# Infill, raw text: OpenNLP's sentence detector and tokenizer split it; one output line per input line
echo "The [MASK] of the committee said that the [MASK] was late. It rained." | java -jar "$JAR" Infill -steps 16 -seed 7

# Infill, already tokenized input, detokenized output
printf 'He [MASK] to the [MASK] .\n' | java -jar "$JAR" Infill -tokenized -detokenize -steps 16

# Suggest: each mask's likeliest words with their probabilities (fill-mask), as tab-separated rows
printf 'He [MASK] to the [MASK] .\n' | java -jar "$JAR" Suggest -tokenized -top 3

# Suggest with n-gram fusion: the network's words re-ranked by log-probability + 0.7 x a trigram's, here counted
# from the small held-out Brown split (without -ngramCorpus, from the model's training corpus, eight times larger):
# a collocation the network alone misses comes first ("purposes")
printf 'Cambodia is , for all practical [MASK] , neutralist .\n' \
  | java -jar "$JAR" Suggest -tokenized -top 3 -ngramWeight 0.7 -ngramCorpus test-data/brown/heldout.conllu.gz

# Suggest under a sentiment: the words infill's first step reads under it, pushed by guidance 3, the negations
# and the AFINN-165 words rated against it left out (-lexical)
printf 'It was a [MASK] day for all of us .\n' \
  | java -jar "$JAR" Suggest -tokenized -top 5 -sentiment positive -guidance 3 -lexical

# Rewrite, raw text: every sentence rewritten, same length; nouns, proper nouns and numbers (UPOS
# classes tagged by OpenNLP's POSTaggerME) stay verbatim
echo "The committee met on Monday in Boston. It approved 12 reports." \
  | java -jar "$JAR" Rewrite -keep NOUN,PROPN,NUM -strength 0.7 -steps 16 -seed 7

# Rewrite, tokenized input: keep tokens 0 and 4 of each line, change the rest fully, detokenized output
printf 'He went to the market yesterday .\n' | java -jar "$JAR" Rewrite -tokenized -keep 0,4 -strength 1 -detokenize

# Rewrite to a sentiment, each sentence keeping its own syntax: the input's UPOS tags (POSTaggerME) are
# the template, so the length stays; proper nouns stay verbatim
echo "The committee met on Monday in Boston. It approved 12 reports." \
  | java -jar "$JAR" Rewrite -sentiment positive -posTemplate keep -keep PROPN,NUM -strength 0.8 -steps 16 -seed 7

# Rewrite to a given POS template: every sentence gets its six tokens (token 0 kept at its place),
# pushed harder by classifier-free guidance 2
echo "The committee met on Monday in Boston." \
  | java -jar "$JAR" Rewrite -posTemplate "DET NOUN VERB ADP PROPN PUNCT" -sentiment negative -guidance 2 -keep 0

# Generate: five sentences of twelve tokens (reads no input)
java -jar "$JAR" Generate -count 5 -length 12 -steps 16 -seed 1

# Generate at a free length (each sentence's drawn from the model's training rows' lengths), as detokenized
# text
java -jar "$JAR" Generate -count 3 -detokenize

# Generate to a sentiment and a POS template (the template sets the length: six tokens)
java -jar "$JAR" Generate -count 3 -sentiment positive -posTemplate "DET ADJ NOUN VERB ADV PUNCT" -detokenize

# Package a model directory (one core's `train` wrote, say) as an OpenNLP model package whose tools take
# 16 steps unless told otherwise, then fill masks with the package
PACKAGE=$(mktemp --suffix=.bin)
java -jar "$JAR" Package -model test-data/models/brown-cdcd -out "$PACKAGE" -steps 16
printf 'He [MASK] to the [MASK] .\n' | java -jar "$JAR" Infill -tokenized -model "$PACKAGE"
rm "$PACKAGE"

# Train: a model package from word_TAG sentences (here 300 of the Brown training split, UPOS tags), as
# OpenNLP's POSTaggerTrainer trains a tagger from them; the training parameters are a properties file. A tiny
# model and 20 steps, to see it work in seconds: it writes poor words (the parameters, and training for real:
# adapters/opennlp/README.md, Training). Then fill masks with the package it wrote
TRAIN_DATA=$(mktemp --suffix=.pos)
PARAMS=$(mktemp --suffix=.properties)
TRAINED=$(mktemp --suffix=.bin)
zcat test-data/brown/train.conllu.gz | awk -F'\t' '/^#/ {next} NF == 0 {if (s != "") print s; s = ""; next}
    {s = s (s == "" ? "" : " ") $1 "_" $2} END {if (s != "") print s}' | head -300 > "$TRAIN_DATA" || true
printf 'Iterations=20\nSize=tiny\nBatchSize=8\nMaxLength=32\nVocabSize=600\n' > "$PARAMS"
java -jar "$JAR" Train -model "$TRAINED" -data "$TRAIN_DATA" -params "$PARAMS"
printf 'He [MASK] to the [MASK] .\n' | java -jar "$JAR" Infill -tokenized -model "$TRAINED" -steps 16
rm "$TRAIN_DATA" "$PARAMS" "$TRAINED"

# InfillEvaluator: infill accuracy on word_TAG sentences (here 40 of the held-out Brown split), as
# OpenNLP's POSTaggerEvaluator measures a tagger; add -misclassified true to print each wrong fill on stderr
HELDOUT=$(mktemp --suffix=.pos)
zcat test-data/brown/heldout.conllu.gz | awk -F'\t' '/^#/ {next} NF == 0 {if (s != "") print s; s = ""; next}
    {s = s (s == "" ? "" : " ") $1 "_" $2} END {if (s != "") print s}' | head -40 > "$HELDOUT" || true
java -jar "$JAR" InfillEvaluator -data "$HELDOUT" -steps 16
rm "$HELDOUT"

# the OpenNLP java API in one file
java --enable-native-access=ALL-UNNAMED -cp "$JAR:adapters/opennlp/target/lib/*" examples/opennlp/OpenNlpExample.java
