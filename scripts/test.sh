#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test.
#   1. npm packages (npm ci) when node_modules is missing or older than the lockfile
#   2. Debian packages for the sandbox's real servers (scripts/ensure-system-deps.sh)
#   3. strict type check, bundles
#   4. unit tests, then integration tests against a sandbox started for the run
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "test: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
bash scripts/ensure-system-deps.sh

echo "test: type check (tsc --noEmit, strict)"
npx tsc --noEmit -p .
echo "test: build"
node scripts/build.mjs

node scripts/run-tests.mjs all
