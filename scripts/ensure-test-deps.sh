#!/usr/bin/env bash
# Installs and starts what the tests need beyond npm: Mosquitto (a real external broker),
# PostgreSQL, ffmpeg (the door cameras), Chromium (the kiosk and panel tests), g++ with BearSSL (the
# sensor firmware's host tests), wireguard-tools and wireguard-go (a real tunnel between two network
# namespaces from the generated WireGuard settings), socat (a pseudo-terminal pair between Vigil and
# the simulated fingerprint module). Does nothing when
# all are already there, so it is cheap to run every time.
set -euo pipefail

need_apt=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need_apt+=(mosquitto)
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql postgresql-client)
command -v pg_dump >/dev/null 2>&1 || need_apt+=(postgresql-client)
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
[ -f /usr/include/bearssl.h ] || need_apt+=(libbearssl-dev)
command -v wg >/dev/null 2>&1 || need_apt+=(wireguard-tools)
command -v wireguard-go >/dev/null 2>&1 || need_apt+=(wireguard-go)
command -v ip >/dev/null 2>&1 || need_apt+=(iproute2)
# The service tests: systemd-analyze checks the unit, systemd-notify and a Python datagram socket
# stand in for systemd's notify socket.
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v socat >/dev/null 2>&1 || need_apt+=(socat)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "ensure-test-deps: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The machine's own Mosquitto on 1883 is one of the brokers the tests talk to.
if ! (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  echo "ensure-test-deps: starting mosquitto on 127.0.0.1:1883"
  conf=/etc/mosquitto/mosquitto.conf
  if [ -f "$conf" ]; then /usr/sbin/mosquitto -d -c "$conf"; else /usr/sbin/mosquitto -d -p 1883; fi
  sleep 0.5
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "ensure-test-deps: starting PostgreSQL"
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$version" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  # A fresh Debian cluster trusts local socket logins only; the tests connect over TCP as postgres.
  if ! psql "postgres://postgres@127.0.0.1:5432/postgres" -c 'select 1' >/dev/null 2>&1; then
    hba=$(ls /etc/postgresql/"$version"/main/pg_hba.conf)
    sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
fi
