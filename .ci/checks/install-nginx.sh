#!/usr/bin/env bash
# install-nginx.sh: Debian's nginx-light, the reverse proxy of the README's deployment, for
# .ci/checks/proxy.py (docs/checks.md). Only the binary is used: proxy.py runs its own
# instance with its own configuration and prefix; the Debian service is not started.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
if ! command -v nginx >/dev/null 2>&1; then
  echo "== apt-get install nginx-light"
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  # policy-rc.d keeps the package from starting the system nginx on port 80.
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends nginx-light >/dev/null
  if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
echo "== nginx ready: $(nginx -v 2>&1)"
