#!/usr/bin/env bash
# Checks Lotse's exports with independent validators (see docs/checks.md). Builds nothing:
# give the lotse binary (default .build/debug/lotse). For the seeded sample network and for a
# generated network of 10,000 services it exports every format and runs
#   directory XML  xmllint --schema, Python xmlschema           (our XSD)
#   xCard          xmllint --relaxng, jing                      (RFC 6351 RELAX NG)
#   vCard/xCard    ez-vcard (Java) for 3.0, 4.0 and xCard
#   vCard 3.0      vcard (strict RFC 2426), vCard 4.0: libbelcard (RFC 6350 ABNF), per card
#   HSDS JSON      .ci/checks/hsds_validate.py (service lines, Page of services)
#   values         vobject round trip of names, notes and addresses against the database
#   imports        each export imported into an empty database, exported again, compared
# and that nothing confidential of the seeds appears in a public export. Install the tools
# with .ci/checks/install-exports.sh. Exit status 1 on any failure; prints a summary.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
lotse=$(realpath "${1:-.build/debug/lotse}")
sizes=${LOTSE_EXPORT_CHECK_SIZES:-"seeded 10000"}
export LOTSE_HOME=$root
rng=$(realpath ../shared/anchors/standards/xcard-rfc6351.rng 2>/dev/null || echo /work/shared/anchors/standards/xcard-rfc6351.rng)
xsd=$root/Templates/static/schema/lotse-verzeichnis-1.xsd
tmp=$(mktemp -d /tmp/lotse-exports-check.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
[ -x "$lotse" ] || { echo "lotse-Programm $lotse fehlt (zuerst bauen)" >&2; exit 1; }

passed=0; failed=0; summary=()
check() {   # check LABEL COMMAND...: runs the command, records PASS/FAIL, shows output on failure
  local label=$1; shift
  local log=$tmp/check.log
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); summary+=("PASS  $label")
  else
    failed=$((failed + 1)); summary+=("FAIL  $label")
    echo "---- FAIL: $label"; grep -v "Unable to locate" "$log" | head -40
  fi
}

# The two small checker programs for ez-vcard and libbelcard (docs/checks.md).
cat >"$tmp/VcardCheck.java" <<'JAVA'
import ezvcard.*; import ezvcard.io.ParseWarning; import java.io.File; import java.util.*;
public class VcardCheck {
  public static void main(String[] a) throws Exception { int n = 0;
    for (String p : a) { List<List<ParseWarning>> pw = new ArrayList<>();
      List<VCard> cs = p.endsWith(".xml") ? Ezvcard.parseXml(new File(p)).warnings(pw).all() : Ezvcard.parse(new File(p)).warnings(pw).all();
      for (List<ParseWarning> l : pw) for (ParseWarning w : l) { System.out.println(p + ": " + w); n++; }
      if (cs.isEmpty()) { System.out.println(p + ": no vCard"); n++; }
      for (VCard c : cs) { ValidationWarnings v = c.validate(c.getVersion() == null ? VCardVersion.V4_0 : c.getVersion());
        if (!v.isEmpty()) { System.out.println(p + ":\n" + v); n += v.getWarnings().size(); } } }
    System.out.println(a.length + " files checked, " + n + " warnings");
    System.exit(n == 0 ? 0 : 1); } }
JAVA
cat >"$tmp/belcard_check.cpp" <<'CPP'
#include <belcard/belcard.hpp>
#include <belcard/belcard_parser.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
int main(int argc, char **argv) {
  std::ifstream in(argv[1], std::ios::binary); std::stringstream ss; ss << in.rdbuf();
  auto card = belcard::BelCardParser::getInstance()->parseOne(ss.str());
  if (!card) { std::cout << argv[1] << ": REJECTED\n"; return 1; }
  std::cout << argv[1] << ": OK\n"; return 0; }
CPP
g++ -std=c++17 "$tmp/belcard_check.cpp" -o "$tmp/belcard_check" -lbelcard -lbelr -lbctoolbox || { echo "belcard_check lässt sich nicht bauen (install-exports.sh?)" >&2; exit 1; }
ezvcard() { java -cp /usr/share/java/ez-vcard.jar:/usr/share/java/vinnie.jar "$tmp/VcardCheck.java" "$@"; }

# libbelcard rejects every GEO geo: URI with a comma, even RFC 6350's own example, so GEO lines
# are taken out before its check (the deviation is asserted, so a fixed belcard shows up here).
belcard_rejects_rfc_geo() {
  printf 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nGEO:geo:37.386013,-122.082932\r\nEND:VCARD\r\n' >"$tmp/rfc-geo.vcf"
  ! "$tmp/belcard_check" "$tmp/rfc-geo.vcf" >/dev/null
}
belcard_all() {   # belcard_all FILE: checks every card of a 4.0 file separately
  local dir=$tmp/belcard; rm -rf "$dir"; mkdir -p "$dir"
  awk -v dir="$dir" '/^BEGIN:VCARD/{n++; f=sprintf("%s/%06d.vcf", dir, n)} !/^GEO:/{print > f}' "$1"
  local count=0 bad=0
  for card in "$dir"/*.vcf; do
    count=$((count + 1)); "$tmp/belcard_check" "$card" >/dev/null || { bad=$((bad + 1)); echo "REJECTED: $card"; head -30 "$card"; }
  done
  echo "belcard: $count cards, $bad rejected"; [ "$bad" = 0 ] && [ "$count" -gt 0 ]
}
# The `vcard` tool decodes the file as text and then allows only U+0080–U+00FF as NON-ASCII,
# rejecting e.g. "–" although RFC 2426 defines NON-ASCII as the octets %x80-FF. Showing it every
# octet as one Latin-1 character checks exactly RFC 2426's octet grammar, folding included.
strict_vcard3() {
  iconv -f latin1 -t utf-8 "$1" >"$tmp/octets.vcf" && vcard "$tmp/octets.vcf" 2>/dev/null
}
xmlschema_check() {
  python3 -c "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('xmlschema: valid')" "$xsd" "$1"
}
same_files() { cmp "$1" "$2" && echo "identical: $(basename "$1")"; }
roundtrip() {   # roundtrip FORMAT FILE: import into an empty database, export again, compare
  local format=$1 file=$2
  local db=$tmp/rt-$format.db out=$tmp/rt-$format.out
  rm -f "$db"*
  "$lotse" init --empty --db "$db" >/dev/null &&
  "$lotse" import "$format" "$file" --db "$db" >/dev/null &&
  case $format in
    hsds-csv) "$lotse" export hsds-csv --db "$db" --out "$out" && for f in "$file"/*.csv; do same_files "$f" "$out/$(basename "$f")" || return 1; done ;;
    hsds-json) "$lotse" export hsds-ndjson --db "$db" --out "$out" && same_files "$file" "$out" ;;
    *) "$lotse" export "$format" --db "$db" --out "$out" && same_files <(sed 's/ created="[^"]*"//' "$file") <(sed 's/ created="[^"]*"//' "$out") ;;
  esac
}
no_confidential() {   # the seeds' shelter address and network/internal contacts never appear publicly
  local found=0
  for pattern in "Schutzunterkunft der Frauenzuflucht" "Koordination Frauenhaus" "Leyla Aydın" "Dr. Hauke Brüning" "Ngoc Anh Tran" "+49 221 4710 754" "+49-221-4710-754"; do
    if grep -rlF "$pattern" "$@"; then echo "found: $pattern"; found=1; fi
  done
  [ $found = 0 ] && echo "no confidential entry in $# public exports"
}

check "belcard lehnt das GEO-Beispiel aus RFC 6350 ab (bekannte Abweichung)" belcard_rejects_rfc_geo
for size in $sizes; do
  dir=$tmp/$size; mkdir -p "$dir"; db=$dir/lotse.db
  echo "== $size: Datenbank und Exporte"
  "$lotse" init --db "$db" >/dev/null || { echo "lotse init fehlgeschlagen" >&2; exit 1; }
  if [ "$size" != seeded ]; then "$lotse" generate --services "$size" --seed 1 --db "$db" >/dev/null || exit 1; fi
  for format in vcard vcard4 xcard xml hsds-json hsds-ndjson; do
    start=$(date +%s%N)
    "$lotse" export "$format" --db "$db" --out "$dir/export.$format" || { echo "Export $format fehlgeschlagen" >&2; exit 1; }
    printf '   %-12s %10d Bytes  %6d ms\n' "$format" "$(stat -c %s "$dir/export.$format")" "$(( ($(date +%s%N) - start) / 1000000 ))"
  done
  "$lotse" export hsds-csv --db "$db" --out "$dir/package" || exit 1
  cp "$dir/export.vcard" "$dir/v3.vcf"; cp "$dir/export.vcard4" "$dir/v4.vcf"; cp "$dir/export.xcard" "$dir/xcard.xml"
  cp "$dir/export.hsds-ndjson" "$dir/services.ndjson"; cp "$dir/export.hsds-json" "$dir/page.json"

  check "$size: Verzeichnis-XML gegen XSD (xmllint)" xmllint --noout --schema "$xsd" "$dir/export.xml"
  check "$size: Verzeichnis-XML gegen XSD (Python xmlschema)" xmlschema_check "$dir/export.xml"
  check "$size: xCard gegen RFC-6351-RELAX-NG (xmllint)" xmllint --noout --relaxng "$rng" "$dir/xcard.xml"
  check "$size: xCard gegen RFC-6351-RELAX-NG (jing)" jing "$rng" "$dir/xcard.xml"
  check "$size: vCard 3.0, 4.0 und xCard (ez-vcard)" ezvcard "$dir/v3.vcf" "$dir/v4.vcf" "$dir/xcard.xml"
  check "$size: vCard 3.0 streng nach RFC 2426 (vcard)" strict_vcard3 "$dir/v3.vcf"
  check "$size: vCard 4.0 nach RFC-6350-ABNF (libbelcard, je Karte)" belcard_all "$dir/v4.vcf"
  check "$size: HSDS-JSON-Zeilen gegen HSDS 3.1 service" python3 .ci/checks/hsds_validate.py service "$dir/services.ndjson"
  check "$size: HSDS-JSON-Seite gegen HSDS 3.1 Page/service" python3 .ci/checks/hsds_validate.py page:service "$dir/page.json"
  check "$size: vobject-Rundreise vCard 3.0 gegen Datenbank" python3 .ci/checks/vcard_roundtrip.py "$db" "$dir/v3.vcf" --min-special 20
  check "$size: vobject-Rundreise vCard 4.0 gegen Datenbank" python3 .ci/checks/vcard_roundtrip.py "$db" "$dir/v4.vcf"
  check "$size: Rundreise Verzeichnis-XML (Import in leere DB, Export gleich)" roundtrip xml "$dir/export.xml"
  check "$size: Rundreise HSDS-JSON-Zeilen (Import in leere DB, Export gleich)" roundtrip hsds-json "$dir/services.ndjson"
  check "$size: Rundreise HSDS-CSV-Paket (Import in leere DB, Export gleich)" roundtrip hsds-csv "$dir/package"
  if [ "$size" = seeded ]; then
    check "seeded: nichts Vertrauliches in öffentlichen Exporten" no_confidential "$dir"/export.* "$dir"/package/*.csv
  fi
done

echo
echo "== Exporte: Ergebnis"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
