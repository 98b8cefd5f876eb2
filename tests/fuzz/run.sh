#!/usr/bin/env bash
# Fuzzes the engine with libFuzzer (clang, ASan + UBSan) in build-clang/ and prints a table per target.
# Usage: tests/fuzz/run.sh [--seconds N | --smoke] [--jobs J] [--no-build] [target ...]
#   --seconds N  per target (default 300); --smoke = 10 s per target
#   --jobs J     targets fuzzed at once (default 2)
#   --no-build   use build-clang/ as it is (the test command built it already)
#   targets      policy record language region decide (default: all)
# Exits 1 when a target crashed or broke a property; the input is kept in build-clang/crashes/<target>/
# with the command that reproduces it. Corpora grow in build-clang/corpus/<target>/ across runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
cd "$assent_root"

seconds=300 jobs=2 build=1 targets=()
all=(policy record language region decide)
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=${2:?--seconds needs a value}; shift ;;
    --smoke) seconds=10 ;;
    --no-build) build=0 ;;
    --jobs) jobs=${2:?--jobs needs a value}; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [[ " ${all[*]} " == *" $1 "* ]] || die "unknown target $1 (targets: ${all[*]})"; targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
[[ $seconds =~ ^[0-9]+$ && $jobs =~ ^[1-9][0-9]*$ ]] || die "--seconds and --jobs take whole numbers"

out=$assent_clang_dir
if [ "$build" = 1 ]; then
  step "Building fuzzers in build-clang/ (clang, -fsanitize=fuzzer,address,undefined)"
  assent_build_clang
fi
for t in "${targets[@]}"; do [ -x "$out/fuzz_$t" ] || die "build-clang/fuzz_$t missing: run without --no-build"; done

# One target: corpus seeded from the generated seeds and the regressions, crashes kept apart.
fuzz_one() {
  local t=$1 corpus=$out/corpus/$1 crashes=$out/crashes/$1
  mkdir -p "$corpus" "$crashes"
  cp -n "$out/fuzz-seeds/$t"/* "$corpus/" 2>/dev/null || true
  cp -n tests/fuzz/regressions/"$t"/* "$corpus/" 2>/dev/null || true
  # -timeout: an input taking 5 s is a bug (the engine answers a page load); -rss_limit_mb: memory blow-ups too.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$out/fuzz_$t" "$corpus" -dict="tests/fuzz/dicts/$t.dict" -max_total_time="$seconds" -timeout=5 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" >"$out/$t.log" 2>&1
}

step "Fuzzing ${targets[*]} for ${seconds}s each, $jobs at a time (logs: build-clang/<target>.log)"
rm -rf "$out/crashes"
pids=() names=()
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_one "$t" &
  pids+=($!) names+=("$t")
done
wait || true

# The table, from libFuzzer's final stats and its last status line.
printf '\n%-9s %12s %9s %14s %14s %8s\n' target executions exec/s cov/ft corpus crashes
failed=()
for t in "${names[@]}"; do
  log=$out/$t.log
  # A target that crashed on its first input has no status line: every lookup may come back empty.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last") ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")  # units/bytes libFuzzer kept
  crashes=$(find "$out/crashes/$t" -type f | wc -l)
  printf '%-9s %12s %9s %14s %14s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}/${ft:-?}" "${corp:-?}" "$crashes"
  [ "$crashes" -eq 0 ] && [ -n "$execs" ] || failed+=("$t")
done

if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    printf '\n\033[31m%s:\033[0m\n' "$t"
    grep -m1 -E 'ERROR: |property violated|runtime error' "$out/$t.log" || tail -5 "$out/$t.log"
    for f in "$out/crashes/$t"/*; do
      [ -e "$f" ] || continue
      echo "  input:      ${f#$assent_root/}"
      echo "  reproduce:  build-clang/fuzz_$t ${f#$assent_root/}"
      echo "  keep it:    cp ${f#$assent_root/} tests/fuzz/regressions/$t/<what-it-is>   (then fix; ctest replays it)"
    done
  done
  die "fuzzing found problems in: ${failed[*]} (logs: build-clang/<target>.log)"
fi
step "Fuzzing: no crashes"
