#!/usr/bin/env bash
# The Assent demo in one command, from a fresh Debian 12 machine: installs what is missing, builds the engine
# (native CLI + wasm) and the shim, packs the shim as the npm package, installs that tarball into the React SPA
# and builds it, then serves everything (demo/serve.mjs). Safe to run again: each step redoes only what changed.
#
#   demo/run.sh               build, then serve on 127.0.0.1:8080 (site), :8081 (SPA), :8090 (third parties)
#   demo/run.sh --no-serve    build only (what the tests need)
#   PORT_BASE=9000 demo/run.sh    serve on 9000, 9001 and 9010 instead
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../tests/scripts/setup.sh"
demo=$assent_root/demo
spa=$demo/spa

serve=1
for arg in "$@"; do
  case $arg in
    --no-serve) serve=0 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $arg (try --help)" ;;
  esac
done

assent_install_apt
assent_build_native
assent_build_wasm
assent_build_shim

step "Checking the demo policies with the assent CLI"
for policy in "$demo/site/assent.json" "$spa/public/assent.json"; do
  "$assent_root/build/assent" validate "$policy" >/dev/null || die "invalid policy: ${policy#$assent_root/}"
done

step "Packing the shim (npm pack) → demo/spa/vendor/assent-consent.tgz"
mkdir -p "$spa/vendor"
pack_dir=$(mktemp -d)
pack_json=$(cd "$assent_root/js-shim" && npm pack --pack-destination "$pack_dir" --json --loglevel=error) \
  || die "npm pack in js-shim failed"
tarball=$(node -e 'const [p] = JSON.parse(process.argv[1]); console.log(p.filename)' "$pack_json")
integrity=$(node -e 'const [p] = JSON.parse(process.argv[1]); console.log(p.integrity)' "$pack_json")
mv "$pack_dir/$tarball" "$spa/vendor/assent-consent.tgz"
rmdir "$pack_dir"
echo "$tarball ($integrity)"

# The lock names the tarball without its hash (no "integrity"), so a rebuilt shim never rewrites a tracked
# file: npm ci reads whatever vendor/assent-consent.tgz holds now. The stamp makes the SPA reinstall when
# the lock or the tarball changed.
node -e 'const l = require(process.argv[1]); process.exit(l.packages["node_modules/assent-consent"]?.integrity ? 1 : 0)' \
  "$spa/package-lock.json" || die "demo/spa/package-lock.json pins assent-consent's hash (an npm install wrote it): remove its \"integrity\" line"
stamp=$spa/node_modules/.assent-stamp
want=$(cat "$spa/package-lock.json"; echo "$integrity")
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "SPA packages are up to date"
else
  step "npm ci in demo/spa (installs the tarball just packed)"
  (cd "$spa" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in demo/spa failed"
  printf '%s' "$want" >"$stamp"
fi

step "Building the SPA (tsc + vite build) → demo/spa/dist/"
(cd "$spa" && npm run --silent build) || die "SPA build failed"

if [ "$serve" = 0 ]; then
  step "Demo built (--no-serve). Start it with: node demo/serve.mjs"
  exit 0
fi
step "Serving the demo (Ctrl+C to stop)"
exec node "$demo/serve.mjs"
