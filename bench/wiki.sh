#!/usr/bin/env bash
# Wiki parser benchmark: C++ (Google Benchmark) and @bgm38/wiki on Node, same corpus,
# same run; prints figures and the ratio. Corpus: ../shared/fixtures/wiki-corpus.jsonl
# (read at run time) unless BGM_WIKI_CORPUS points elsewhere.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build-bench}"
export BGM_WIKI_CORPUS="${BGM_WIKI_CORPUS:-$ROOT/../shared/fixtures/wiki-corpus.jsonl}"
echo "==> build: Release benchmarks in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBGM_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$BUILD" -j2 --target wiki_bench >/dev/null
echo "==> C++ (corpus: $BGM_WIKI_CORPUS)"
"$BUILD/bench/wiki_bench" --benchmark_min_time=1 --benchmark_format=console \
  --benchmark_out="$BUILD/wiki_bench.json" --benchmark_out_format=json
echo "==> Node @bgm38/wiki 0.3.3 on the same corpus"
js="$("$ROOT/bench/wiki_js.sh" "$BGM_WIKI_CORPUS")"
echo "$js"
python3 - "$BUILD/wiki_bench.json" "$js" <<'PY'
import json, sys
cpp = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
js = json.loads(sys.argv[2])
for name in ("BM_ParseView_RealCorpus", "BM_ParseOwned_RealCorpus"):
    b = cpp[name]
    mbs = b["bytes_per_second"] / 1e6
    print(f"{name}: {mbs:.0f} MB/s, {b['items_per_second']:.0f} infoboxes/s, "
          f"{b['allocs_per_op']:.2f} allocs/parse -> {mbs / js['mb_per_s']:.1f}x @bgm38/wiki ({js['mb_per_s']:.0f} MB/s)")
PY
