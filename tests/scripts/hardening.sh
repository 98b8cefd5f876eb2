#!/usr/bin/env bash
# The clang half of the test command, one build directory (build-clang/: ASan + UBSan + libFuzzer
# instrumentation): the native ctest under the sanitizers, then a short fuzz smoke of every target.
# tests/run-all.sh runs it in the background; it writes its stage times to build/logs/hardening.stages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$assent_root/tests/scripts/stages.sh"
cd "$assent_root"
export STAGES_FILE=$assent_root/build/logs/hardening.stages
mkdir -p "$(dirname "$STAGES_FILE")"
: >"$STAGES_FILE"

stage_begin "Clang build (ASan + UBSan + fuzz instrumentation, build-clang/)"
assent_build_clang
stage_end

stage_begin "Native tests under ASan + UBSan (ctest in build-clang/)"
tests/scripts/sanitizers.sh --no-build
stage_end

stage_begin "Fuzz smoke (libFuzzer, ${ASSENT_FUZZ_SMOKE_SECONDS:=10} s per target; the long run is tests/fuzz/run.sh)"
tests/fuzz/run.sh --no-build --seconds "$ASSENT_FUZZ_SMOKE_SECONDS"
stage_end
