#!/usr/bin/env bash
# `npm test`: everything a fresh machine needs, then every test.
#   1. npm packages (npm ci) when node_modules is missing or older than the lockfile
#   2. Debian packages for the sandbox's real servers (scripts/ensure-system-deps.sh)
#   3. strict type check, bundles
#   4. unit and integration tests in one run, against a sandbox started for it
#   5. the real VS Code: extension-host tests and the UI smoke test
#      (code-server, Node 24 and Chromium are installed into .tools/ on first run)
# The last line totals all of them: `total: N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "test: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund || exit 1
fi
bash scripts/ensure-system-deps.sh || exit 1

echo "test: type check (tsc --noEmit, strict)"
npx tsc --noEmit -p . || exit 1
echo "test: build"
node scripts/build.mjs || exit 1

mkdir -p .artifacts
node scripts/run-tests.mjs all 2>&1 | tee .artifacts/test-node.log
node_status=${PIPESTATUS[0]}

if [[ ${RUNBOOK_SKIP_E2E:-} == 1 ]]; then
  echo "test: RUNBOOK_SKIP_E2E=1, the real VS Code tests were not run"
  : >.artifacts/test-e2e.log
  e2e_status=0
else
  echo "test: real VS Code (code-server + Chromium; tools go to .tools/ on first run)"
  node --import tsx test/e2e/run.ts 2>&1 | tee .artifacts/test-e2e.log
  e2e_status=${PIPESTATUS[0]}
fi

count() { grep -E "$1" "$2" | tail -1 | grep -oE '[0-9]+' | head -1; }
node_pass=$(count '^ℹ pass [0-9]+' .artifacts/test-node.log)
node_fail=$(count '^ℹ fail [0-9]+' .artifacts/test-node.log)
node_skip=$(count '^ℹ skipped [0-9]+' .artifacts/test-node.log)
e2e_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' .artifacts/test-e2e.log | tail -1)
e2e_pass=$(echo "$e2e_line" | grep -oE '^[0-9]+')
e2e_fail=$(echo "$e2e_line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
passed=$(( ${node_pass:-0} + ${e2e_pass:-0} ))
failed=$(( ${node_fail:-0} + ${e2e_fail:-0} ))
# A run that died before its summary counts as a failure.
if [[ $node_status -ne 0 && ${node_fail:-0} -eq 0 ]]; then failed=$((failed + 1)); fi
if [[ $e2e_status -ne 0 && ${e2e_fail:-0} -eq 0 ]]; then failed=$((failed + 1)); fi
echo
echo "total: ${passed} passed, ${failed} failed, ${node_skip:-0} skipped"
[[ $node_status -eq 0 && $e2e_status -eq 0 ]]
