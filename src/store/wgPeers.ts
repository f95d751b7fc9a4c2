import type { Db } from './db.ts';

export interface WgPeer {
  name: string;
  publicKey: string;
  address: string;
  createdAt: number;
}

/** WireGuard peers (phones) of the remote access: public keys and addresses only. */
export class WgPeerRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<WgPeer[]> {
    const rows = await this.db.selectFrom('wg_peers').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ name: r.name, publicKey: r.public_key, address: r.address, createdAt: Number(r.created_at) }));
  }

  /** The stored peer, or undefined when the name, key or address is taken (a concurrent add). */
  async add(p: Omit<WgPeer, 'createdAt'>): Promise<WgPeer | undefined> {
    const peer = { ...p, createdAt: Date.now() };
    const r = await this.db
      .insertInto('wg_peers')
      .values({ name: p.name, public_key: p.publicKey, address: p.address, created_at: peer.createdAt })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1 ? peer : undefined;
  }

  async remove(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('wg_peers').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
