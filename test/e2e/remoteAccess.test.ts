import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import jsqr from 'jsqr';
import { startTestVigil, tmpDir, waitFor, type ApiClient, type TestVigil } from '../helpers.ts';
import { vigil } from '../vigilProcess.ts';
import { runUci, wgFromUci, type UciState } from '../uci.ts';

// A phone and the home router as two network namespaces joined by a veth cable, each with a real
// WireGuard interface (wireguard-go, Debian's userspace WireGuard): the router is configured from
// the uci commands Vigil writes, the phone from the config in Vigil's QR code. Data that crosses
// the tunnel proves the two halves fit.

const run = randomBytes(2).toString('hex');
const ns = { router: `vgr${run}`, phone: `vgp${run}` };
const underlay = { router: '10.199.77.1', phone: '10.199.77.2' };

const execFileAsync = promisify(execFile);
const sh = (cmd: string, args: string[], input?: string) => execFileSync(cmd, args, { input, encoding: 'utf8', timeout: 15_000 });
const inNs = (name: string, cmd: string, ...args: string[]) => sh('ip', ['netns', 'exec', name, cmd, ...args]);

/** Decodes the QR code in an SVG the way a phone's camera app would: rasterised, then read. */
async function readQr(svg: string): Promise<string | undefined> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 }).resize(800).flatten({ background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  // jsqr is CommonJS with its function also on .default, which is what TypeScript sees.
  return jsqr.default(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

describe('remote access: WireGuard peers for phones, the router by uci', () => {
  let v: TestVigil;
  let admin: ApiClient;
  const children: ChildProcess[] = [];
  const files = tmpDir();
  let router: UciState;
  let phoneConfig = '';

  const startWg = async (name: string, iface: string) => {
    const child = spawn('ip', ['netns', 'exec', name, 'wireguard-go', '-f', iface], { stdio: 'ignore', env: { ...process.env, WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD: '1' } });
    children.push(child);
    await waitFor(() => {
      try {
        inNs(name, 'ip', 'link', 'show', iface);
        return true;
      } catch {
        return false;
      }
    }, 10_000, `${iface} up in ${name}`);
  };
  /** Loads the router's WireGuard settings as OpenWrt's netifd would from the uci state. */
  const applyRouter = () => {
    const { conf, addresses } = wgFromUci(router, 'wg0');
    const file = path.join(files.dir, 'router.conf');
    writeFileSync(file, conf, { mode: 0o600 });
    inNs(ns.router, 'wg', 'setconf', 'wgr', file);
    return addresses;
  };
  /**
   * Text from a TCP server on the router's tunnel address, fetched from the phone; '' if it cannot be
   * reached. Asynchronous: Vigil runs in this process, and a blocked event loop would let its web
   * server's keep-alive timer close a socket the next request reuses (ECONNRESET).
   */
  const fetchThroughTunnel = async () => {
    try {
      const { stdout } = await execFileAsync('ip', ['netns', 'exec', ns.phone, 'timeout', '5', 'bash', '-c', 'exec 3<>/dev/tcp/10.77.0.1/7000; cat <&3'], { encoding: 'utf8', timeout: 15_000 });
      return stdout.trim();
    } catch {
      return '';
    }
  };

  before(async () => {
    sh('ip', ['netns', 'add', ns.router]);
    sh('ip', ['netns', 'add', ns.phone]);
    sh('ip', ['link', 'add', `${ns.router}e`, 'type', 'veth', 'peer', 'name', `${ns.phone}e`]);
    for (const side of ['router', 'phone'] as const) {
      sh('ip', ['link', 'set', `${ns[side]}e`, 'netns', ns[side]]);
      inNs(ns[side], 'ip', 'addr', 'add', `${underlay[side]}/30`, 'dev', `${ns[side]}e`);
      inNs(ns[side], 'ip', 'link', 'set', `${ns[side]}e`, 'up');
      inNs(ns[side], 'ip', 'link', 'set', 'lo', 'up');
    }
    v = await startTestVigil({ env: { VIGIL_WIREGUARD_ENDPOINT: `${underlay.router}:51820` } });
    admin = await v.client();
  });
  after(async () => {
    for (const c of children) c.kill();
    for (const name of Object.values(ns)) {
      try {
        sh('ip', ['netns', 'del', name]);
      } catch {
        // already gone
      }
    }
    await v?.stop();
    files.cleanup();
  });

  test('a phone added in the API gets a config and a QR code that say the same thing', async () => {
    const made = await admin.json<{ peer: { name: string; address: string; publicKey: string }; config: string; qrSvg: string; uci: string }>('POST', '/api/remote/peers', { name: 'ann-phone' });
    assert.equal(made.peer.address, '10.77.0.2');
    assert.equal(await readQr(made.qrSvg), made.config, 'the QR code holds the config');
    assert.equal(sh('wg', ['pubkey'], /^PrivateKey = (\S+)$/m.exec(made.config)?.[1]).trim(), made.peer.publicKey);
    phoneConfig = made.config;
    const peers = await admin.json<Array<{ name: string }>>('GET', '/api/remote/peers');
    assert.deepEqual(
      peers.map((p) => p.name),
      ['ann-phone'],
    );
    assert.ok(!JSON.stringify(peers).includes('PrivateKey'), 'Vigil keeps no private key of a phone');
    assert.equal((await admin.request('POST', '/api/remote/peers', { name: 'ann_phone' })).status, 409, 'a name that would share its uci section');
    assert.equal((await admin.request('POST', '/api/remote/peers', { name: 'bad name!' })).status, 400);
    const operator = await v.client('operator');
    assert.equal((await operator.request('GET', '/api/remote/peers')).status, 403);
    assert.equal((await operator.request('GET', '/api/remote/router')).status, 403);
  });

  test('the router set up by the uci commands and the phone by its config reach each other through the tunnel', async () => {
    router = runUci((await admin.json<{ uci: string }>('GET', '/api/remote/router')).uci);
    await startWg(ns.router, 'wgr');
    await startWg(ns.phone, 'wgp');
    const [routerAddr] = applyRouter();
    inNs(ns.router, 'ip', 'addr', 'add', routerAddr as string, 'dev', 'wgr');
    inNs(ns.router, 'ip', 'link', 'set', 'wgr', 'up');

    const phoneFile = path.join(files.dir, 'wgp.conf');
    writeFileSync(phoneFile, phoneConfig, { mode: 0o600 });
    const stripped = path.join(files.dir, 'wgp.stripped');
    writeFileSync(stripped, sh('wg-quick', ['strip', phoneFile]), { mode: 0o600 });
    inNs(ns.phone, 'wg', 'setconf', 'wgp', stripped);
    inNs(ns.phone, 'ip', 'addr', 'add', /^Address = (\S+)$/m.exec(phoneConfig)?.[1] as string, 'dev', 'wgp');
    inNs(ns.phone, 'ip', 'link', 'set', 'wgp', 'up');
    for (const net of (/^AllowedIPs = (.+)$/m.exec(phoneConfig)?.[1] ?? '').split(', ')) inNs(ns.phone, 'ip', 'route', 'add', net, 'dev', 'wgp');

    const server = spawn('ip', ['netns', 'exec', ns.router, process.execPath, '-e', "require('net').createServer((s) => s.end('hello through the tunnel')).listen(7000, '10.77.0.1')"], { stdio: 'ignore' });
    children.push(server);
    const text = await waitFor(async () => (await fetchThroughTunnel()) || undefined, 20_000, 'data through the tunnel');
    assert.equal(text, 'hello through the tunnel');
    const handshakes = inNs(ns.router, 'wg', 'show', 'wgr', 'latest-handshakes');
    assert.match(handshakes, /\t[1-9]\d+$/m, 'the router saw a handshake');
  });

  test("a removed phone is locked out once the router runs the commands Vigil gives; the CLI sees the same peers", async () => {
    const { uci } = await admin.json<{ uci: string }>('DELETE', '/api/remote/peers/ann-phone');
    runUci(uci, router);
    applyRouter();
    assert.equal(await fetchThroughTunnel(), '', 'no way in without a peer entry');
    assert.equal((await admin.request('DELETE', '/api/remote/peers/ann-phone')).status, 404);

    const env = { VIGIL_WIREGUARD_ENDPOINT: `${underlay.router}:51820` };
    const added = await vigil(['--data', v.config.dataDir, '--json', 'wg', 'peer', 'add', 'bob'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.equal((JSON.parse(added.stdout) as { peer: { address: string } }).peer.address, '10.77.0.2', "ann's address is free again");
    const list = await vigil(['--data', v.config.dataDir, '--json', 'wg', 'peer', 'list'], env);
    assert.deepEqual((JSON.parse(list.stdout) as { peers: Array<{ name: string }> }).peers.map((p) => p.name), ['bob']);
    const routerCli = await vigil(['--data', v.config.dataDir, '--json', 'wg', 'router'], env);
    assert.equal((JSON.parse(routerCli.stdout) as { uci: string }).uci, (await admin.json<{ uci: string }>('GET', '/api/remote/router')).uci, 'one router key, kept');
    const unset = await vigil(['--data', tmpDir().dir, 'wg', 'peer', 'add', 'carol']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /set wireguard\.endpoint/);
  });
});
