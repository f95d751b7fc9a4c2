import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

// WireGuard remote access as the seed report's network has it: the router (OpenWrt) is the
// WireGuard server, each phone a peer. Vigil makes the keys and writes both sides' settings: a
// wg-quick config (and its QR code) for the phone, `uci` commands for the router. Pure text and
// key maths; no interface is touched here.

export interface KeyPair {
  /** base64 of the 32-byte Curve25519 keys, as `wg genkey` / `wg pubkey` print them. */
  privateKey: string;
  publicKey: string;
}

const b64 = (jwkPart: string) => Buffer.from(jwkPart, 'base64url').toString('base64');

export function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey: b64(privateKey.export({ format: 'jwk' }).d as string), publicKey: b64(publicKey.export({ format: 'jwk' }).x as string) };
}

// PKCS#8 wrapping of a raw X25519 private key (RFC 8410), so node can derive its public key.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

export function publicKeyOf(privateKey: string): string {
  const raw = Buffer.from(privateKey, 'base64');
  if (raw.length !== 32) throw new Error('a WireGuard private key is 32 bytes of base64');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
  return b64(createPublicKey(key).export({ format: 'jwk' }).x as string);
}

/** IPv4 CIDR helpers: the router takes the first host address, peers the following ones. */
function parseCidr(cidr: string): { base: number; bits: number } {
  const [ip, bits] = cidr.split('/') as [string, string];
  const base = ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const b = Number(bits);
  const mask = b === 0 ? 0 : (0xffffffff << (32 - b)) >>> 0;
  return { base: (base & mask) >>> 0, bits: b };
}
const ipString = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

export function routerAddress(subnet: string): string {
  const { base, bits } = parseCidr(subnet);
  return `${ipString(base + 1)}/${bits}`;
}

/** The lowest host address of the subnet not yet taken (router = first), or undefined when full. */
export function nextPeerAddress(subnet: string, taken: readonly string[]): string | undefined {
  const { base, bits } = parseCidr(subnet);
  const size = 2 ** (32 - bits);
  const used = new Set(taken);
  for (let i = 2; i < size - 1; i++) {
    const ip = ipString(base + i);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

export interface RemoteSettings {
  /** host:port the phones dial: the router's public address or name and WireGuard port. */
  endpoint: string;
  subnet: string;
  /** The home network the phones may reach through the tunnel (besides the VPN subnet), or ''. */
  lanSubnet: string;
  dns: string;
  listenPort: number;
  interface: string;
}

export interface Peer {
  name: string;
  publicKey: string;
  /** Host address in the VPN subnet, without prefix length. */
  address: string;
}

/** The phone's wg-quick config (what the WireGuard app imports from the QR code). */
export function phoneConfig(s: RemoteSettings, peer: Peer, privateKey: string, routerPublicKey: string): string {
  const allowed = [s.subnet, s.lanSubnet].filter(Boolean).join(', ');
  return [
    '[Interface]',
    `PrivateKey = ${privateKey}`,
    `Address = ${peer.address}/32`,
    ...(s.dns ? [`DNS = ${s.dns}`] : []),
    '',
    '[Peer]',
    `PublicKey = ${routerPublicKey}`,
    `Endpoint = ${s.endpoint}`,
    `AllowedIPs = ${allowed}`,
    // Phones sit behind NAT; a keepalive keeps the mapping open so alerts can come in.
    'PersistentKeepalive = 25',
    '',
  ].join('\n');
}

/** uci section name of a peer: [A-Za-z0-9_] only. */
export const peerSection = (name: string) => `vigil_${name.replace(/-/g, '_')}`;

const q = (v: string | number) => `'${String(v)}'`;

/** The router's commands that add (or replace) one peer. */
export function uciPeer(s: RemoteSettings, peer: Peer): string[] {
  const sec = `network.${peerSection(peer.name)}`;
  return [
    `uci -q delete ${sec}`,
    `uci set ${sec}=wireguard_${s.interface}`,
    `uci set ${sec}.description=${q(peer.name)}`,
    `uci set ${sec}.public_key=${q(peer.publicKey)}`,
    `uci add_list ${sec}.allowed_ips=${q(`${peer.address}/32`)}`,
  ];
}


/** Everything the router needs: the WireGuard interface, a firewall zone for it that may reach the LAN, the UDP port opened, and every peer. Re-running it is harmless. */
export function uciRouter(s: RemoteSettings, router: KeyPair, peers: readonly Peer[]): string {
  const i = `network.${s.interface}`;
  return [
    '# Vigil remote access: paste into an SSH session on the OpenWrt router.',
    `uci -q delete ${i}`,
    `uci set ${i}=interface`,
    `uci set ${i}.proto='wireguard'`,
    `uci set ${i}.private_key=${q(router.privateKey)}`,
    `uci set ${i}.listen_port=${q(s.listenPort)}`,
    `uci add_list ${i}.addresses=${q(routerAddress(s.subnet))}`,
    'uci -q delete firewall.vigil_vpn',
    'uci set firewall.vigil_vpn=zone',
    "uci set firewall.vigil_vpn.name='vigilvpn'",
    "uci set firewall.vigil_vpn.input='REJECT'",
    "uci set firewall.vigil_vpn.output='ACCEPT'",
    "uci set firewall.vigil_vpn.forward='REJECT'",
    `uci add_list firewall.vigil_vpn.network=${q(s.interface)}`,
    'uci -q delete firewall.vigil_vpn_lan',
    'uci set firewall.vigil_vpn_lan=forwarding',
    "uci set firewall.vigil_vpn_lan.src='vigilvpn'",
    "uci set firewall.vigil_vpn_lan.dest='lan'",
    'uci -q delete firewall.vigil_wg_in',
    'uci set firewall.vigil_wg_in=rule',
    "uci set firewall.vigil_wg_in.name='Allow-Vigil-WireGuard'",
    "uci set firewall.vigil_wg_in.src='wan'",
    "uci set firewall.vigil_wg_in.proto='udp'",
    `uci set firewall.vigil_wg_in.dest_port=${q(s.listenPort)}`,
    "uci set firewall.vigil_wg_in.target='ACCEPT'",
    ...peers.flatMap((p) => uciPeer(s, p)),
    'uci commit network',
    'uci commit firewall',
    '/etc/init.d/network reload',
    '/etc/init.d/firewall reload',
    '',
  ].join('\n');
}

/** The router's commands for a new peer alone (the interface exists); `ifup` makes netifd load the new peer list. */
export function uciAddPeer(s: RemoteSettings, peer: Peer): string {
  return [...uciPeer(s, peer), 'uci commit network', `ifup ${s.interface}`, ''].join('\n');
}

export function uciRemovePeer(s: RemoteSettings, peer: Pick<Peer, 'name'>): string {
  return [`uci -q delete network.${peerSection(peer.name)}`, 'uci commit network', `ifup ${s.interface}`, ''].join('\n');
}
