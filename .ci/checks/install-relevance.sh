#!/usr/bin/env bash
# install-relevance.sh: the two baseline search engines of the relevance benchmark
# (.ci/checks/relevance.py, docs/checks.md): Xapian's Python bindings from Debian and Tantivy's
# official Python bindings from PyPI. Idempotent; installs only what is missing.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else echo "needs root: $*" >&2; exit 1; fi; }
if ! dpkg -s python3-xapian >/dev/null 2>&1; then
  echo "== apt-get install python3-xapian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-xapian >/dev/null
fi
# Debian's bindings live in the system interpreter's dist-packages; relevance.py adds that
# directory when another python3 (same minor version) runs it.
if ! python3 -c "import tantivy" 2>/dev/null; then
  echo "== pip install tantivy"
  python3 -m pip install -q tantivy==0.27.0 2>/dev/null \
    || python3 -m pip install -q --break-system-packages tantivy==0.27.0
fi
echo "== xapian $(python3 -c 'import sys; sys.path.append("/usr/lib/python3/dist-packages"); import xapian; print(xapian.version_string())'), tantivy $(python3 -c 'import importlib.metadata as m; print(m.version("tantivy"))') ready"
