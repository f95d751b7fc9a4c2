import { UserRepo, type Role } from '../../store/users.ts';
import { generatePassword, hashPassword } from '../../store/passwords.ts';
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
  await cli.withStore(async (store) => {
    const users = new UserRepo(store.db);
    if (await users.findByName(username)) throw new UsageError(`an account named "${username}" exists`);
    const user = await users.create(username, await hashPassword(password), opts.role);
    const shown = opts.passwordStdin ? undefined : password;
    cli.report({ user, password: shown }, `created ${opts.role} "${username}"${shown ? ` with password ${shown} (shown once)` : ''}`);
  });
}
