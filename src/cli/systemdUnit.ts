// The systemd unit `vigil service install` writes (pure: the caller decides paths and groups).
// Hardened: its own unprivileged user, the file system read-only but for the data directory, no
// privileges or capabilities, only the device classes Vigil drives (cameras, GPIO, serial, input).

export interface UnitOptions {
  node: string;
  /** bin/vigil.js */
  bin: string;
  dataDir: string;
  config?: string;
  user: string;
  /** Existing groups that own devices (video, gpio, dialout, input). */
  groups: string[];
  /** Seconds between watchdog pings that must arrive; Vigil pings after a healthy /api/health. */
  watchdogSec: number;
  /** ProtectHome cannot hide /home or /root when Vigil itself is installed there. */
  installedUnderHome: boolean;
}

/** A setting's value as systemd reads it literally: % starts a specifier, so it is doubled. */
export function systemdPath(s: string): string {
  if (/[\n\r\0]/.test(s)) throw new Error(`a path for the unit may not contain a line break: ${JSON.stringify(s)}`);
  return s.replace(/%/g, '%%');
}

/** One word of ExecStart= or of a list: quoted, with what systemd treats specially escaped. */
export function systemdWord(s: string): string {
  return `"${systemdPath(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`;
}

export function systemdUnit(o: UnitOptions): string {
  const args = [o.node, o.bin, '--data', o.dataDir, ...(o.config ? ['--config', o.config] : []), 'start'];
  return `# Written by "vigil service install". Re-run it after moving Vigil; edit with "systemctl edit vigil".
[Unit]
Description=Vigil security hub (door access, event log, intrusion alarm)
After=network-online.target
Wants=network-online.target
StartLimitIntervalSec=600
StartLimitBurst=10

[Service]
# Vigil says READY=1 once it serves, then WATCHDOG=1 after each healthy /api/health (the web
# server answers and the database works); a hung process is killed and restarted.
Type=notify
NotifyAccess=all
WatchdogSec=${o.watchdogSec}
TimeoutStartSec=180
TimeoutStopSec=30
Restart=on-failure
RestartSec=5
ExecStart=${args.map(systemdWord).join(' ')}
WorkingDirectory=${systemdPath(o.dataDir)}
User=${o.user}
Group=${o.user}
${o.groups.length ? `SupplementaryGroups=${o.groups.join(' ')}\n` : ''}UMask=0077
Environment=NODE_ENV=production

# Nothing but the data directory is writable; no privileges, no capabilities.
ProtectSystem=strict
ReadWritePaths=${systemdWord(o.dataDir)}
ProtectHome=${o.installedUnderHome ? 'read-only' : 'yes'}
PrivateTmp=yes
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
RestrictSUIDSGID=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictNamespaces=yes
RestrictRealtime=yes
LockPersonality=yes
RemoveIPC=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
# V8 compiles JavaScript to machine code at run time, so MemoryDenyWriteExecute must stay off.
# Devices: cameras (V4L2), GPIO chips (keypads, relays), USB serial and input (readers, keypads).
DevicePolicy=closed
DeviceAllow=char-video4linux rw
DeviceAllow=char-gpiochip rw
DeviceAllow=char-ttyUSB rw
DeviceAllow=char-ttyACM rw
DeviceAllow=char-input r

[Install]
WantedBy=multi-user.target
`;
}
