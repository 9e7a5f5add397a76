#!/usr/bin/env bash
# Search benchmark: syllabus's index vs Pagefind (and an mdBook-style index estimate) on a
# generated corpus. Figures go to docs/search.md (and README.md).
#
# Usage: bench/search-bench.sh [N]   (default 10000 questions; needs python3, node, npm)
# Work files go to ${BENCH_DIR:-/tmp/syllabus-search-bench}.
set -euo pipefail
N="${1:-10000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(dirname "$HERE")"
WORK="${BENCH_DIR:-/tmp/syllabus-search-bench}"
mkdir -p "$WORK"

echo "== corpus of $N questions (bench/gen_corpus.py)"
python3 "$HERE/gen_corpus.py" "$N" "$WORK/corpus"
echo "== build with syllabus (release)"
(cd "$REPO" && cargo build --release --quiet)
"$REPO/target/release/syllabus" build --quiet --root "$WORK/corpus/syllabus" --output "$WORK/site"

PF_DIR=""
if command -v npm >/dev/null; then
  echo "== Pagefind over the same built site"
  if [ ! -x "$WORK/pagefind/node_modules/.bin/pagefind" ]; then
    mkdir -p "$WORK/pagefind"
    (cd "$WORK/pagefind" && npm init -y >/dev/null && npm install --silent pagefind >/dev/null)
  fi
  rm -rf "$WORK/site/pagefind"
  (cd "$WORK/pagefind" && npx --no-install pagefind --site "$WORK/site" >/dev/null)
  PF_DIR="$WORK/site/pagefind"
  echo "   pagefind $(cd "$WORK/pagefind" && npx --no-install pagefind --version 2>/dev/null || true)"
else
  echo "== npm not found: Pagefind skipped"
fi

echo "== measure"
node "$HERE/search_bench.js" "$WORK/site" ${PF_DIR:+--pagefind "$PF_DIR"}
node "$HERE/mdbook_index_estimate.js" "$WORK/site"
