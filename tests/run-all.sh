#!/usr/bin/env bash
# Assent's whole test suite from a fresh Debian 12 machine: installs what is missing, builds natively and
# to wasm, then runs every test. This is the README's test command and what .ci/run calls.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"
cd "$assent_root"

assent_install_apt
assent_npm_ci "$assent_root/tests"
# The demo command builds everything the tests need: engine (native + wasm), shim, npm tarball, SPA.
"$assent_root/demo/run.sh" --no-serve || die "build failed (demo/run.sh --no-serve)"

step "Native tests (Catch2 unit tests, golden vectors, CLI contract) via CTest"
(cd build && ctest --output-on-failure) || die "native tests failed"

step "Sanitizers (ASan + UBSan over unit tests, vectors, fuzz regressions, CLI contract in build-asan/)"
tests/scripts/sanitizers.sh >build/sanitizers.log 2>&1 || { tail -60 build/sanitizers.log; die "sanitizer run failed (full log: build/sanitizers.log)"; }
tail -3 build/sanitizers.log

step "Fuzz smoke (libFuzzer, 30 s per target; the long run is tests/fuzz/run.sh)"
tests/fuzz/run.sh --smoke >build/fuzz-smoke.log 2>&1 || { tail -40 build/fuzz-smoke.log; die "fuzz smoke failed (full log: build/fuzz-smoke.log)"; }
sed -n '/^target/,/^$/p' build/fuzz-smoke.log

step "Node tests (golden vectors on the wasm engine, wasm/native agreement, boundary, JSON Schema)"
(cd tests && node --test wasm/ schema/ package/) >build/node-tests.log 2>&1 || { tail -60 build/node-tests.log; die "Node tests failed (full log: build/node-tests.log)"; }
grep -E '^# (tests|pass|fail)' build/node-tests.log

step "Browser tests (playwright-core + Debian Chromium: network log, cookies, DOM, axe)"
(cd tests && node --test --test-concurrency=1 browser/) >build/browser-tests.log 2>&1 || { tail -80 build/browser-tests.log; die "browser tests failed (full log: build/browser-tests.log)"; }
grep -E '^# (tests|pass|fail)' build/browser-tests.log

step "Demo tests (static site + SPA from the npm tarball, in Chromium)"
(cd tests && node --test --test-concurrency=1 ../demo/tests/) >build/demo-tests.log 2>&1 || { tail -80 build/demo-tests.log; die "demo tests failed (full log: build/demo-tests.log)"; }
grep -E '^# (tests|pass|fail)' build/demo-tests.log

step "Benchmark smoke (every library's page loads and shows its banner; the full run is tests/bench/run.sh)"
tests/bench/run.sh --smoke >build/bench-smoke.log 2>&1 || { tail -40 build/bench-smoke.log; die "benchmark smoke failed (full log: build/bench-smoke.log)"; }
tail -3 build/bench-smoke.log

step "All tests passed"
