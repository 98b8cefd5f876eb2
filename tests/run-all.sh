#!/usr/bin/env bash
# Assent's whole test suite from a fresh Debian 12 machine: installs what is missing, builds natively and
# to wasm, then runs every test. This is the README's test command and what .ci/run calls.
#
# Order: cheap checks and the native build + ctest first, so a C++ error fails in the first minutes. The
# clang hardening run (ASan + UBSan ctest, then the fuzz smoke, one build dir) then runs in the background
# while the wasm, shim and SPA build and the Node, browser and demo suites run. A table of stage times ends
# the run. The tree is left as it was found: a run that changes a file git tracks (or adds one it doesn't
# ignore) fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"
source "$assent_root/tests/scripts/stages.sh"
cd "$assent_root"
logs=$assent_root/build/logs
mkdir -p "$logs"

tree_before=$(git status --porcelain 2>/dev/null || true)

stage_begin "Setup (apt packages, npm ci)"
assent_install_apt
assent_npm_ci "$assent_root/tests"
assent_npm_ci "$assent_root/js-shim"
stage_end

stage_begin "Static checks (document references, import cycles)"
node tests/scripts/check-references.mjs || die "a file cites a document that does not exist (see above)"
node tests/scripts/check-cycles.mjs || die "import cycle (see above)"
stage_end

stage_begin "Native build (g++: core, CLI, Catch2 tests)"
assent_build_native
stage_end

stage_begin "Native tests (Catch2, golden vectors, CLI contract, drift checks) via CTest"
(cd build && ctest --output-on-failure -j"$(nproc)") >"$logs/ctest.log" 2>&1 || { tail -60 "$logs/ctest.log"; die "native tests failed (full log: build/logs/ctest.log)"; }
tail -3 "$logs/ctest.log"
stage_end

# Background: the clang build (ASan + UBSan + libFuzzer instrumentation) with its ctest and a fuzz smoke.
step "Hardening (ASan + UBSan ctest, fuzz smoke) starts in the background → build/logs/hardening.log"
tests/scripts/hardening.sh >"$logs/hardening.log" 2>&1 &
hardening_pid=$!
trap 'kill "$hardening_pid" 2>/dev/null || true' EXIT

stage_begin "Wasm, shim, npm tarball and SPA builds (demo/run.sh --no-serve)"
"$assent_root/demo/run.sh" --no-serve >"$logs/build.log" 2>&1 || { tail -60 "$logs/build.log"; die "build failed (demo/run.sh --no-serve; full log: build/logs/build.log)"; }
sed -n '/^file  /,/^script tag/p' "$logs/build.log"
stage_end

run_node_suite() {  # run_node_suite <log name> <what failed> <node --test arguments…>
  local log=$logs/$1.log what=$2
  shift 2
  (cd tests && node --test "$@") >"$log" 2>&1 || { tail -80 "$log"; die "$what failed (full log: build/logs/${log##*/})"; }
  grep -E '^# (tests|pass|fail)' "$log"
}

stage_begin "Node tests (wasm vectors, wasm/native agreement, boundary, schema, package, shim units)"
run_node_suite node-tests "Node tests" wasm/ schema/ package/ shim/
stage_end

stage_begin "Browser tests (playwright-core + Debian Chromium: network log, cookies, DOM, axe)"
run_node_suite browser-tests "browser tests" --test-concurrency=2 browser/
stage_end

stage_begin "Receipts server (assent serve: HTTP contract, kill -9, a throw-away PostgreSQL, the banner's queue)"
run_node_suite receipts-tests "receipts tests" --test-concurrency=1 receipts/
stage_end

stage_begin "Scanner (assent scan: a fixture site with planted leaks, hostile pages, a drafted policy, the demo scanned clean)"
run_node_suite scan-tests "scanner tests" --test-concurrency=2 scan/
stage_end

stage_begin "Demo tests (static site + SPA from the npm tarball, in Chromium)"
run_node_suite demo-tests "demo tests" --test-concurrency=1 ../demo/tests/
stage_end

stage_begin "Benchmark smoke (every library's page loads and shows its banner; full run: tests/bench/run.sh)"
tests/bench/run.sh --smoke >"$logs/bench-smoke.log" 2>&1 || { tail -40 "$logs/bench-smoke.log"; die "benchmark smoke failed (full log: build/logs/bench-smoke.log)"; }
tail -1 "$logs/bench-smoke.log"
stage_end

stage_begin "Waiting for the hardening run"
wait "$hardening_pid" || { tail -60 "$logs/hardening.log"; die "hardening run failed (full log: build/logs/hardening.log)"; }
trap - EXIT
sed -n '/^target/,/^$/p' "$logs/hardening.log"
stage_end
stage_import "$logs/hardening.stages" "  (background) "

tree_after=$(git status --porcelain 2>/dev/null || true)
if [ "$tree_before" != "$tree_after" ]; then
  diff <(echo "$tree_before") <(echo "$tree_after") || true
  die "the test run changed the working tree (above: git status before → after); tests must leave it untouched"
fi

stage_table
step "All tests passed"
