#!/usr/bin/env bash
# binary.sh: the self-contained binary (docs/operations.md). Builds the release binary with the
# Swift runtime and Foundation linked statically, copies it alone into an empty folder and runs
# it from another working directory with another HOME and no LOTSE_HOME, so Templates/ and Seeds/
# can only come from the binary: `init`, `serve` (start page, API search, login page, stylesheet),
# every export format and an XML import (the built-in XSD). `ldd` must list nothing from the
# toolchain. Then validates the deployment files with the real tools where they are installed:
# `nginx -t` on deploy/nginx-lotse.conf with a self-signed certificate, `systemd-analyze verify`
# on deploy/lotse.service. Installs nothing; prints the release build time and the binary size.
# Arguments are passed to `swift build` (e.g. --scratch-path DIR to build beside a running one).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
failures=0
fail() { echo "FEHLER: $*"; failures=$((failures + 1)); }
work=$(mktemp -d /tmp/lotse-binary-check.XXXXXX)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== swift build -c release --static-swift-stdlib --product lotse"
started=$(date +%s)
log=$work/build.log
if ! swift build -c release --static-swift-stdlib --product lotse "$@" >"$log" 2>&1; then
  tail -40 "$log"; echo "Release-Build fehlgeschlagen." >&2; exit 1
fi
echo "release build: $(( $(date +%s) - started )) s"
built=$(swift build -c release --static-swift-stdlib --product lotse "$@" --show-bin-path)/lotse

mkdir -p "$work/bin" "$work/run" "$work/home"
cp "$built" "$work/bin/lotse"
lotse=$work/bin/lotse
echo "binary: $(du -h "$lotse" | cut -f1) ($(stat -c %s "$lotse") bytes)"

echo "== ldd"
ldd "$lotse" | sed 's/^/  /'
if ldd "$lotse" | grep -Ei '/opt/swift|libswift|libFoundation|libdispatch|libBlocksRuntime|_FoundationICU|not found'; then
  fail "the binary needs libraries from the toolchain (or missing ones)"
fi

# Only the binary: another working directory, another HOME, no LOTSE_HOME, nothing of the checkout.
run() { (cd "$work/run" && env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "$lotse" "$@"); }

echo "== lotse init"
started_ms=$(date +%s%N)
out=$(run init --db lotse.db) || fail "init: $out"
echo "  $out ($(( ($(date +%s%N) - started_ms) / 1000000 )) ms)"
echo "$out" | grep -q "Organisationen" || fail "init loaded no sample network"

echo "== lotse serve"
(cd "$work/run" && exec env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 "$lotse" serve --port 0 --db lotse.db) \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
started_ms=$(date +%s%N)
for _ in $(seq 1 100); do grep -q "läuft auf" "$work/serve.out" 2>/dev/null && break; sleep 0.05; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out" | head -1 || true)
if [ -z "$url" ]; then
  cat "$work/serve.err"; fail "serve did not start"
else
  echo "  listening after $(( ($(date +%s%N) - started_ms) / 1000000 )) ms at $url"
  page() {  # path, text the body must contain
    local code
    code=$(curl -s -o "$work/page" -w '%{http_code}' "$url$1")
    if [ "$code" = 200 ] && grep -q -- "$2" "$work/page"; then echo "  $1: 200, contains $2"
    else fail "$1 answered $code$(grep -q -- "$2" "$work/page" || echo ", without $2")"; fi
  }
  page / "<h1"
  page "/api/services?search=beratung" '"total_items"'
  page /anmelden 'type="password"'
  page /static/lotse.css "{"
  page /static/schema/lotse-verzeichnis-1.xsd "xs:schema"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
fi

echo "== lotse export (every format)"
for format in vcard vcard4 xcard xml hsds-json hsds-ndjson; do
  if run export "$format" --db lotse.db --out "export.$format" 2>"$work/export.err" && [ -s "$work/run/export.$format" ]; then
    echo "  $format: $(stat -c %s "$work/run/export.$format") bytes"
  else
    cat "$work/export.err"; fail "export $format"
  fi
done
if run export hsds-csv --db lotse.db --out export-csv 2>"$work/export.err" && [ -s "$work/run/export-csv/datapackage.json" ]; then
  echo "  hsds-csv: $(ls "$work/run/export-csv" | wc -l) files"
else
  cat "$work/export.err"; fail "export hsds-csv"
fi

echo "== lotse import xml (the built-in XSD)"
if out=$(run init --empty --db import.db && run import xml export.xml --db import.db 2>&1); then echo "  ${out##*$'\n'}"
else echo "$out" | tail -5; fail "import of the XML export"; fi

echo "== deploy/"
if command -v nginx >/dev/null; then
  mkdir -p "$work/nginx/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=lotse.example.org \
    -keyout "$work/nginx/key.pem" -out "$work/nginx/cert.pem" 2>/dev/null
  sed -e "s#/etc/ssl/lotse/fullchain.pem#$work/nginx/cert.pem#" -e "s#/etc/ssl/lotse/privkey.pem#$work/nginx/key.pem#" \
    deploy/nginx-lotse.conf >"$work/nginx/site.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n  access_log off;\n  include %s/site.conf;\n}\n' \
    "$work/nginx" "$work/nginx" "$work/nginx" >"$work/nginx/nginx.conf"
  if nginx -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"; then echo "  nginx -t: deploy/nginx-lotse.conf ok"
  else fail "nginx -t on deploy/nginx-lotse.conf"; fi
else
  echo "  nginx not installed (.ci/checks/install-nginx.sh): site not checked"
fi
if command -v systemd-analyze >/dev/null; then
  sed "s#/usr/local/bin/lotse#$lotse#" deploy/lotse.service >"$work/lotse.service"
  if systemd-analyze verify "$work/lotse.service"; then echo "  systemd-analyze verify: deploy/lotse.service ok"
  else fail "systemd-analyze verify deploy/lotse.service"; fi
else
  echo "  systemd-analyze not installed: unit not checked"
fi

if [ "$failures" -gt 0 ]; then echo "binary.sh: $failures Fehler"; exit 1; fi
echo "binary.sh: the binary runs alone; deploy files valid"
