#!/usr/bin/env bash
# Installs the independent validators used by .ci/checks/exports.sh (see docs/checks.md):
# xmllint, jing, ez-vcard (+vinnie), libbelcard, and the Python packages vobject, vcard,
# xmlschema, jsonschema. Idempotent: installs only what is missing. Needs root or sudo.
set -euo pipefail

packages=(libxml2-utils jing libez-vcard-java libvinnie-java libbelcard-dev g++)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else sudo=(); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installiere ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python_missing=()
python3 -c "import vobject" 2>/dev/null || python_missing+=(vobject==0.9.9)
command -v vcard >/dev/null 2>&1 || python_missing+=(vcard==1.0.0)
python3 -c "import xmlschema" 2>/dev/null || python_missing+=(xmlschema==4.3.2)
python3 -c "import jsonschema, referencing" 2>/dev/null || python_missing+=(jsonschema)
if [ ${#python_missing[@]} -gt 0 ]; then
  echo "== pip install ${python_missing[*]}"
  python3 -m pip install -q "${python_missing[@]}"
fi
echo "Prüfwerkzeuge für Exporte sind installiert."
