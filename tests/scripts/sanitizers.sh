#!/usr/bin/env bash
# The native test suite under AddressSanitizer + UndefinedBehaviorSanitizer, in build-clang/ (see
# assent_build_clang in setup.sh): unit tests, golden vectors, fuzz regressions + seed corpora, hostile
# input, CLI contract. Any leak, memory error or undefined behaviour aborts the test that hit it.
# Usage: tests/scripts/sanitizers.sh [--no-build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$assent_root"

case ${1:-} in
  --no-build) ;;
  '') step "Clang build in build-clang/ (ASan + UBSan + fuzz instrumentation)"; assent_build_clang ;;
  *) die "usage: tests/scripts/sanitizers.sh [--no-build]" ;;
esac

step "Native tests under ASan + UBSan"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$assent_clang_dir" && ctest --output-on-failure -j"$(nproc)") || die "tests failed under sanitizers (build-clang/)"
