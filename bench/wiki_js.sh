#!/usr/bin/env bash
# @bgm38/wiki 0.3.3 on Node, installed into a temp folder (never vendored).
# Usage: bench/wiki_js.sh CORPUS.jsonl   → one JSON line {"mb_per_s":…,"infoboxes_per_s":…}
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @bgm38/wiki@0.3.3 >/dev/null)
cp "$HERE/wiki_js.mjs" "$TMP/"
node "$TMP/wiki_js.mjs" "$1"
