#!/usr/bin/env bash
# Installs the Debian packages that the integration tests and the sandbox
# (test/sandbox) need, when they are missing. Idempotent: a machine that has
# everything is left alone and no package list is fetched.
#
#   as root:      installs what is missing (apt-get update once, first)
#   as non-root:  prints the apt-get command to run and exits 1 if anything
#                 is missing, 0 if nothing is
#
# Package daemons are never started by the install (a temporary policy-rc.d
# refuses service starts), and a system redis-server or PostgreSQL cluster that
# is already running is left as it is: the sandbox runs its own servers on
# random loopback ports and never uses 6379 or 5432.
set -euo pipefail

# package  -> a file that proves it is usable (checked besides dpkg's status)
PACKAGES=(
  "postgresql:/usr/lib/postgresql/15/bin/postgres"
  "postgresql-client:/usr/bin/psql"
  "redis-server:/usr/bin/redis-server"
  "redis-tools:/usr/bin/redis-cli"
  "openssl:/usr/bin/openssl"
  "ca-certificates:/etc/ssl/certs"
  "curl:/usr/bin/curl"
  "gawk:/usr/bin/gawk"
)

is_installed() {
  local pkg=$1 file=$2
  local status
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ $status == "install ok installed" && -e $file ]]
}

# Prints the packages of PACKAGES that are not installed, one per line.
list_missing() {
  local entry
  for entry in "${PACKAGES[@]}"; do
    is_installed "${entry%%:*}" "${entry#*:}" || echo "${entry%%:*}"
  done
}

mapfile -t missing < <(list_missing)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "ensure-system-deps: all present (${#PACKAGES[@]} packages)"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "ensure-system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "ensure-system-deps: run as root:" >&2
  echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "ensure-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# Keep package scripts from starting daemons (redis on 6379, a postgres
# cluster on 5432) while we install. Only add the guard when none exists, and
# only remove the one we added.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  added_policy=1
fi
cleanup() { if [[ $added_policy -eq 1 ]]; then rm -f "$policy"; fi; }
trap cleanup EXIT

apt_retry() {
  local n
  for n in 1 2 3; do
    if "$@"; then return 0; fi
    echo "ensure-system-deps: '$*' failed (attempt $n), retrying" >&2
    sleep $((n * 5))
  done
  "$@"
}

apt_retry apt-get update -q
apt_retry apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"

# A redis-server that a package script did start anyway (no policy-rc.d
# honoured) is stopped, so nothing listens on 6379 behind the tests' backs.
if [[ " ${missing[*]} " == *" redis-server "* ]]; then
  if command -v service >/dev/null 2>&1; then
    service redis-server stop >/dev/null 2>&1 || true
  fi
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl disable --now redis-server >/dev/null 2>&1 || true
  fi
fi

mapfile -t still < <(list_missing)
if [[ ${#still[@]} -ne 0 ]]; then
  echo "ensure-system-deps: still missing after install: ${still[*]}" >&2
  exit 1
fi
echo "ensure-system-deps: done"
