#!/usr/bin/env bash
# Re-measures every row of the root README's constraint table for one model, in the README's settings
# (16 steps, N = 200, seed 0, lexical constraints; rewrites keep nouns and proper nouns) and the library's
# defaults otherwise: so the free-length generation parts (generate, neutral-best16) draw each sentence's
# length from the model's training rows' lengths (a labelled sentence from its label's rows, where the model
# records them by label), as generation does by default since 2026-12-06 (their
# .md header and .json "generationLengths" say "drawn"; the model's own lengths, how constraints-35k-generate
# and -neutral-best16 were measured, are `constraints --no-draw-length`). Run it from the repository root
# after `mvn -B -q package -DskipTests`; about an hour and a half on an idle 2-core machine.
#
#   evaluation/measure-default.sh [MODEL_DIR] [STEM]
#
# MODEL_DIR defaults to the shipped model, STEM (the result files' prefix under evaluation/results) to
# "default". Each run writes STEM-<part>.{md,json} and STEM-<part>-samples.tsv; a part whose .md exists
# is skipped, so a stopped run resumes where it stopped (delete a part's files to re-run it).
set -euo pipefail
# "--help" as MODEL_DIR reached the jar as "--model --help": a complaint about an option nobody typed
usage="usage: evaluation/measure-default.sh [MODEL_DIR] [STEM]: MODEL_DIR defaults to the shipped model, STEM to
'default'; the results go to evaluation/results/STEM-* (evaluation/README.md)"
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    echo "$usage"
    exit 0
fi
if [[ $# -gt 2 || "${1:-}" == -* || "${2:-}" == -* ]]; then
    echo "error: $([[ $# -gt 2 ]] && echo "$# arguments, at most 2 taken" || echo "no option is taken: $*")" >&2
    echo "$usage" >&2
    exit 2
fi
cd "$(dirname "$0")/.."

model="${1:-test-data/models/brown-cdcd}"
stem="${2:-default}"
jar="${EVALUATION_JAR:-evaluation/target/diffusion-nlp-evaluation.jar}"
out=evaluation/results

part() {
    local name="$1"; shift
    if [[ -f "$out/$stem-$name.md" ]]; then
        echo "== $stem-$name: done before, skipped" >&2
        return
    fi
    echo "== $stem-$name: $*" >&2
    # --overwrite: a part stopped before its table was written may have left its other files
    java -Xmx6g -jar "$jar" constraints --model "$model" --steps 16 --lexical --out "$out" \
        --name "$stem-$name" --overwrite "$@" > /dev/null
}

part pos-length --tasks pos,length --guidance 1,3,5
part rewrite --tasks rewrite --guidance 3 --candidates 1,16 --keep NOUN,PROPN
part rewrite-guidance4 --tasks rewrite --guidance 4 --keep NOUN,PROPN
part generate --tasks generate --guidance 3,5
part neutral-heldout-lengths --tasks generate --labels neutral --guidance 3,5 --heldout-lengths
part neutral-best16 --tasks generate --labels neutral --guidance 5 --candidates 16
part neutral-heldout-lengths-best16 --tasks generate --labels neutral --guidance 3,5 --heldout-lengths --candidates 16
part labeller --tasks labeller

echo "tables: $out/$stem-*.md" >&2
