import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import type { Role, User } from './users.ts';

export interface Session {
  user: User;
  csrf: string;
  expiresAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side sessions: the cookie holds a random token, the store only its hash. */
export class SessionRepo {
  constructor(private readonly db: Db) {}

  async create(userId: string, ttlMs: number): Promise<{ token: string; csrf: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = now + ttlMs;
    await this.db
      .insertInto('sessions')
      .values({ token_hash: hashToken(token), user_id: userId, csrf, created_at: now, expires_at: expiresAt })
      .execute();
    return { token, csrf, expiresAt };
  }

  async find(token: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.username', 'users.role', 'users.created_at', 'sessions.csrf', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', hashToken(token))
      .where('sessions.expires_at', '>', Date.now())
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      user: { id: row.id, username: row.username, role: row.role as Role, createdAt: row.created_at },
      csrf: row.csrf,
      expiresAt: row.expires_at,
    };
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async purgeExpired(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
  }
}
