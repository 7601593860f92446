#!/usr/bin/env bash
# Conformance of the C++ wiki parser against @bgm38/wiki 0.3.3 and the public
# wiki-syntax-spec suite. Nothing is vendored: the npm packages go to a temp folder,
# the suite and corpus are read where they are (default: ../shared/fixtures).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${BIN:-$ROOT/build/bangumi-backend}"
FIXTURES="${FIXTURES:-$ROOT/../shared/fixtures}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "==> npm: installing @bgm38/wiki@0.3.3 js-yaml into $TMP"
(cd "$TMP" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @bgm38/wiki@0.3.3 js-yaml >/dev/null)
cp "$ROOT/tools/wiki-conformance/check.mjs" "$TMP/"
node "$TMP/check.mjs" "$BIN" "$FIXTURES/wiki-syntax-spec" "$FIXTURES/wiki-corpus.jsonl"
