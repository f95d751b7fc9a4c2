import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { remoteAccess } from '../../app.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

export async function wgPeerAdd(cli: Cli, name: string, opts: { out?: string }): Promise<void> {
  const made = await cli.withStore(async (store, cfg) => {
    const added = await remoteAccess(cfg, store).add(name);
    await cli.audit(store, cfg, { subject: 'wireguard_peer', action: 'created', target: name });
    return added;
  });
  if (opts.out) writeFileSync(opts.out, made.config, { mode: 0o600 });
  const qr = cli.options.json ? '' : await QRCode.toString(made.config, { type: 'terminal', small: true });
  cli.report(
    made,
    [
      `Peer ${made.peer.name} gets ${made.peer.address}. Scan this with the WireGuard app (shown once; Vigil does not keep the phone's key):`,
      qr,
      made.config,
      'On the router (OpenWrt, over SSH):',
      made.uci,
    ].join('\n'),
  );
}

export async function wgPeerList(cli: Cli): Promise<void> {
  const peers = await cli.withStore((store, cfg) => remoteAccess(cfg, store).list());
  cli.report({ peers }, peers.length ? peers.map((p) => `${p.name}  ${p.address}  ${p.publicKey}`).join('\n') : 'no peers');
}

export async function wgPeerRemove(cli: Cli, name: string): Promise<void> {
  const uci = await cli.withStore(async (store, cfg) => {
    const removed = await remoteAccess(cfg, store).remove(name);
    if (removed !== undefined) await cli.audit(store, cfg, { subject: 'wireguard_peer', action: 'deleted', target: name });
    return removed;
  });
  if (uci === undefined) throw new UsageError(`no peer "${name}"`);
  cli.report({ uci }, `On the router:\n${uci}`);
}

export async function wgRouter(cli: Cli): Promise<void> {
  const uci = await cli.withStore((store, cfg) => remoteAccess(cfg, store).routerSetup());
  cli.report({ uci }, uci);
}
