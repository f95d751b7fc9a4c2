import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  generateKeyPair,
  nextPeerAddress,
  phoneConfig,
  publicKeyOf,
  routerAddress,
  uciAddPeer,
  uciRemovePeer,
  uciRouter,
  type RemoteSettings,
} from '../../src/remote/wireguard.ts';
import { tmpDir } from '../helpers.ts';
import { runUci, wgFromUci } from '../uci.ts';

const wg = (args: string[], input?: string) => execFileSync('wg', args, { input, encoding: 'utf8' }).trim();
const settings: RemoteSettings = { endpoint: 'home.example.org:51820', subnet: '10.77.0.0/24', lanSubnet: '192.168.1.0/24', dns: '192.168.1.1', listenPort: 51820, interface: 'wg0' };

test('keys are Curve25519 pairs exactly as wg makes and checks them', () => {
  for (let i = 0; i < 5; i++) {
    const k = generateKeyPair();
    assert.match(k.privateKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(wg(['pubkey'], k.privateKey), k.publicKey, "wg derives the same public key from Vigil's private key");
    assert.equal(publicKeyOf(k.privateKey), k.publicKey);
  }
  const fromWg = wg(['genkey']);
  assert.equal(publicKeyOf(fromWg), wg(['pubkey'], fromWg), "and Vigil derives wg's");
  assert.throws(() => publicKeyOf('c2hvcnQ='), /32 bytes/);
});

test('addresses: the router takes the first, peers the next free ones, until the subnet is full', () => {
  assert.equal(routerAddress('10.77.0.0/24'), '10.77.0.1/24');
  assert.equal(routerAddress('10.77.0.77/24'), '10.77.0.1/24', 'host bits are ignored');
  assert.equal(nextPeerAddress('10.77.0.0/24', []), '10.77.0.2');
  assert.equal(nextPeerAddress('10.77.0.0/24', ['10.77.0.2', '10.77.0.4']), '10.77.0.3');
  assert.equal(nextPeerAddress('10.77.1.0/30', []), '10.77.1.2', 'a /30 has room for the router and one phone');
  assert.equal(nextPeerAddress('10.77.1.0/30', ['10.77.1.2']), undefined);
  assert.equal(nextPeerAddress('10.77.1.0/29', ['10.77.1.2', '10.77.1.3', '10.77.1.4', '10.77.1.5']), '10.77.1.6');
  assert.equal(nextPeerAddress('10.77.1.0/29', ['10.77.1.2', '10.77.1.3', '10.77.1.4', '10.77.1.5', '10.77.1.6']), undefined, 'never the broadcast address');
  assert.equal(nextPeerAddress('10.77.0.0/16', []), '10.77.0.2');
});

test("the phone's config is one wg-quick reads, and wg accepts what is left for the tunnel", () => {
  const phone = generateKeyPair();
  const router = generateKeyPair();
  const text = phoneConfig(settings, { name: 'ann', publicKey: phone.publicKey, address: '10.77.0.2' }, phone.privateKey, router.publicKey);
  assert.match(text, /^Address = 10\.77\.0\.2\/32$/m);
  assert.match(text, /^DNS = 192\.168\.1\.1$/m);
  assert.match(text, /^AllowedIPs = 10\.77\.0\.0\/24, 192\.168\.1\.0\/24$/m);
  const t = tmpDir();
  const file = path.join(t.dir, 'ann.conf');
  writeFileSync(file, text);
  const stripped = execFileSync('wg-quick', ['strip', file], { encoding: 'utf8' });
  assert.doesNotMatch(stripped, /Address|DNS/);
  assert.match(stripped, new RegExp(`PublicKey = ${router.publicKey.replace(/[+/]/g, '\\$&')}`));
  t.cleanup();
  const bare = phoneConfig({ ...settings, lanSubnet: '', dns: '' }, { name: 'ann', publicKey: phone.publicKey, address: '10.77.0.2' }, phone.privateKey, router.publicKey);
  assert.doesNotMatch(bare, /DNS/);
  assert.match(bare, /^AllowedIPs = 10\.77\.0\.0\/24$/m);
});

test('the router snippet is valid uci, sets up interface, firewall and peers, and survives being run twice', () => {
  const router = generateKeyPair();
  const peers = [
    { name: 'ann-phone', publicKey: generateKeyPair().publicKey, address: '10.77.0.2' },
    { name: 'bob', publicKey: generateKeyPair().publicKey, address: '10.77.0.3' },
  ];
  const snippet = uciRouter(settings, router, peers);
  const state = runUci(snippet);
  runUci(snippet, state);
  const { conf, addresses } = wgFromUci(state, 'wg0');
  assert.deepEqual(addresses, ['10.77.0.1/24']);
  assert.equal((conf.match(/\[Peer\]/g) ?? []).length, 2, 'no duplicate peers after a second run');
  assert.match(conf, /AllowedIPs = 10\.77\.0\.2\/32/);
  assert.equal(state.get('firewall.vigil_wg_in')?.options.get('dest_port'), '51820');
  assert.equal(state.get('firewall.vigil_wg_in')?.options.get('proto'), 'udp');
  assert.deepEqual(state.get('firewall.vigil_vpn')?.options.get('network'), ['wg0']);
  assert.equal(state.get('firewall.vigil_vpn_lan')?.options.get('dest'), 'lan');
  // The private key is there for the router alone; the phone configs never carry it.
  assert.ok(snippet.includes(router.privateKey));

  // Adding and removing a peer later edits just that peer.
  const carol = { name: 'carol', publicKey: generateKeyPair().publicKey, address: '10.77.0.4' };
  runUci(uciAddPeer(settings, carol), state);
  assert.equal((wgFromUci(state, 'wg0').conf.match(/\[Peer\]/g) ?? []).length, 3);
  runUci(uciRemovePeer(settings, { name: 'ann-phone' }), state);
  const after = wgFromUci(state, 'wg0').conf;
  assert.ok(!after.includes(peers[0]?.publicKey as string) && after.includes(carol.publicKey));
  // Removing one that is not there is harmless (uci -q delete).
  runUci(uciRemovePeer(settings, { name: 'nobody' }), state);
});

test('the uci model itself refuses what uci would', () => {
  assert.throws(() => runUci("uci set network.wg0.proto='wireguard'"), /no section/);
  assert.throws(() => runUci("uci set network.wg-0=interface"), /bad uci path/);
  assert.throws(() => runUci('uci set network.wg0=interface\nuci set network.wg0.proto=wireguard'), /single-quoted/);
  assert.throws(() => runUci('rm -rf /'), /not a uci command/);
});
