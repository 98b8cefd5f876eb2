#!/usr/bin/env bash
# CLI contract: JSON on stdout, diagnostics on stderr, exit 0 ok / 1 invalid input / 2 usage.
# Usage: cli_test.sh <path to assent binary> <repo root>
set -u
bin=$1
root=$2
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {  # run <expected exit> <args...>; leaves stdout in $tmp/out, stderr in $tmp/err
  local want=$1
  shift
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: assent $* → exit $got, expected $want"
    sed 's/^/  stderr: /' "$tmp/err" | head -5
    fails=$((fails + 1))
  fi
}
expect_json() {  # expect_json <node expression over `d`> <label>
  if ! node -e "const d=JSON.parse(require('fs').readFileSync('$tmp/out','utf8')); if(!($1)) process.exit(1)"; then
    echo "FAIL: $2 (stdout: $(head -c 300 "$tmp/out"))"
    fails=$((fails + 1))
  fi
}
expect_err() {  # expect_err <grep pattern> <label>
  if ! grep -q -- "$1" "$tmp/err"; then
    echo "FAIL: $2 (stderr: $(head -c 300 "$tmp/err"))"
    fails=$((fails + 1))
  fi
}

for f in "$root"/config/examples/*.json; do
  run 0 validate "$f"
  expect_json 'd.ok === true' "validate accepts $f"
done

cat >"$tmp/broken.json" <<'JSON'
{ "revision": "1", "site": { "name": "S" },
  "services": [ { "id": "ga", "category": "analitics", "vendor": "Google" } ],
  "storage": { "maxAgeDays": "400" } }
JSON
run 1 validate "$tmp/broken.json"
expect_err '/services/0/category: unknown category "analitics"' "validate names the bad category with its JSON Pointer"
expect_err '/storage/maxAgeDays: must be a whole number of days' "validate names the wrong type"
expect_json 'd.ok === false && d.errors.length === 2 && d.errors.every(e => e.path.startsWith("/"))' "validate lists every error with a path"

printf '{"revision": "1",\n  "site": {' >"$tmp/truncated.json"
run 1 validate "$tmp/truncated.json"
expect_err 'line 2' "broken JSON reports a line"

ex="$root/config/examples/saas-full.json"
run 0 decide "$ex" --region DE --now 2026-11-24T10:00:00Z
expect_json 'd.model === "opt-in" && d.showBanner === true && d.regionSource === "hint"' "DE → opt-in with banner"
expect_json '!d.categories.find(c => c.id === "analytics").granted && !d.categories.find(c => c.id === "marketing").granted' "DE: analytics and marketing denied"

run 0 decide "$ex" --region US-CA --gpc --now 2026-11-24
expect_json 'd.model === "opt-out" && !d.categories.find(c => c.id === "marketing").granted && d.ui.compact && !d.ui.doNotSellLink' "US-CA + GPC → opt-out, marketing denied, compact notice (the signal did what the link would)"

run 0 decide "$ex" --tz Asia/Tokyo --now 2026-11-24
expect_json 'd.region === "JP" && d.regionSource === "timezone" && d.model === "opt-in"' "Asia/Tokyo resolves through the time zone (the example overrides JP to opt-in)"
run 0 decide "$root/config/examples/minimal.json" --tz Asia/Tokyo --now 2026-11-24
expect_json 'd.region === "JP" && d.regionSource === "timezone" && d.model === "notice"' "Asia/Tokyo → JP → notice by default"

run 0 decide "$ex" --region DE --lang de-AT,en --now 2026-11-24
expect_json 'd.language === "de" && !("texts" in d) && d.services.every(s => Object.keys(s).length === 3)' "de-AT negotiates to de; a decision carries no words"
run 0 words "$ex" --lang de
expect_json 'd.language === "de" && d.texts["banner.acceptAll"] === "Alle akzeptieren" && d.services.every(s => s.id && s.vendor && Array.isArray(s.cookies))' "words --lang de: the German texts and each service's words"
run 0 words "$ex" --lang de-AT
expect_json 'd.language === "de"' "words negotiates an undeclared language as decide does (de-AT → de)"
run 0 words "$ex"
expect_json 'd.language === "en" && d.texts["banner.acceptAll"] === "Accept all"' "words without --lang: the policy's first language"

run 0 choose "$ex" --region DE --reject-all --now 2026-11-24
expect_json 'typeof d.record === "string" && d.record.startsWith("1.") && d.deleteCookies.includes("_ga") && !d.decision.showBanner' "choose --reject-all gives a record and cookies to delete"
record=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$tmp/out','utf8')).record)")
run 0 decide "$ex" --region DE --record "$record" --now 2026-12-01
expect_json 'd.showBanner === false && d.reason === "valid-record"' "the record from choose is honoured by decide"
run 0 decide "$ex" --region DE --record "$record" --now 2028-01-01
expect_json 'd.showBanner === true && d.reason === "expired"' "an old record re-prompts"

run 0 choose "$ex" --region DE --allow analytics,intercom --now 2026-11-24
expect_json 'd.decision.categories.find(c => c.id === "analytics").granted && !d.decision.categories.find(c => c.id === "marketing").granted && d.decision.services.find(s => s.id === "intercom").granted && !d.decision.categories.find(c => c.id === "support").granted' "--allow grants just what it names"
run 1 choose "$ex" --region DE --allow analitics --now 2026-11-24
expect_err 'unknown category "analitics"' "--allow rejects an unknown id"

# csp: the Content-Security-Policy for the visitor; sources written by hand from the example's patterns
# (https://js.stripe.com/* → https://js.stripe.com, and wss: in connect-src; gtag/js* → its directory gtag/).
run 0 csp "$ex" --region DE --now 2026-11-24
expect_json 'd.header.startsWith("default-src '"'self'"'; script-src '"'self' 'wasm-unsafe-eval'"' https://js.stripe.com; connect-src '"'self'"' https://api.northwind.example https://js.stripe.com wss://js.stripe.com; img-src '"'self'"' data: https://js.stripe.com;")' "csp DE: base sources + the essential service only"
expect_json 'JSON.stringify(d.granted) === JSON.stringify(["cloudflare", "stripe"]) && d.notes.length === 0 && d.directives["object-src"].includes("https://js.stripe.com") && !d.directives["object-src"].some((x) => x.includes("none"))' "csp DE: granted lists the essential services; object-src allows them"
header=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$tmp/out','utf8')).header)")
run 0 csp "$ex" --region DE --now 2026-11-24 --header
[ "$(cat "$tmp/out")" = "$header" ] && [ "$(wc -l <"$tmp/out")" = 1 ] || { echo "FAIL: csp --header prints just the JSON's header, on one line"; fails=$((fails + 1)); }
run 0 choose "$ex" --region DE --allow analytics --now 2026-11-24
record=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$tmp/out','utf8')).record)")
run 0 csp "$ex" --region DE --record "$record" --now 2026-11-25
expect_json 'd.directives["script-src"].includes("https://www.googletagmanager.com/gtag/") && d.directives["connect-src"].includes("https://*.google-analytics.com") && !d.header.includes("facebook")' "csp with an analytics record: analytics sources in, marketing out"
run 0 csp "$ex" --region US-CA --gpc --now 2026-11-24
expect_json 'd.granted.includes("google-analytics") && !d.header.includes("connect.facebook.net") && !d.header.includes("doubleclick")' "csp US-CA + GPC: sale/sharing services out"
run 1 csp "$ex" --region ABCDEFGHIJKLMNOPQRS --now 2026-11-24
expect_err 'context.region is too long' "csp reports a bad context"
printf '{"revision":"1","site":{"name":"S"},"csp":{"script-src":["'"'self'"'; report-uri https://evil.example"]}}' >"$tmp/csp-bad.json"
run 1 csp "$tmp/csp-bad.json" --header
expect_err '/csp/script-src/0' "an injected CSP source is refused with its JSON Pointer"

# policy: the cookie section in each format and language
run 0 policy "$ex" --format md
grep -q '^## Cookies and similar technologies' "$tmp/out" || { echo "FAIL: policy md heading"; fails=$((fails + 1)); }
grep -q 'Google LLC' "$tmp/out" || { echo "FAIL: policy md lists vendors"; fails=$((fails + 1)); }
run 0 policy "$ex" --lang de --format md
grep -q '^## Cookies und ähnliche Technologien\|^## .*Cookies' "$tmp/out" && grep -q 'Rechtsgrundlage' "$tmp/out" || { echo "FAIL: policy --lang de is German"; fails=$((fails + 1)); }
run 0 policy "$ex" --format html
grep -q '<a href="#assent-settings" data-assent-open>' "$tmp/out" || { echo "FAIL: policy html has the settings link"; fails=$((fails + 1)); }
run 0 policy "$ex" --format json
expect_json 'd.language === "en" && d.blocks[0].type === "heading" && d.blocks.some(b => b.type === "table")' "policy json is a document"

# lint: clean examples exit 0 even with --strict; each crafted policy fires under --strict
for f in "$root"/config/examples/*.json; do run 0 lint "$f" --strict; done
for f in "$root"/tests/lint/*.json; do
  node -e "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync('$f','utf8')).policy))" >"$tmp/lint.json"
  rule=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$f','utf8')).rule)")
  # A warning exits 0 without --strict; an error-level finding (a placeholder left in) exits 1 regardless.
  if [ "$rule" = placeholder ]; then run 1 lint "$tmp/lint.json"; else run 0 lint "$tmp/lint.json"; fi
  run 1 lint "$tmp/lint.json" --strict
  expect_err "\[$rule\]" "lint names rule $rule"
done

# Usage errors: exit 2, nothing on stdout, one line naming the problem and one pointing to --help.
expect_usage() {  # expect_usage <command or ""> <grep -F text naming the problem> <label>
  local name="assent${1:+ $1}"
  if [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" != 2 ] || ! head -1 "$tmp/err" | grep -q "^$name: .*" || ! head -1 "$tmp/err" | grep -qF -- "$2" ||
    ! sed -n 2p "$tmp/err" | grep -qF -- "\`$name --help\`"; then
    echo "FAIL: $3 (stdout: $(head -c 100 "$tmp/out"); stderr: $(head -c 300 "$tmp/err"))"
    fails=$((fails + 1))
  fi
}
run 2
expect_usage "" 'missing command' "no arguments asks for a command"
run 2 frobnicate "$ex"
expect_usage "" 'unknown command "frobnicate"' "an unknown command is named"
run 2 --bogus
expect_usage "" 'unknown option --bogus' "an unknown option before the command is named"
run 2 decide
expect_usage decide 'policy-file is required' "a missing policy file is named"
run 2 policy --format md
expect_usage policy 'policy-file is required' "policy without a file names it"
run 2 decide "$ex" --bogus
expect_usage decide 'unknown option --bogus' "an unknown option is named"
run 2 validate "$ex" --gpc
expect_usage validate 'unknown option --gpc' "an option of another command is not silently ignored"
run 2 decide "$ex" --allow analytics
expect_usage decide 'unknown option --allow' "--allow only applies to choose"
run 2 decide "$ex" --header
expect_usage decide 'unknown option --header' "--header only applies to csp"
run 2 csp
expect_usage csp 'policy-file is required' "csp without a file names it"
run 2 decide "$ex" extra
expect_usage decide 'unexpected argument "extra"' "a surplus argument is named"
run 2 decide "$ex" --region
expect_usage decide '--region' "an option without its value is named"
run 2 decide "$ex" --region DE --region FR
expect_usage decide '--region' "a repeated option is named, not silently overridden"
run 2 decide "$ex" --now yesterday
expect_usage decide '--now: "yesterday" is not an ISO date' "--now explains the format"
run 2 policy "$ex" --format pdf
expect_usage policy '--format: pdf' "--format names the bad value"
run 2 choose "$ex" --region DE
expect_usage choose '--accept-all' "choose without an action lists the actions"
run 2 choose "$ex" --accept-all --reject-all
expect_usage choose '2 were given' "choose refuses two actions"
run 2 validate "$tmp/missing.json"
expect_usage validate "$tmp/missing.json" "a missing file is named"
run 2 validate "$tmp"
expect_usage validate "$tmp" "a directory is not a policy file"

# --help: the overview lists every command; each command's help shows its usage and all its options.
run 0 --help
grep -q "usage:" "$tmp/out" || { echo "FAIL: --help prints usage"; fails=$((fails + 1)); }
for cmd in validate decide choose words policy lint csp; do
  grep -q "^  $cmd  " "$tmp/out" || { echo "FAIL: --help lists $cmd"; fails=$((fails + 1)); }
done
context='--region --tz --lang --gpc --dnt --record --now'
help_mentions() {  # help_mentions <command> <words the help must contain>
  local cmd=$1 word
  shift
  run 0 "$cmd" --help
  grep -qF "usage: assent $cmd [OPTIONS] policy-file" "$tmp/out" || { echo "FAIL: $cmd --help usage line"; fails=$((fails + 1)); }
  for word in --help "$@"; do
    grep -qE -- "(^|[ ,])$word( |$)" "$tmp/out" || { echo "FAIL: $cmd --help mentions $word"; fails=$((fails + 1)); }
  done
}
help_mentions validate
help_mentions decide $context
help_mentions choose $context --nonce --accept-all --reject-all --allow --opt-out --acknowledge
help_mentions words --lang
help_mentions policy --lang --format
help_mentions lint --strict
help_mentions csp $context --header
run 0 decide "$ex" --region DE --help
grep -qF "usage: assent decide" "$tmp/out" || { echo "FAIL: --help after arguments still prints help"; fails=$((fails + 1)); }

# Input the JSON grammar refuses is refused, and an oversized file is named with its real size.
printf '{"revision":"1","site":{"name":"S"}}\0{"anything":"after a NUL byte"}' >"$tmp/nul.json"
run 1 validate "$tmp/nul.json"
expect_json 'd.ok === false && /NUL byte/.test(d.errors[0].message)' "a NUL byte after the policy is an error, not the end of the text"
head -c 300000 /dev/zero | tr '\0' ' ' >"$tmp/big.json"
run 1 validate "$tmp/big.json"
expect_json 'd.errors[0].message === "policy is 300000 bytes; the limit is 262144"' "an oversized policy is named with its real size"

# Lint's JSON is printed whole however long: 400 services sharing one cookie make ~80,000 overlap findings
# (over 16 MB of JSON, more than a parse limit once turned the output into "null").
node -e "
const services = Array.from({ length: 400 }, (_, i) => ({ id: 's' + i, category: 'analytics', vendor: 'V', cookies: ['_ga'] }));
process.stdout.write(JSON.stringify({ revision: '1', site: { name: 'S' }, services }));" >"$tmp/overlap.json"
run 0 lint "$tmp/overlap.json"
expect_json 'd.warnings.length > 70000' "lint prints every finding of a policy with tens of thousands"

# --version prints the project version that CMakeLists.txt declares.
version=$(sed -n 's/^project(assent VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
run 0 --version
[ -n "$version" ] && [ "$(cat "$tmp/out")" = "assent $version" ] ||
  { echo "FAIL: --version prints \"assent $version\" (got: $(head -c 100 "$tmp/out"))"; fails=$((fails + 1)); }

if [ "$fails" -gt 0 ]; then
  echo "$fails CLI check(s) failed"
  exit 1
fi
echo "CLI contract: all checks passed"
