#!/usr/bin/env bash
# install-metrics.sh: the Prometheus project's own Python client, whose text-format parser
# .ci/checks/metrics.py reads /metrics with (docs/checks.md). Idempotent.
set -euo pipefail
if ! python3 -c "import prometheus_client.parser" 2>/dev/null; then
  echo "== pip install prometheus-client"
  python3 -m pip install -q prometheus-client==0.21.1
fi
echo "== prometheus_client ready: $(python3 -c 'import importlib.metadata as m; print(m.version("prometheus-client"))')"
