import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemdUnit } from '../systemdUnit.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const DEVICE_GROUPS = ['video', 'gpio', 'dialout', 'input'];

function groupExists(name: string): boolean {
  return readFileSync('/etc/group', 'utf8').split('\n').some((l) => l.startsWith(`${name}:`));
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface ServiceInstallOptions {
  user: string;
  unitDir: string;
  watchdog: number;
  dryRun?: boolean;
}

/**
 * Writes /etc/systemd/system/vigil.service for this installation, with its own system user
 * (made when missing) owning the data directory (default /var/lib/vigil).
 */
export async function serviceInstall(cli: Cli, opts: ServiceInstallOptions): Promise<void> {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(opts.user)) throw new UsageError('--user: a system user name (lower-case letters, digits, - and _)');
  if (!Number.isInteger(opts.watchdog) || opts.watchdog < 10) throw new UsageError('--watchdog: whole seconds, at least 10');
  const dataDir = path.resolve(cli.options.data ?? '/var/lib/vigil');
  const config = cli.options.config ? path.resolve(cli.options.config) : undefined;
  if (config && !existsSync(config)) throw new UsageError(`--config: ${config} does not exist`);
  const bin = path.join(ROOT, 'bin/vigil.js');
  const unit = systemdUnit({
    node: process.execPath,
    bin,
    dataDir,
    config,
    user: opts.user,
    groups: DEVICE_GROUPS.filter(groupExists),
    watchdogSec: opts.watchdog,
    installedUnderHome: [bin, process.execPath].some((p) => p.startsWith('/home/') || p.startsWith('/root/')),
  });
  if (opts.dryRun) return void process.stdout.write(unit);
  if (process.getuid?.() !== 0) throw new UsageError('run it as root (sudo), or add --dry-run to see the unit');

  let ids = userIds(opts.user);
  if (!ids) {
    execFileSync('useradd', ['--system', '--user-group', '--home-dir', dataDir, '--no-create-home', '--shell', '/usr/sbin/nologin', opts.user], { stdio: 'inherit' });
    ids = userIds(opts.user);
    if (!ids) throw new Error(`useradd did not make the user ${opts.user}`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chownSync(dataDir, ids.uid, ids.gid);
  // Files an earlier `vigil` run as root left in the data directory must become the service's.
  execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dataDir]);
  const file = path.join(opts.unitDir, 'vigil.service');
  mkdirSync(opts.unitDir, { recursive: true });
  writeFileSync(file, unit, { mode: 0o644 });
  cli.report(
    { unit: file, user: opts.user, dataDir },
    [
      `wrote ${file} (user ${opts.user}, data in ${dataDir})`,
      'start it now and at every boot:',
      '  systemctl daemon-reload && systemctl enable --now vigil',
      `the first start's admin password: journalctl -u vigil, or ${path.join(dataDir, 'initial-admin-password')}`,
    ].join('\n'),
  );
}
