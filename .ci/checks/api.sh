#!/usr/bin/env bash
# Checks the running service with clients nobody here wrote: curl reuses one connection
# (keep-alive), a raw socket pipelines requests and gets them answered in order, and the API's
# responses for a spread of queries validate against the official HSDS 3.1 JSON schemas.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-.build/debug/lotse}
work=$(mktemp -d)
python3 -c "import jsonschema, referencing" 2>/dev/null || pip install -q jsonschema
"$binary" serve --port 0 --db "$work/api.db" >"$work/out" 2>"$work/err" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "läuft auf" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/out" | head -1)
port=${url##*:}
failures=0
fail() { echo "FEHLER: $*"; failures=$((failures + 1)); }

echo "== keep-alive (curl)"
curl -sv --http1.1 -o /dev/null -o /dev/null "$url/api" "$url/api/services?per_page=1" 2>"$work/curl" || fail "curl"
grep -qi "re-using existing connection" "$work/curl" && echo "one connection for two requests" || fail "curl did not reuse the connection"

echo "== pipelining (raw socket)"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /api HTTP/1.1\r\nHost: x\r\n\r\nGET /api/services/unbekannt HTTP/1.1\r\nHost: x\r\n\r\nGET /api/taxonomies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
cat <&3 >"$work/pipelined"
exec 3<&-
statuses=$(grep -ao 'HTTP/1.1 [0-9]*' "$work/pipelined" | awk '{print $2}' | tr '\n' ' ')
[ "$statuses" = "200 404 200 " ] && echo "three pipelined requests answered in order: $statuses" || fail "pipelined answers: $statuses"

echo "== HSDS 3.1 schemas"
check() {  # schema, path
  local file="$work/$(echo "$2" | md5sum | cut -c1-12).json"
  local code
  code=$(curl -s -o "$file" -w '%{http_code}' "$url$2")
  [ "$code" = 200 ] || { fail "$2 answered $code"; return; }
  local result
  if result=$(python3 .ci/checks/hsds_validate.py "$1" "$file"); then
    printf '  %s: %s\n' "$2" "$(echo "$result" | tail -1)"
  else
    echo "$result" | head -20; fail "$2 invalid"
  fi
}
for query in "" "search=beratung" "search=pflege&per_page=100" "search=%C3%BC" "search=Stra%C3%9Fe&full=true" \
             "sozialraum=dresden&near=dresden-gruna" "need=pflege&capacity=available" "language=tr" "accessibility=aufzug" \
             "kind=dlz&full=true&per_page=50" "open_now=true" "modified_after=2020-01-01T00:00:00Z" "page=3&per_page=7"; do
  check page:service "/api/services?$query"
done
check service "/api/services?format=ndjson&full=true"
curl -s "$url/api/services?minimal=true&per_page=1000" | python3 -c "
import json, sys
page = json.load(sys.stdin)
assert page['total_items'] == page['size'] > 100, page['size']
assert all(set(item) == {'id', 'last_modified'} for item in page['contents'])
print('  minimal=true: %d items with id and last_modified only' % page['size'])" || fail "minimal"
for id in $(curl -s "$url/api/services?per_page=30&search=e" | python3 -c "import json,sys; print(' '.join(s['id'] for s in json.load(sys.stdin)['contents']))"); do
  check service "/api/services/$id" >/dev/null
done
echo "  30 service details checked"
check page:organization "/api/organizations?per_page=100"
check page:organization "/api/organizations?full=true&search=verein"
check organization "/api/organizations?format=ndjson&full_service=true"
for id in $(curl -s "$url/api/organizations?per_page=20" | python3 -c "import json,sys; print(' '.join(s['id'] for s in json.load(sys.stdin)['contents']))"); do
  check organization "/api/organizations/$id?full_service=true" >/dev/null
done
echo "  20 organization details checked"
check page:service_at_location "/api/service_at_locations?per_page=100"
check page:service_at_location "/api/service_at_locations?full=true&search=beratung"
check page:taxonomy "/api/taxonomies"
check page:taxonomy_term "/api/taxonomy_terms?per_page=200"
check page:taxonomy_term "/api/taxonomy_terms?top_only=true"

if [ "$failures" -gt 0 ]; then echo "api.sh: $failures Fehler"; exit 1; fi
echo "api.sh: alles in Ordnung"
