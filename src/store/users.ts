import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  role: Role;
  createdAt: number;
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export class UserRepo {
  /** `onPasswordSet` runs after every password change (it retires the first start's written-down password). */
  constructor(
    private readonly db: Db,
    private readonly onPasswordSet: () => Promise<void> = async () => {},
  ) {}

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
    await this.onPasswordSet();
  }

  async findByName(username: string): Promise<(User & { passwordHash: string }) | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row && { id: row.id, username: row.username, role: row.role as Role, createdAt: row.created_at, passwordHash: row.password_hash };
  }
}
