import { useState, type FormEvent } from 'react';
import { KeyRound, Plus, Trash2 } from 'lucide-react';
import { api, type Account, type Role } from '../api.ts';
import { useApi } from '../useApi.ts';
import { useSession } from '../session.tsx';
import { relativeTime } from '../format.ts';
import { Badge, Confirm, Drawer, Field, PageHeader, ShownOnce, Status, useAction } from '../components/ui.tsx';

const ROLES: Array<{ role: Role; label: string; help: string }> = [
  { role: 'viewer', label: 'Viewer', help: 'Sees the status, the log and the people.' },
  { role: 'operator', label: 'Operator', help: 'Also arms and disarms, unlocks doors and acknowledges alerts.' },
  { role: 'admin', label: 'Admin', help: 'Also manages people, sensors, channels, accounts and settings.' },
];

function AddUser({ onAdded }: { onAdded: () => void }) {
  const [made, setMade] = useState<{ username: string; password: string | null } | null>(null);
  const action = useAction();
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get('password') ?? '');
    await action.run(async () => {
      const r = await api.post<{ user: Account; password: string | null }>('/api/users', { username: String(f.get('username')).trim(), role: String(f.get('role')), ...(password ? { password } : {}) });
      setMade({ username: r.user.username, password: r.password });
      onAdded();
    });
  };
  return (
    <Drawer
      title="Add an account"
      description="Someone who signs in to this panel. People who only come through the door are added under People."
      onOpenChange={(o) => !o && (setMade(null), action.clear())}
      trigger={
        <button type="button" className="btn primary">
          <Plus aria-hidden="true" size={18} /> Add account
        </button>
      }
    >
      {made ? (
        <ShownOnce label="New account">
          <p>
            <strong>{made.username}</strong> can sign in now
            {made.password ? (
              <>
                {' '}
                with the password <code>{made.password}</code> (shown once; they should change it under Account).
              </>
            ) : (
              ' with the password you chose.'
            )}
          </p>
        </ShownOnce>
      ) : (
        <form onSubmit={(e) => void add(e)} aria-label="Add an account">
          <Field label="Username" help="Letters, digits, . _ @ and -.">
            {(p) => <input {...p} name="username" required maxLength={64} pattern="[A-Za-z0-9][A-Za-z0-9._@\-]{0,63}" autoComplete="off" autoCapitalize="none" />}
          </Field>
          <fieldset>
            <legend>Role</legend>
            {ROLES.map((r) => (
              <label key={r.role} className="check option">
                <input type="radio" name="role" value={r.role} defaultChecked={r.role === 'viewer'} />
                <span>
                  <strong>{r.label}</strong> <span className="help">{r.help}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <Field label="Password (optional)" help="Leave it empty and Vigil makes one, shown once. At least 10 characters.">
            {(p) => <input {...p} name="password" type="password" minLength={10} autoComplete="new-password" />}
          </Field>
          <button type="submit" className="btn primary">
            Add account
          </button>
          <Status error={action.error} />
        </form>
      )}
    </Drawer>
  );
}

export default function Users() {
  const { session } = useSession();
  const users = useApi<Account[]>('/api/users');
  const action = useAction();
  const [reset, setReset] = useState<{ username: string; password: string } | null>(null);
  return (
    <>
      <PageHeader title="Users" actions={<AddUser onAdded={users.reload} />}>
        Accounts that sign in to this panel, and what each may do.
      </PageHeader>
      <Status message={action.message} error={action.error || users.error} />
      {reset && (
        <ShownOnce label="New password">
          <p>
            New password for <strong>{reset.username}</strong> (shown once; every session of theirs is signed out): <code>{reset.password}</code>
          </p>
        </ShownOnce>
      )}
      <section className="card">
        <table className="table cards" aria-label="Accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
              <th scope="col">Password</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((u) => {
              const me = u.id === session?.user.id;
              return (
                <tr key={u.id}>
                  <td data-label="Account">
                    <strong>{u.username}</strong> {me && <Badge tone="info">you</Badge>}
                    <span className="muted small block">since {relativeTime(u.createdAt)}</span>
                  </td>
                  <td data-label="Role">
                    <label className="sr-only" htmlFor={`role-${u.id}`}>
                      Role of {u.username}
                    </label>
                    <select
                      id={`role-${u.id}`}
                      value={u.role}
                      onChange={(e) => void action.run(() => api.patch(`/api/users/${u.id}`, { role: e.target.value }).then(users.reload), `${u.username} is now ${e.target.value}.`)}
                    >
                      {ROLES.map((r) => (
                        <option key={r.role} value={r.role}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label="Password">{u.passwordChangedAt ? `changed ${relativeTime(u.passwordChangedAt)}` : <Badge tone="warn">never changed</Badge>}</td>
                  <td data-label="Actions">
                    <div className="row-actions">
                    {!me && (
                      <>
                        <Confirm
                          tone="primary"
                          trigger={
                            <button type="button" className="btn ghost" aria-label={`New password for ${u.username}`}>
                              <KeyRound aria-hidden="true" size={16} /> New password
                            </button>
                          }
                          title={`Give ${u.username} a new password?`}
                          description="Vigil makes one and shows it once; their current password stops working and they are signed out everywhere."
                          action="Make new password"
                          onConfirm={async () => {
                            const r = await api.post<{ password: string }>(`/api/users/${u.id}/password`);
                            setReset({ username: u.username, password: r.password });
                            users.reload();
                          }}
                        />
                        <Confirm
                          trigger={
                            <button type="button" className="btn ghost danger-text" aria-label={`Remove ${u.username}`}>
                              <Trash2 aria-hidden="true" size={16} /> Remove
                            </button>
                          }
                          title={`Remove the account ${u.username}?`}
                          description="They are signed out everywhere and cannot sign in again. The log keeps what they did."
                          action="Remove account"
                          onConfirm={async () => {
                            await api.del(`/api/users/${u.id}`);
                            users.reload();
                          }}
                        />
                      </>
                    )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
