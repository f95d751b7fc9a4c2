#!/usr/bin/env bash
# Runs inside the arm64 root made by scripts/test-arm64.sh: installs Vigil from /opt/vigil as a
# user would (npm ci, which also builds dist/ and the panel), then scripts/arm64/smoke.mjs.
set -euo pipefail
cd /opt/vigil
echo "node $(node -v) on $(uname -m), npm $(npm -v)"
# No native module is compiled (each ships an arm64 binary, and package.json's allowScripts runs
# no install script), so node-gyp and the headers in /opt/node/include are not needed.
if [ "${1:-}" != --smoke-only ]; then
  start=$(date +%s)
  npm ci --no-audit --no-fund
  echo "npm ci took $(( $(date +%s) - start )) s under emulation"
fi
node scripts/arm64/smoke.mjs
