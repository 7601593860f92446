#!/usr/bin/env bash
# scripts/fuzz.sh wiki [SECONDS]: builds the libFuzzer target with clang under
# ASan/UBSan and runs it for SECONDS (default 60). Seeds: tests/fixtures/wiki cases.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-}"
seconds="${2:-60}"
if [ "$target" != "wiki" ]; then
  echo "usage: scripts/fuzz.sh wiki [SECONDS]" >&2
  exit 2
fi
for p in clang-14 libclang-rt-14-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    echo "==> packages: installing clang-14 libclang-rt-14-dev"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
    break
  fi
done
out="$ROOT/build-fuzz"
mkdir -p "$out/corpus"
echo "==> build: wiki_fuzz (clang-14, -fsanitize=fuzzer,address,undefined)"
clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I"$ROOT/src/wiki/include" -I"$ROOT/src/text/include" \
  "$ROOT/tests/fuzz/wiki_fuzz.cpp" "$ROOT/src/wiki/wiki.cpp" "$ROOT/src/text/json_string.cpp" \
  -o "$out/wiki_fuzz"
cp "$ROOT"/tests/fixtures/wiki/valid/*.wiki "$ROOT"/tests/fixtures/wiki/invalid/*.wiki "$out/corpus/"
echo "==> fuzz: wiki for ${seconds}s"
"$out/wiki_fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
  -dict="$ROOT/tests/fuzz/wiki.dict" "$out/corpus" 2>&1 | tail -n 15
