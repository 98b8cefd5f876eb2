#!/usr/bin/env bash
# Installs what Assent's build and tests need on Debian 12, idempotently: apt packages only when missing,
# npm packages from the lock files. Sourced by tests/run-all.sh (and later the demo command).
set -euo pipefail

assent_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf '\n\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

# The receipts server (wasm/server): cpp-httplib, SQLite, libpq and OpenSSL; `postgresql` for its fault tests
# (the tests run a throw-away cluster of their own, tests/receipts/lib/postgres.mjs, never the packaged one).
APT_PACKAGES=(cmake make g++ emscripten nlohmann-json3-dev libcli11-dev catch2 nodejs gzip chromium brotli clang libclang-rt-14-dev
  libcpp-httplib-dev libsqlite3-dev libpq-dev libssl-dev postgresql)

assent_install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && { echo "apt packages present: ${APT_PACKAGES[*]}"; return; }
  step "Installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed (network or sources.list?)"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
}

assent_npm_ci() {  # assent_npm_ci <dir>: reinstall only when package-lock.json changed
  local dir=$1 stamp=$1/node_modules/.assent-lock
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "npm packages in ${dir#$assent_root/} are up to date"
    return
  fi
  step "npm ci in ${dir#$assent_root/}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in $dir failed"
  cp "$dir/package-lock.json" "$stamp"
}

assent_build_native() {
  step "Native build (core library, assent CLI, Catch2 tests)"
  cmake -S "$assent_root" -B "$assent_root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null || die "cmake configure (native) failed"
  cmake --build "$assent_root/build" -j"$(nproc)" || die "native build failed"
}

assent_build_wasm() {
  # The wasm link runs the Closure Compiler and binaryen pinned in js-shim's devDependencies.
  assent_npm_ci "$assent_root/js-shim"
  step "WebAssembly build (assent.wasm + Embind glue → js-shim/engine/)"
  # emcc's JS optimizer needs acorn from Debian's node modules on this Debian build.
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
  emcmake cmake -S "$assent_root" -B "$assent_root/build-wasm" -DCMAKE_BUILD_TYPE=Release >/dev/null \
    || die "cmake configure (emscripten) failed"
  cmake --build "$assent_root/build-wasm" -j"$(nproc)" 2>&1 | grep -v '^\[' || true
  [ -f "$assent_root/js-shim/engine/assent.wasm" ] || die "wasm build failed: js-shim/engine/assent.wasm missing"
}

assent_build_shim() {
  assent_npm_ci "$assent_root/js-shim"
  step "JS shim build (esbuild + tsc strict) → js-shim/dist/"
  (cd "$assent_root/js-shim" && node build.mjs) || die "shim build failed"
}

# One clang build for the hardening runs: the core, CLI and Catch2 tests with ASan + UBSan (no recovery,
# -O1, Debug so assertions stay on) and libFuzzer coverage instrumentation, plus the libFuzzer binaries.
# Used by tests/scripts/sanitizers.sh (ctest) and tests/fuzz/run.sh; the sanitizer runtime's weak coverage
# hooks let the non-fuzzer binaries link against the instrumented library.
assent_clang_dir=$assent_root/build-clang
assent_build_clang() {
  command -v clang++ >/dev/null || die "clang++ missing: apt-get install clang libclang-rt-14-dev"
  mkdir -p "$assent_clang_dir"
  cmake -S "$assent_root" -B "$assent_clang_dir" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug -DASSENT_FUZZ=ON >"$assent_clang_dir/configure.log" 2>&1 \
    || { cat "$assent_clang_dir/configure.log"; die "cmake configure (clang, build-clang/) failed"; }
  cmake --build "$assent_clang_dir" -j"$(nproc)" >"$assent_clang_dir/build.log" 2>&1 \
    || { grep -E 'error' -A3 "$assent_clang_dir/build.log" | head -40; die "clang build failed (log: build-clang/build.log)"; }
}
