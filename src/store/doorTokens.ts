import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The kiosk's bearer token per door: shown once when made, stored only as a hash. */
export class DoorTokenRepo {
  constructor(private readonly db: Db) {}

  /** A new token for the door, replacing (and so revoking) the old one. */
  async issue(doorId: string): Promise<string> {
    const token = `vd_${randomBytes(24).toString('base64url')}`;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('door_tokens').where('door_id', '=', doorId).execute();
      await trx.insertInto('door_tokens').values({ door_id: doorId, token_hash: hash(token), created_at: Date.now() }).execute();
    });
    return token;
  }

  async revoke(doorId: string): Promise<void> {
    await this.db.deleteFrom('door_tokens').where('door_id', '=', doorId).execute();
  }

  /** Which door a token opens the kiosk of. */
  async door(token: string): Promise<string | undefined> {
    if (!/^vd_[A-Za-z0-9_-]{32}$/.test(token)) return undefined;
    const row = await this.db.selectFrom('door_tokens').select('door_id').where('token_hash', '=', hash(token)).executeTakeFirst();
    return row?.door_id;
  }
}
