#!/usr/bin/env bash
# Assent's benchmark against its peers (issue 6): weight, banner timing in throttled headless Chromium,
# main-thread cost, CLS, heap, returning-visitor timing, and engine speed (native, wasm in Node, wasm in
# Chromium). Writes tests/bench/results/{RESULTS.md,results.json,chart.png} and prints the tables.
#
#   tests/bench/run.sh           full run (20 interleaved runs per library; ~10–15 min on 2 cores)
#   tests/bench/run.sh --smoke   1 run per library into a temp dir; exit 0 only if every library's page
#                                loaded and its banner was detected (for the test command)
#   extra arguments go to bench.mjs, e.g. --runs 5, --libs assent,cc3, --no-engine, --no-trace, --out DIR
#
# Assumes the project is built (tests/run-all.sh builds everything). Installs the pinned peers from
# tests/bench/package-lock.json and builds the native engine benchmark (CMake target assent_bench_native).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
bench="$assent_root/tests/bench"

smoke=0
args=()
for a in "$@"; do
  [ "$a" = "--smoke" ] && smoke=1
  args+=("$a")
done

# What the bench needs from the build, and the command that makes each.
[ -f "$assent_root/js-shim/dist/assent.js" ] && [ -f "$assent_root/js-shim/dist/assent.wasm" ] \
  || die "js-shim/dist/assent.js (and assent.wasm) missing: build the shim first with tests/run-all.sh (or: cd js-shim && npm ci && npm run build, after the wasm build)"
[ -f "$assent_root/js-shim/engine/assent.js" ] && [ -f "$assent_root/js-shim/engine/assent.wasm" ] \
  || die "js-shim/engine/assent.{js,wasm} missing: build the wasm engine first with tests/run-all.sh (README: For contributors → Wasm)"
[ -f "$assent_root/build/libassent_core.a" ] \
  || die "build/libassent_core.a missing: build natively first with tests/run-all.sh (or: cmake -S . -B build && cmake --build build)"
[ -x /usr/bin/chromium ] || [ -n "${ASSENT_CHROMIUM:-}" ] || die "/usr/bin/chromium missing: apt-get install chromium (or set ASSENT_CHROMIUM)"

assent_npm_ci "$assent_root/tests"   # playwright-core
assent_npm_ci "$bench"               # the peers, pinned

# Native engine benchmark: the CMake target assent_bench_native (links the same core library as the CLI).
step "Building the native engine benchmark (cmake --build build --target assent_bench_native)"
cmake --build "$assent_root/build" --target assent_bench_native >/dev/null || die "building the native engine benchmark failed"
native="$assent_root/build/bench_native"

if [ "$smoke" = 1 ]; then
  out=$(mktemp -d "${TMPDIR:-/tmp}/assent-bench-smoke.XXXXXX")
  step "Benchmark smoke run (1 run per library) → $out"
  node "$bench/bench.mjs" --out "$out" --native "$native" "${args[@]}" || die "benchmark smoke run failed (output in $out)"
  step "Benchmark smoke run passed"
else
  step "Benchmark (full run) → tests/bench/results/"
  node "$bench/bench.mjs" --out "$bench/results" --native "$native" "${args[@]}" || die "benchmark failed"
fi
