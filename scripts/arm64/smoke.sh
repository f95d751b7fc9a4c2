#!/usr/bin/env bash
# Runs inside the arm64 root made by scripts/test-arm64.sh: installs Vigil from /opt/vigil as a
# user would (npm ci, which also builds dist/ and the panel), then scripts/arm64/smoke.mjs.
set -euo pipefail
cd /opt/vigil
echo "node $(node -v) on $(uname -m), npm $(npm -v)"
# Every native module Vigil always loads ships an arm64 binary, so node-gyp and the headers in
# /opt/node/include are not needed. The optional spi-device and i2c-bus are compiled at install
# (package.json's allowScripts); this root has no compiler, so npm skips them, as it would on a Pi
# without build tools: the smoke test needs neither.
if [ "${1:-}" != --smoke-only ]; then
  start=$(date +%s)
  npm ci --no-audit --no-fund
  echo "npm ci took $(( $(date +%s) - start )) s under emulation"
fi
node scripts/arm64/smoke.mjs
