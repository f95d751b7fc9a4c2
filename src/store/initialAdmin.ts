// The first start's `admin` account and its generated password. The password is printed and also
// kept in <data>/initial-admin-password (0600) until it stops being admin's password, so a user
// who missed the line is not locked out. The account is made only once start-up has succeeded:
// a start that fails (a port in use) leaves no account whose password nobody saw.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';
import type { UserRepo } from './users.ts';

export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';
const FIRST_ADMIN = 'admin';

/** With no account yet, makes `admin` with a random password, writes it down (0600) and prints it. */
export async function ensureFirstAdmin(users: UserRepo, dataDir: string, log: Logger): Promise<void> {
  if ((await users.count()) > 0) return retireInitialAdminPassword(users, dataDir);
  const password = generatePassword();
  const file = path.join(dataDir, INITIAL_ADMIN_PASSWORD_FILE);
  rmSync(file, { force: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await users.create(FIRST_ADMIN, await hashPassword(password), 'admin');
  } catch (err) {
    rmSync(file, { force: true });
    throw err;
  }
  log.info({ file }, 'created the first admin account');
  process.stderr.write(
    `\n  First start: sign in as "${FIRST_ADMIN}" with password ${password}\n` +
      `  (also in ${file} until that password is changed; change it in the panel or create your own account with "vigil admin add")\n\n`,
  );
}

/** Removes the written-down password once it no longer opens the admin account. */
export async function retireInitialAdminPassword(users: UserRepo, dataDir: string): Promise<void> {
  const file = path.join(dataDir, INITIAL_ADMIN_PASSWORD_FILE);
  let password: string;
  try {
    password = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const admin = await users.findByName(FIRST_ADMIN);
  if (!admin || !(await verifyPassword(admin.passwordHash, password))) rmSync(file, { force: true });
}
