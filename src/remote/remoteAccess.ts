import QRCode from 'qrcode';
import { Conflict } from '../core/errors.ts';
import type { WgPeer, WgPeerRepo } from '../store/wgPeers.ts';
import { readOrCreateSecret } from '../store/secrets.ts';
import { generateKeyPair, nextPeerAddress, peerSection, phoneConfig, publicKeyOf, uciAddPeer, uciRemovePeer, uciRouter, type KeyPair, type RemoteSettings } from './wireguard.ts';

export const PEER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const ROUTER_KEY_FILE = 'wg-router.key';

/** The router's key pair, made once and kept in the data directory (0600), so every snippet fits the same router. */
export function routerKeyPair(dataDir: string): KeyPair {
  const privateKey = readOrCreateSecret(dataDir, ROUTER_KEY_FILE, () => generateKeyPair().privateKey);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export interface NewPeer {
  peer: WgPeer;
  /** wg-quick config for the phone; holds its private key, which Vigil does not keep. */
  config: string;
  /** The same as a QR code (SVG) for the WireGuard app's "scan from QR code". */
  qrSvg: string;
  /** Commands that add the peer on the OpenWrt router. */
  uci: string;
}

/** Phones as WireGuard peers of the home router: made, listed, removed. */
export class RemoteAccess {
  constructor(
    private readonly d: {
      repo: WgPeerRepo;
      settings: RemoteSettings;
      routerKeys: () => KeyPair;
    },
  ) {}

  private ready(): void {
    if (!this.d.settings.endpoint) {
      throw new Conflict("remote access is not set up: set wireguard.endpoint to the router's public address and port (e.g. home.example.org:51820)");
    }
  }

  list(): Promise<WgPeer[]> {
    return this.d.repo.list();
  }

  async add(name: string): Promise<NewPeer> {
    this.ready();
    if (!PEER_NAME.test(name)) throw new Conflict('a peer name is 1-32 letters, digits, - or _, starting with a letter or digit');
    const peers = await this.d.repo.list();
    // "ann-phone" and "ann_phone" would share one uci section on the router.
    if (peers.some((p) => peerSection(p.name) === peerSection(name))) throw new Conflict(`a peer named "${name}" (or spelled alike) exists`);
    const address = nextPeerAddress(this.d.settings.subnet, peers.map((p) => p.address));
    if (!address) throw new Conflict(`no free address left in ${this.d.settings.subnet}`);
    const keys = generateKeyPair();
    const peer = await this.d.repo.add({ name, publicKey: keys.publicKey, address });
    if (!peer) throw new Conflict(`a peer named "${name}" exists`);
    const config = phoneConfig(this.d.settings, peer, keys.privateKey, this.d.routerKeys().publicKey);
    return { peer, config, qrSvg: await QRCode.toString(config, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }), uci: uciAddPeer(this.d.settings, peer) };
  }

  /** The router's commands that drop the peer, or undefined if there is none by that name. */
  async remove(name: string): Promise<string | undefined> {
    return (await this.d.repo.remove(name)) ? uciRemovePeer(this.d.settings, { name }) : undefined;
  }

  /** The whole router setup, every current peer included. */
  async routerSetup(): Promise<string> {
    this.ready();
    return uciRouter(this.d.settings, this.d.routerKeys(), await this.d.repo.list());
  }
}
