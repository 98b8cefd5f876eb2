#!/usr/bin/env bash
# Stage timing for the test command: stage_begin NAME … stage_end records how long each stage took;
# stage_table prints them. A background job writes its own stages with STAGES_FILE set, and the parent
# adds them with stage_import FILE PREFIX. Sourced after setup.sh (uses step).
stage_names=() stage_secs=()
stage_t0=0 stage_name='' stage_run_t0=$(date +%s.%N)

stage_begin() {
  stage_name=$1
  stage_t0=$(date +%s.%N)
  step "$stage_name"
}

stage_end() {
  local secs
  secs=$(awk -v a="$stage_t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  stage_names+=("$stage_name") stage_secs+=("$secs")
  [ -n "${STAGES_FILE:-}" ] && printf '%s\t%s\n' "$secs" "$stage_name" >>"$STAGES_FILE"
  return 0
}

stage_import() {  # stage_import FILE PREFIX: stages a background job recorded (already counted in the wall time)
  local secs name
  [ -f "$1" ] || return 0
  while IFS=$'\t' read -r secs name; do stage_names+=("$2$name") stage_secs+=("$secs"); done <"$1"
}

stage_table() {
  local total i
  total=$(awk -v a="$stage_run_t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  printf '\n%-96s %8s\n' "stage" "seconds"
  for i in "${!stage_names[@]}"; do printf '%-96s %8s\n' "${stage_names[$i]:0:96}" "${stage_secs[$i]}"; done
  printf '%-96s %8s\n' "total (wall clock; background stages overlap the others)" "$total"
}
