import { UserRepo, type Role } from '../../store/users.ts';
import { generatePassword, hashPassword } from '../../store/passwords.ts';
import { SessionRepo } from '../../store/sessions.ts';
import { retireInitialAdminPassword } from '../../store/initialAdmin.ts';
import { UsageError } from '../basics.ts';
import { readStdinLine, type Cli } from '../context.ts';

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

async function newPassword(fromStdin: boolean | undefined): Promise<string> {
  const password = fromStdin ? await readStdinLine() : generatePassword();
  if (password.length < 10) throw new UsageError('password: at least 10 characters');
  return password;
}

export async function adminAdd(cli: Cli, username: string, opts: { role: Role; passwordStdin?: boolean }): Promise<void> {
  if (!USERNAME.test(username)) throw new UsageError('username: 1-64 letters, digits or . _ @ -');
  const password = await newPassword(opts.passwordStdin);
  await cli.withStore(async (store, cfg) => {
    const users = new UserRepo(store.db);
    if (await users.findByName(username)) throw new UsageError(`an account named "${username}" exists`);
    const user = await users.create(username, await hashPassword(password), opts.role);
    await cli.audit(store, cfg, { subject: 'account', action: 'created', target: user.id });
    const shown = opts.passwordStdin ? undefined : password;
    cli.report({ user, password: shown }, `created ${opts.role} "${username}"${shown ? ` with password ${shown} (shown once)` : ''}`);
  });
}

/** For a forgotten password: sets a new one and signs the account out everywhere. */
export async function adminResetPassword(cli: Cli, username: string, opts: { passwordStdin?: boolean }): Promise<void> {
  const password = await newPassword(opts.passwordStdin);
  await cli.withStore(async (store, cfg) => {
    const users: UserRepo = new UserRepo(store.db, () => retireInitialAdminPassword(users, cfg.dataDir));
    const user = await users.findByName(username);
    if (!user) throw new UsageError(`no account named "${username}"`);
    await users.setPassword(user.id, await hashPassword(password));
    await new SessionRepo(store.db).deleteForUser(user.id);
    await cli.audit(store, cfg, { subject: 'account', action: 'changed', target: user.id });
    const shown = opts.passwordStdin ? undefined : password;
    cli.report({ user: { id: user.id, username, role: user.role }, password: shown }, `new password for "${username}"${shown ? `: ${shown} (shown once)` : ' set'}; signed out everywhere`);
  });
}
