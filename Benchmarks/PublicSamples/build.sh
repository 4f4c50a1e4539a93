#!/usr/bin/env bash
# Builds the three public-sample-style SQLite databases (a DVD rental business, a trading
# company, an online music store) and their question files into one `querent eval` dataset:
#   bash Benchmarks/PublicSamples/build.sh /tmp/pub
#   .build/debug/querent eval --dataset /tmp/pub --questions batch3.json
set -euo pipefail
out="${1:?usage: build.sh OUTPUT_DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
for name in dvdrental northwind chinook; do
    PUBLIC_SAMPLES_OUT="$out" python3 "$here/$name/build.py" > /dev/null
done
cp "$here"/tune.json "$here"/test.json "$here"/batch2.json "$here"/batch3.json "$out"/
echo "dataset in $out: database/{dvdrental,northwind,chinook}, tune.json test.json batch2.json batch3.json"
