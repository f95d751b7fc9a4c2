import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { SettingsRepo } from './settings.ts';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  role: Role;
  createdAt: number;
}

export interface Account extends User {
  /** When its owner (or an admin) last set the password; null = still the one it was created with. */
  passwordChangedAt: number | null;
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

const changedKey = (id: string) => `user.passwordChangedAt.${id}`;

/** Panel accounts. Sessions and push subscriptions go with an account (foreign keys, cascading). */
export class UserRepo {
  private readonly settings: SettingsRepo;

  /** `onPasswordSet` runs after every password change (it retires the first start's written-down password). */
  constructor(
    private readonly db: Db,
    private readonly onPasswordSet: () => Promise<void> = async () => {},
  ) {
    this.settings = new SettingsRepo(db);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countAdmins(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async create(username: string, passwordHash: string, role: Role): Promise<User> {
    const user: User = { id: randomUUID(), username, role, createdAt: Date.now() };
    await this.db
      .insertInto('users')
      .values({ id: user.id, username, password_hash: passwordHash, role, created_at: user.createdAt })
      .execute();
    return user;
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await this.settings.set(changedKey(id), Date.now());
    await this.onPasswordSet();
  }

  async setRole(id: string, role: Role): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  async findByName(username: string): Promise<(User & { passwordHash: string }) | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row && { id: row.id, username: row.username, role: row.role as Role, createdAt: row.created_at, passwordHash: row.password_hash };
  }

  async get(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('users').select(['id', 'username', 'role', 'created_at']).where('id', '=', id).executeTakeFirst();
    return row && this.account(row);
  }

  async list(): Promise<Account[]> {
    const rows = await this.db.selectFrom('users').select(['id', 'username', 'role', 'created_at']).orderBy('username').execute();
    return Promise.all(rows.map((r) => this.account(r)));
  }

  /** Removes the account with its sessions and push subscriptions. */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await trx.deleteFrom('push_subscriptions').where('user_id', '=', id).execute();
      await trx.deleteFrom('settings').where('key', '=', changedKey(id)).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    });
  }

  private async account(r: { id: string; username: string; role: string; created_at: number }): Promise<Account> {
    const changed = await this.settings.get(changedKey(r.id));
    return { id: r.id, username: r.username, role: r.role as Role, createdAt: r.created_at, passwordChangedAt: typeof changed === 'number' ? changed : null };
  }
}
