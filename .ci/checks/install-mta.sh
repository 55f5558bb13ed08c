#!/usr/bin/env bash
# install-mta.sh: Debian's exim4 (daemon-light) as the real MTA behind /usr/sbin/sendmail,
# delivering local mail into ~/Maildir (docs/checks.md). Idempotent; needs root.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
if ! dpkg -s exim4-daemon-light >/dev/null 2>&1; then
  echo "== apt-get install exim4-daemon-light"
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq --no-install-recommends exim4-daemon-light >/dev/null
fi
if ! grep -q "^dc_localdelivery='maildir_home'" /etc/exim4/update-exim4.conf.conf; then
  sed -i "s/^dc_localdelivery=.*/dc_localdelivery='maildir_home'/" /etc/exim4/update-exim4.conf.conf
  update-exim4.conf
fi
