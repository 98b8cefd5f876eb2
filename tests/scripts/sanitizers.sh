#!/usr/bin/env bash
# The native test suite under AddressSanitizer + UndefinedBehaviorSanitizer: builds the core, the CLI and
# the Catch2 tests with clang in build-asan/ (ASSENT_SANITIZE=ON, Debug so assertions stay on, -O1) and
# runs their ctest: unit tests, golden vectors, fuzz regressions + seed corpora, hostile input, CLI contract.
# Any leak, memory error or undefined behaviour aborts the test that hit it.
# Usage: tests/scripts/sanitizers.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$assent_root"

out=$assent_root/build-asan
step "Sanitizer build in build-asan/ (clang, -fsanitize=address,undefined, no recovery)"
command -v clang++ >/dev/null || die "clang++ missing: apt-get install clang libclang-rt-14-dev"
mkdir -p "$out"
cmake -S . -B "$out" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DASSENT_SANITIZE=ON >"$out/configure.log" 2>&1 || { cat "$out/configure.log"; die "cmake configure (sanitizers) failed"; }
cmake --build "$out" -j"$(nproc)" >"$out/build.log" 2>&1 || { grep -E 'error' -A3 "$out/build.log" | head -40; die "sanitizer build failed (log: build-asan/build.log)"; }

step "Native tests under ASan + UBSan"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$out" && ctest --output-on-failure -j"$(nproc)") || die "tests failed under sanitizers (build-asan/)"
