#!/usr/bin/env bash
# Installs what the real-VS-Code tests and `npm start` need, into .tools/
# (git-ignored). Pinned versions; each tool is skipped when its marker file
# says that version is already installed.
#
#   .tools/node24       Node 24 from the npm registry (code-server needs it)
#   .tools/code-server  code-server (VS Code in the browser), run on Node 24
#   /usr/bin/chromium   Debian's Chromium, driven by playwright-core (apt, as root)
#
# Nothing is written to $HOME or the system temp folder: npm's cache, XDG
# folders and TMPDIR all point inside .tools/.
#
#   bash scripts/e2e-tools.sh          install what is missing
#   bash scripts/e2e-tools.sh --check  exit 0 when everything is there, 1 otherwise
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
TOOLS="$ROOT/.tools"
NODE24_DIR="$TOOLS/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
CODE_SERVER_DIR="$TOOLS/code-server"
NODE24_MARKER="$NODE24_DIR/.installed-$NODE24_VERSION"
CODE_SERVER_MARKER="$CODE_SERVER_DIR/.installed-$CODE_SERVER_VERSION"
CHROMIUM=/usr/bin/chromium

say() { echo "e2e-tools: $*"; }

have_chromium() { [[ -x "$CHROMIUM" ]]; }
have_krb5_dev() { dpkg -s libkrb5-dev >/dev/null 2>&1; }

if [[ "${1:-}" == "--check" ]]; then
  [[ -f "$NODE24_MARKER" && -f "$CODE_SERVER_MARKER" ]] && have_chromium && exit 0
  exit 1
fi

mkdir -p "$TOOLS/npm-cache" "$TOOLS/tmp" "$TOOLS/xdg/config" "$TOOLS/xdg/data" "$TOOLS/xdg/cache"
export npm_config_cache="$TOOLS/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export TMPDIR="$TOOLS/tmp"
export XDG_CONFIG_HOME="$TOOLS/xdg/config" XDG_DATA_HOME="$TOOLS/xdg/data" XDG_CACHE_HOME="$TOOLS/xdg/cache"

# --- Debian packages: chromium (the browser) and libkrb5-dev (code-server's kerberos addon)
missing_debs=()
have_chromium || missing_debs+=(chromium)
have_krb5_dev || [[ -f "$CODE_SERVER_MARKER" ]] || missing_debs+=(libkrb5-dev)
if ((${#missing_debs[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    say "apt-get install ${missing_debs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Another install may hold dpkg's lock (the sandbox's packages): wait for it.
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
  else
    say "missing Debian packages: ${missing_debs[*]}"
    say "run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing_debs[*]}"
    exit 1
  fi
else
  say "chromium: present ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
fi

# --- Node 24 (npm package `node` ships the official binary)
if [[ -f "$NODE24_MARKER" ]]; then
  say "node $NODE24_VERSION: present"
else
  say "installing node@$NODE24_VERSION into .tools/node24"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  npm install --prefix "$NODE24_DIR" --no-save --no-package-lock --loglevel=error "node@$NODE24_VERSION"
  "$NODE24_BIN/node" --version
  touch "$NODE24_MARKER"
fi

# --- code-server, installed and built with Node 24 first on PATH.
# Under `npm test` the outer npm exports npm_config_user_agent naming its own
# Node (20); the inner npm would pass it on, and code-server's install script
# reads the Node version from it. Let the inner npm describe itself.
unset npm_config_user_agent
if [[ -f "$CODE_SERVER_MARKER" ]]; then
  say "code-server $CODE_SERVER_VERSION: present"
else
  say "installing code-server@$CODE_SERVER_VERSION into .tools/code-server (a few minutes, ~600 MB)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  # Native addons are built against Node 24's own headers (the npm package ships
  # them in its platform package), not the system Node's (npm's nodedir here).
  headers="$(find "$NODE24_DIR/node_modules" -maxdepth 6 -type d -path '*/include/node' -print -quit)"
  if [[ -n "$headers" ]]; then export npm_config_nodedir="$(cd "$headers/../.." && pwd)"; say "building native addons against $npm_config_nodedir"; fi
  started=$SECONDS
  PATH="$NODE24_BIN:$PATH" npm install --prefix "$CODE_SERVER_DIR" --no-save --no-package-lock \
    --unsafe-perm --loglevel=error "code-server@$CODE_SERVER_VERSION"
  PATH="$NODE24_BIN:$PATH" node "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js" --version
  touch "$CODE_SERVER_MARKER"
  say "code-server installed in $((SECONDS - started)) s"
fi

say "ready: node24=$NODE24_BIN/node code-server=$CODE_SERVER_DIR/node_modules/code-server chromium=$CHROMIUM"
