import { createHmac, randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

export const CREDENTIAL_KINDS = ['pin', 'duress_pin', 'fob'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** PINs and duress PINs share one space (a duress PIN must not open as someone's normal PIN). */
const space = (kind: CredentialKind) => (kind === 'fob' ? 'fob' : 'pin');

export function validCredential(kind: CredentialKind, value: string): boolean {
  return kind === 'fob' ? /^[0-9A-Fa-f]{4,32}$/.test(value) : /^[0-9]{4,12}$/.test(value);
}

export interface CredentialInfo {
  id: string;
  personId: string;
  kind: CredentialKind;
  createdAt: number;
}

/**
 * PINs and fobs. A PIN has to be found from what was typed, so it cannot be salted per row; it is
 * stored as an HMAC under a key in the data directory: the database alone reveals nothing, and a
 * lookup costs the same whether the PIN exists or not (one indexed equality).
 */
export class CredentialRepo {
  private readonly key: Buffer;

  constructor(
    private readonly db: Db,
    keyHex: string,
  ) {
    this.key = Buffer.from(keyHex, 'hex');
  }

  private lookup(kind: CredentialKind, value: string): string {
    return createHmac('sha256', this.key).update(`${space(kind)}:${kind === 'fob' ? value.toLowerCase() : value}`).digest('hex');
  }

  /**
   * Sets a person's PIN or duress PIN (replacing the old one) or adds a fob. Returns false, changing
   * nothing, when the value is someone's already.
   */
  async set(personId: string, kind: CredentialKind, value: string): Promise<boolean> {
    if (!validCredential(kind, value)) throw new Error(kind === 'fob' ? 'a fob id is 4-32 hex digits' : 'a PIN is 4-12 digits');
    const lookup = this.lookup(kind, value);
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('credentials').select(['person_id', 'kind']).where('lookup', '=', lookup).executeTakeFirst();
      if (taken && !(taken.person_id === personId && taken.kind === kind)) return false;
      if (taken) return true;
      if (kind !== 'fob') await trx.deleteFrom('credentials').where('person_id', '=', personId).where('kind', '=', kind).execute();
      await trx.insertInto('credentials').values({ id: randomUUID(), person_id: personId, kind, lookup, created_at: Date.now() }).execute();
      return true;
    });
  }

  /** Who a typed PIN or presented fob belongs to, and whether it is their duress PIN. */
  async find(kind: 'pin' | 'fob', value: string): Promise<{ personId: string; duress: boolean } | undefined> {
    if (!validCredential(kind, value)) return undefined;
    const row = await this.db.selectFrom('credentials').select(['person_id', 'kind']).where('lookup', '=', this.lookup(kind, value)).executeTakeFirst();
    return row && { personId: row.person_id, duress: row.kind === 'duress_pin' };
  }

  async list(personId: string): Promise<CredentialInfo[]> {
    const rows = await this.db.selectFrom('credentials').select(['id', 'person_id', 'kind', 'created_at']).where('person_id', '=', personId).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, personId: r.person_id, kind: r.kind as CredentialKind, createdAt: r.created_at }));
  }

  async delete(personId: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('credentials').where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
