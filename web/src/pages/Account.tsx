import type { FormEvent } from 'react';
import { LogOut } from 'lucide-react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { Field, PageHeader, Status, useAction } from '../components/ui.tsx';
import { ThisDevice } from '../components/ThisDevice.tsx';
import { SIGN_IN_NOTICE } from './SignIn.tsx';

export default function Account() {
  const { session, signOut, forget } = useSession();
  const action = useAction();
  const change = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    if (await action.run(() => api.post('/api/auth/password', { current: String(f.get('current')), next: String(f.get('password')) }))) {
      form.reset();
      // The server signs every session out, this one too: back to sign-in, saying why.
      sessionStorage.setItem(SIGN_IN_NOTICE, 'Password changed. Sign in with your new password.');
      forget();
    }
  };
  return (
    <>
      <PageHeader title="Account">
        Signed in as {session?.user.username} ({session?.user.role})
      </PageHeader>
      <div className="grid">
        <section className="card" aria-labelledby="pw-h">
          <h2 id="pw-h">Change your password</h2>
          <form onSubmit={(e) => void change(e)} aria-label="Change your password">
            <Field label="Current password">{(p) => <input {...p} name="current" type="password" autoComplete="current-password" required />}</Field>
            <Field label="New password" help="At least 10 characters. A few unrelated words make a strong one.">
              {(p) => <input {...p} name="password" type="password" autoComplete="new-password" minLength={10} required />}
            </Field>
            <button type="submit" className="btn primary">
              Change password
            </button>
            <Status message={action.message} error={action.error} />
          </form>
        </section>
        <ThisDevice />
        <section className="card" aria-labelledby="sessions-h">
          <h2 id="sessions-h">Sessions</h2>
          <p className="help">Signs you out here and on every other browser and phone.</p>
          <div className="row-actions">
            <button type="button" className="btn secondary" onClick={() => void signOut()}>
              <LogOut aria-hidden="true" size={18} /> Sign out
            </button>
            <button type="button" className="btn secondary" onClick={() => void signOut(true)}>
              Sign out everywhere
            </button>
          </div>
        </section>
      </div>
    </>
  );
}
