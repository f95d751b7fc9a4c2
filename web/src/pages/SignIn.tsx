import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../session.tsx';

/** A message for the sign-in page from the page before it (a password just changed). */
export const SIGN_IN_NOTICE = 'vigil.signin.notice';

export function SignIn() {
  const { signIn } = useSession();
  const [notice] = useState(() => {
    const n = sessionStorage.getItem(SIGN_IN_NOTICE) ?? '';
    sessionStorage.removeItem(SIGN_IN_NOTICE);
    return n;
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in · Vigil';
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      await signIn(String(form.get('username')), String(form.get('password')));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <img src="/favicon.svg" alt="" width={56} height={56} />
      <h1>Sign in to Vigil</h1>
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <div className="field">
          <label htmlFor="username">Username</label>
          <input id="username" name="username" autoComplete="username" autoCapitalize="none" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary wide-btn" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
