#!/usr/bin/env bash
# The diffusion annotator in CoreNLP's own command line and server, one task a block. Run from the
# repository root after `mvn -B -q package -DskipTests`. CoreNLP's pos/ner/parse/sentiment models are
# not in the plugin's jar: the models jar (474 MB, Maven Central) goes on the classpath; this fetches it
# into ~/.m2 when it is not there yet. CoreNlpPipelinesScriptTest checks that the annotator reads every
# properties file and server request here, and runs the infill and generate blocks.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=plugin/target/diffusion-nlp-corenlp.jar
MODELS=$HOME/.m2/repository/edu/stanford/nlp/stanford-corenlp/4.5.10/stanford-corenlp-4.5.10-models.jar
[ -f "$MODELS" ] || mvn -B -q dependency:get -Dartifact=edu.stanford.nlp:stanford-corenlp:4.5.10:jar:models
RUN=(java --enable-native-access=ALL-UNNAMED -cp "$JAR:$MODELS" io.github.diffusionnlp.corenlp.DiffusionCoreNLP)
OUT=$(mktemp -d)
IN=$OUT/in.txt

# infill: literal [MASK]s (no models jar needed: java -jar "$JAR" -props ... works too)
echo "The [MASK] of the committee said that the [MASK] was late. It rained all day." > "$IN"
"${RUN[@]}" -props examples/corenlp/infill.properties -file "$IN" -outputDirectory "$OUT" 2>/dev/null
cat "$OUT/in.txt.out"

# infill from NER: pseudonymise persons and locations; JSON output
echo "John Smith met Mary in Paris on Monday. Google hired Anna in London." > "$IN"
"${RUN[@]}" -props examples/corenlp/pseudonymise.properties -file "$IN" -outputDirectory "$OUT" \
    -outputFormat json 2>/dev/null
cat "$OUT/in.txt.json"

# infill from POS: refill the adjectives; replace=false keeps the document and our outputter shows the result
echo "The old man bought a red car and a small house." > "$IN"
"${RUN[@]}" -props examples/corenlp/adjectives.properties -diffusion.replace false -file "$IN" \
    -outputDirectory "$OUT" -outputFormat custom \
    -customOutputter io.github.diffusionnlp.corenlp.DiffusionTextOutputter 2>/dev/null
cat "$OUT/in.txt.out"

# rewrite, then parse and sentiment judge the rewritten sentences
echo "The movie was wonderful and the actors were brilliant. The food was cold and awful." > "$IN"
"${RUN[@]}" -props examples/corenlp/rewrite.properties -file "$IN" -outputDirectory "$OUT" 2>/dev/null
grep -A1 '^Sentence #' "$OUT/in.txt.out"

# rewrite toward a positive sentiment, each sentence keeping its own UPOS tags; CoreNLP's sentiment judges it
"${RUN[@]}" -props examples/corenlp/sentiment.properties -file "$IN" -outputDirectory "$OUT" 2>/dev/null
grep -A1 '^Sentence #' "$OUT/in.txt.out"

# generate to a UPOS template (eight tokens each) with a negative sentiment
"${RUN[@]}" -props examples/corenlp/template.properties -file "$IN" -outputDirectory "$OUT" 2>/dev/null
grep -A1 '^Sentence #' "$OUT/in.txt.out"

# generate: three sentences of twelve tokens appended to the document
echo "A first sentence." > "$IN"
"${RUN[@]}" -props examples/corenlp/generate.properties -file "$IN" -outputDirectory "$OUT" 2>/dev/null
grep -A1 '^Sentence #' "$OUT/in.txt.out"

# the CoreNLP server (it listens on every interface; we talk to it on loopback), the annotator
# requested through request properties; the text goes as text/plain (curl's default, a form, is URL-decoded
# by the server: '+' would become a space), its charset named right after the ';' as the server reads it
PLAIN='Content-Type: text/plain;charset=UTF-8'
PORT=9071
"${RUN[@]}" server -port $PORT -quiet true -server_id diffusion-example >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -s "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 1; done
PROPS='{"annotators":"tokenize,ssplit,pos,diffusion","customAnnotatorClass.diffusion":"io.github.diffusionnlp.corenlp.DiffusionAnnotator","diffusion.mask":"pos:ADJ","diffusion.steps":"16","outputFormat":"text"}'
curl -s -H "$PLAIN" --data-binary "The old dog barked at the red car." "http://127.0.0.1:$PORT/?properties=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$PROPS")"
PROPS='{"annotators":"tokenize,ssplit,diffusion","customAnnotatorClass.diffusion":"io.github.diffusionnlp.corenlp.DiffusionAnnotator","diffusion.task":"generate","diffusion.count":"2","diffusion.length":"10","outputFormat":"json"}'
curl -s -H "$PLAIN" --data-binary "" "http://127.0.0.1:$PORT/?properties=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$PROPS")"
echo
PROPS='{"annotators":"tokenize,ssplit,pos,diffusion","customAnnotatorClass.diffusion":"io.github.diffusionnlp.corenlp.DiffusionAnnotator","diffusion.task":"rewrite","diffusion.sentiment":"positive","diffusion.syntax":"keep","diffusion.steps":"16","outputFormat":"text"}'
curl -s -H "$PLAIN" --data-binary "The food was cold and awful." "http://127.0.0.1:$PORT/?properties=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$PROPS")"

# the Java API in one file
java --enable-native-access=ALL-UNNAMED -cp "$JAR:plugin/target/lib/*:$MODELS" examples/corenlp/CoreNlpExample.java
